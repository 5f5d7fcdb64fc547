import type { RouteRecordRaw } from "vue-router";

export const airRoutes: RouteRecordRaw[] = [
  { path: "/air", name: "air", component: () => import("./AirPage.vue"), meta: { titleKey: "common.nav.air" } },
];
