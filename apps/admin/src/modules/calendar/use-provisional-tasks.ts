import type { TaskView } from "@ecogov/domain/supervision-tasks";
import { trpc } from "../../trpc";

const OPEN = ["not_started", "on_schedule", "due_soon", "overdue", "reopened"] as const;

/**
 * The open supervision tasks, read before and after a holiday notice is entered so the page can say which
 * deadlines stopped being provisional (期限待定) and what they became. The list has no "provisional" filter, so
 * the open tasks are read in pages and compared here.
 */
export async function loadOpenTasks(): Promise<TaskView[]> {
  const out: TaskView[] = [];
  for (let offset = 0; offset < 5000; offset += 500) {
    const page = await trpc.supervisionTasks.list.query({ status: [...OPEN], sort: "due", limit: 500, offset });
    out.push(...page.items);
    if (offset + 500 >= page.total) break;
  }
  return out;
}

export interface FirmedTask {
  task: TaskView;
  /** The provisional due date before the notice was entered. */
  wasDueOn: string | null;
}

/** Tasks provisional before and firm after, with their recomputed deadline and the one they had. */
export function firmedTasks(before: readonly TaskView[], after: readonly TaskView[]): FirmedTask[] {
  const now = new Map(after.map((x) => [x.id, x]));
  return before.filter((x) => x.provisional).flatMap((x) => {
    const y = now.get(x.id);
    return y && !y.provisional ? [{ task: y, wasDueOn: x.dueOn }] : [];
  });
}
