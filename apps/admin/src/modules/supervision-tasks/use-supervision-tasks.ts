import type {
  Board,
  CreateSourceInput,
  CreateTaskInput,
  DecideExtensionInput,
  Figures,
  FiguresQuery,
  FigureGroup,
  Notification,
  RecordCaseOutcomeInput,
  ReopenInput,
  RequestExtensionInput,
  ReviewReportInput,
  SavedView,
  SaveViewInput,
  SignOffInput,
  Source,
  SourceDetail,
  SourceKind,
  SubmitReportInput,
  TaskDetail,
  TaskFilter,
  TaskListQuery,
  TaskView,
  UpdateSourceInput,
  UpdateTaskInput,
} from "@ecogov/domain/supervision-tasks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, type Ref } from "vue";
import { trpc } from "../../trpc";

/** Every query of the module sits under this key, so one command refreshes lists, boards and figures alike. */
export const SUPERVISION_KEY = ["supervision-tasks"] as const;

type Input<T> = { [K in keyof T]?: T[K] };

export function useTaskList(query: Ref<Input<TaskListQuery>>) {
  return useQuery({
    queryKey: computed(() => [...SUPERVISION_KEY, "list", query.value] as const),
    queryFn: (): Promise<{ asOf: string; total: number; items: TaskView[] }> => trpc.supervisionTasks.list.query(query.value),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: Ref<string>) {
  return useQuery({
    queryKey: computed(() => [...SUPERVISION_KEY, "task", id.value] as const),
    queryFn: (): Promise<TaskDetail> => trpc.supervisionTasks.get.query({ id: id.value }),
  });
}

export function useBoard() {
  return useQuery({
    queryKey: [...SUPERVISION_KEY, "board"] as const,
    queryFn: (): Promise<Board> => trpc.supervisionTasks.board.query(),
  });
}

export function useFigures(query: Ref<Input<FiguresQuery>>) {
  return useQuery({
    queryKey: computed(() => [...SUPERVISION_KEY, "figures", query.value] as const),
    queryFn: (): Promise<Figures> => trpc.supervisionTasks.figures.query(query.value),
    placeholderData: keepPreviousData,
  });
}

export type SourceWithFigures = Source & { figures: FigureGroup };

export function useSources(filter: Ref<{ kind?: SourceKind; parentId?: string }> | null = null) {
  return useQuery({
    queryKey: computed(() => [...SUPERVISION_KEY, "sources", filter?.value ?? {}] as const),
    queryFn: (): Promise<SourceWithFigures[]> => trpc.supervisionTasks.sources.list.query(filter?.value ?? {}),
    staleTime: 60_000,
  });
}

export function useSource(id: Ref<string>) {
  return useQuery({
    queryKey: computed(() => [...SUPERVISION_KEY, "source", id.value] as const),
    queryFn: (): Promise<SourceDetail> => trpc.supervisionTasks.sources.get.query({ id: id.value }),
    enabled: computed(() => id.value !== ""),
  });
}

export function useSavedViews() {
  return useQuery({
    queryKey: [...SUPERVISION_KEY, "views"] as const,
    queryFn: (): Promise<SavedView[]> => trpc.supervisionTasks.views.list.query(),
  });
}

/** The in-app reminders; the layout's indicator polls so a returned report shows up without reloading. */
export function useNotifications(opts: { unreadOnly?: boolean; limit?: number; poll?: boolean } = {}) {
  const input = { unreadOnly: opts.unreadOnly ?? false, limit: opts.limit ?? 50 };
  return useQuery({
    queryKey: [...SUPERVISION_KEY, "notifications", input] as const,
    queryFn: (): Promise<{ items: Notification[]; unread: number }> => trpc.supervisionTasks.notifications.list.query(input),
    refetchInterval: opts.poll ? 60_000 : false,
  });
}

/** After any command: tasks, boards, figures, sources and notifications may all have changed. */
export function useInvalidateSupervision() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: SUPERVISION_KEY }), client.invalidateQueries({ queryKey: ["audit"] })]);
}

function useCommand<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const invalidate = useInvalidateSupervision();
  return useMutation({ mutationFn: run, onSuccess: invalidate });
}

// The inputs are the domain schemas' inputs: defaults (empty lists, nulls) may be left out.
type In<T> = Partial<T>;

export const useCreateSource = () => useCommand((input: In<CreateSourceInput> & Pick<CreateSourceInput, "kind" | "code" | "title">) => trpc.supervisionTasks.sources.create.mutate(input));
export const useUpdateSource = () => useCommand((input: UpdateSourceInput) => trpc.supervisionTasks.sources.update.mutate(input));
export const useCreateTask = () => useCommand((input: In<CreateTaskInput> & Pick<CreateTaskInput, "sourceId" | "code" | "title" | "leadUnitId" | "deadline">) => trpc.supervisionTasks.create.mutate(input));
export const useUpdateTask = () => useCommand((input: In<UpdateTaskInput> & Pick<UpdateTaskInput, "id" | "code" | "title" | "leadUnitId" | "deadline">) => trpc.supervisionTasks.update.mutate(input));
export const useSubmitReport = () => useCommand((input: In<SubmitReportInput> & Pick<SubmitReportInput, "taskId" | "body">) => trpc.supervisionTasks.submitReport.mutate(input));
export const useReviewReport = () => useCommand((input: In<ReviewReportInput> & Pick<ReviewReportInput, "reportId" | "decision">) => trpc.supervisionTasks.reviewReport.mutate(input));
export const useRequestExtension = () => useCommand((input: RequestExtensionInput) => trpc.supervisionTasks.requestExtension.mutate(input));
export const useDecideExtension = () => useCommand((input: In<DecideExtensionInput> & Pick<DecideExtensionInput, "extensionId" | "approve">) => trpc.supervisionTasks.decideExtension.mutate(input));
export const useSignOff = () => useCommand((input: In<SignOffInput> & Pick<SignOffInput, "taskId" | "note">) => trpc.supervisionTasks.signOff.mutate(input));
export const useReopen = () => useCommand((input: In<ReopenInput> & Pick<ReopenInput, "taskId" | "reason">) => trpc.supervisionTasks.reopen.mutate(input));
export const useRecordCaseOutcome = () => useCommand((input: In<RecordCaseOutcomeInput> & Pick<RecordCaseOutcomeInput, "taskId" | "outcome">) => trpc.supervisionTasks.recordCaseOutcome.mutate(input));
export const useSaveView = () => useCommand((input: In<SaveViewInput> & Pick<SaveViewInput, "name" | "filters">) => trpc.supervisionTasks.views.save.mutate(input));
export const useDeleteView = () => useCommand((input: { id: string }) => trpc.supervisionTasks.views.delete.mutate(input));
export const useMarkNotificationsRead = () => useCommand((input: { ids: string[] | "all" }) => trpc.supervisionTasks.notifications.markRead.mutate(input));

export type { TaskFilter };

export const useUpsertProblem = () =>
  useCommand((input: { sourceId: string; code: string; title: string; description?: string | null }) => trpc.supervisionTasks.sources.upsertProblem.mutate(input));
