import { useQuery } from "@tanstack/vue-query";
import { trpc } from "../../trpc";

/** Everything the home dashboard shows, scoped by the API to what the actor may see. */
export function useDashboard() {
  return useQuery({
    queryKey: ["dashboard", "summary"],
    queryFn: () => trpc.dashboard.summary.query(),
  });
}

export type DashboardSummary = Awaited<ReturnType<typeof trpc.dashboard.summary.query>>;
