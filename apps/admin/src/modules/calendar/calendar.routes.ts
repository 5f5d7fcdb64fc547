import type { RouteRecordRaw } from "vue-router";

/** The holiday calendar is system data: administrators enter each year's State Council notice. */
export const calendarRoutes: RouteRecordRaw[] = [
  { path: "calendar", name: "calendar", component: () => import("./CalendarYearsPage.vue"), meta: { titleKey: "calendar.title", roles: ["admin"] } },
];
