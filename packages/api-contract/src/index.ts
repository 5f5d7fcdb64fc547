export { appRouter, type AppRouter } from "./root";
export { createCallerFactory } from "./trpc";
export type { ApiDeps, ApiRepos, Context } from "./context";
