import type { RouteRecordRaw } from "vue-router";

export const waterRoutes: RouteRecordRaw[] = [
  { path: "/water", name: "water", component: () => import("./WaterPage.vue"), meta: { titleKey: "common.nav.water" } },
];
