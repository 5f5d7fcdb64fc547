import type { JobRun } from "@ecogov/domain/jobs";
import { keepPreviousData, useQuery } from "@tanstack/vue-query";
import { computed, type Ref } from "vue";
import { trpc } from "../../trpc";

export interface JobRunFilter {
  jobName?: string;
  limit: number;
}

export function useJobRuns(filter: Ref<JobRunFilter>) {
  return useQuery({
    queryKey: computed(() => ["jobs", "runs", filter.value] as const),
    queryFn: (): Promise<JobRun[]> => trpc.jobs.runs.query(filter.value),
    placeholderData: keepPreviousData,
    // A running job finishes on its own: look again now and then while the page is open.
    refetchInterval: 30_000,
  });
}
