import type { TRPCRouterRecord } from "@trpc/server";
import { notificationsRouter, viewsRouter } from "./mine";
import { progressRouter } from "./progress";
import { publicRouter } from "./public";
import { sourcesRouter } from "./sources";
import { tasksRouter } from "./tasks";

/**
 * Supervision tasks (督察整改). Task procedures sit at the top (`supervisionTasks.list`, `.get`, `.submitReport`…);
 * sources, saved views, notifications and the public pages are nested. Files (attachments, .xlsx import and export)
 * go through the Hono routes under /api/attachments (apps/api/src/attachments.ts).
 */
export const supervisionTasksRouter = {
  ...tasksRouter,
  ...progressRouter,
  sources: sourcesRouter,
  views: viewsRouter,
  notifications: notificationsRouter,
  public: publicRouter,
} satisfies TRPCRouterRecord;
