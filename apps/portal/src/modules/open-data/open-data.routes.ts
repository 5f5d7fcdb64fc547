import type { RouteRecordRaw } from "vue-router";

export const openDataRoutes: RouteRecordRaw[] = [
  { path: "/open-data", name: "open-data", component: () => import("./OpenDataPage.vue"), meta: { titleKey: "openData.title" } },
];
