import type { Town, Unit } from "@ecogov/domain/org";
import { useQuery } from "@tanstack/vue-query";
import { computed } from "vue";
import { trpc } from "../../trpc";

/** Towns the actor may see (a town officer: only their own). */
export function useTowns(enabled: () => boolean = () => true) {
  return useQuery({
    queryKey: ["org", "towns"],
    queryFn: (): Promise<Town[]> => trpc.org.towns.query(),
    staleTime: 10 * 60_000,
    enabled: computed(enabled),
  });
}

/** Responsible units the actor may see. */
export function useUnits(enabled: () => boolean = () => true) {
  return useQuery({
    queryKey: ["org", "units"],
    queryFn: (): Promise<Unit[]> => trpc.org.units.query(),
    staleTime: 10 * 60_000,
    enabled: computed(enabled),
  });
}
