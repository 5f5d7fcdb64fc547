import type { Role } from "@ecogov/domain/auth";
import type { RouteRecordRaw } from "vue-router";

/**
 * Bureau staff read the indicators (administrators, leaders and every section, as the API's `indicators.*`
 * procedures allow); monitoring staff import data. Spelled out rather than built from `SECTIONS` so the router
 * chunk does not pull in the auth schemas (a test checks the list against the domain).
 */
export const INDICATOR_VIEW_ROLES = ["admin", "leader", "monitoring", "enforcement", "approvals", "supervision", "petitions", "emergency"] as const satisfies readonly Role[];
export const INDICATOR_IMPORT_ROLES = ["admin", "monitoring"] as const satisfies readonly Role[];

/** Nested under one path so the module's navigation link stays active on every indicators page. */
export const indicatorsRoutes: RouteRecordRaw[] = [
  {
    path: "indicators",
    meta: { roles: INDICATOR_VIEW_ROLES },
    children: [
      { path: "", name: "indicators", component: () => import("./IndicatorsDashboardPage.vue"), meta: { moduleKey: "indicators" } },
      { path: "kpis", name: "indicators-kpis", component: () => import("./IndicatorsKpisPage.vue"), meta: { titleKey: "indicators.kpis.title" } },
      { path: "entries", name: "indicators-entries", component: () => import("./IndicatorsEntriesPage.vue"), meta: { titleKey: "indicators.entries.title", roles: INDICATOR_IMPORT_ROLES } },
      { path: "import", name: "indicators-import", component: () => import("./IndicatorsImportPage.vue"), meta: { titleKey: "indicators.import.title", roles: INDICATOR_IMPORT_ROLES } },
    ],
  },
];
