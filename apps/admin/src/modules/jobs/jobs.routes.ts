import type { RouteRecordRaw } from "vue-router";

export const jobsRoutes: RouteRecordRaw[] = [
  { path: "jobs", name: "jobs", component: () => import("./JobRunsPage.vue"), meta: { titleKey: "jobs.title", roles: ["admin", "leader"] } },
];
