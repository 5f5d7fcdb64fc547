import { auditRouter } from "./routers/audit.router";
import { authRouter } from "./routers/auth.router";
import { dashboardRouter } from "./routers/dashboard.router";
import { indicatorsRouter } from "./routers/indicators/router";
import { jobsRouter } from "./routers/jobs.router";
import { orgRouter } from "./routers/org.router";
import { usersRouter } from "./routers/users.router";
import { supervisionTasksRouter } from "./routers/supervision-tasks/router";
import { calendarRouter } from "./routers/calendar.router";
import { router } from "./trpc";

/** The whole tRPC API; a module adds one line here. */
export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  org: orgRouter,
  audit: auditRouter,
  jobs: jobsRouter,
  dashboard: dashboardRouter,
  supervisionTasks: supervisionTasksRouter,
  calendar: calendarRouter,
  indicators: indicatorsRouter,
});

export type AppRouter = typeof appRouter;
