import type { RouteRecordRaw } from "vue-router";

export const supervisionRoutes: RouteRecordRaw[] = [
  { path: "/supervision", name: "supervision", component: () => import("./SupervisionRoundsPage.vue"), meta: { titleKey: "common.nav.supervision" } },
  { path: "/supervision/:code", name: "supervision-round", component: () => import("./SupervisionRoundPage.vue"), props: true, meta: { titleKey: "common.nav.supervision" } },
];
