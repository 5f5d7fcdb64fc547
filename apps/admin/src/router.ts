import { MODULES, type ModuleKey } from "@ecogov/domain";
import type { Role } from "@ecogov/domain/auth";
import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from "vue-router";
import { i18n } from "./i18n";
import { auditRoutes } from "./modules/audit/audit.routes";
import { authPublicRoutes, authRoutes } from "./modules/auth/auth.routes";
import { ME_KEY, meQueryOptions } from "./modules/auth/use-auth";
import { comingRoutes } from "./modules/coming/coming.routes";
import { homeRoutes } from "./modules/home/home.routes";
import { indicatorsRoutes } from "./modules/indicators/indicators.routes";
import { jobsRoutes } from "./modules/jobs/jobs.routes";
import { usersRoutes } from "./modules/users/users.routes";
import { supervisionTasksRoutes } from "./modules/supervision-tasks/supervision-tasks.routes";
import { calendarRoutes } from "./modules/calendar/calendar.routes";
import { queryClient, setOnSessionLost } from "./query";

declare module "vue-router" {
  interface RouteMeta {
    /** Reachable without logging in. */
    public?: boolean;
    /** Only these roles may open the page (the API enforces the same). */
    roles?: readonly Role[];
    /** i18n key of the page title. */
    titleKey?: string;
    /** Module pages take their title from MODULES. */
    moduleKey?: ModuleKey;
  }
}

// One line per module; every page loads lazily so the first chunk stays small.
const routes: RouteRecordRaw[] = [
  ...authPublicRoutes,
  {
    path: "/",
    component: () => import("./modules/layout/AppLayout.vue"),
    children: [
      ...homeRoutes,
      ...indicatorsRoutes,
      ...comingRoutes,
      ...usersRoutes,
      ...auditRoutes,
      ...jobsRoutes,
      ...supervisionTasksRoutes,
      ...calendarRoutes,
      ...authRoutes,
      { path: "forbidden", name: "forbidden", component: () => import("./modules/layout/ForbiddenPage.vue"), meta: { titleKey: "common.forbidden.title" } },
      { path: ":pathMatch(.*)*", name: "not-found", component: () => import("./modules/layout/NotFoundPage.vue"), meta: { titleKey: "common.notFound.title" } },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  if (to.meta.public) {
    // A logged-in user who opens the login page goes to the dashboard.
    if (to.name === "login" && queryClient.getQueryData(ME_KEY)) return { name: "home" };
    return true;
  }
  let me;
  try {
    me = await queryClient.ensureQueryData(meQueryOptions);
  } catch {
    me = null;
  }
  if (!me) return { name: "login", query: to.fullPath === "/" ? {} : { redirect: to.fullPath } };
  const roles = to.meta.roles;
  if (roles && !roles.includes(me.role)) return { name: "forbidden" };
  return true;
});

export function pageTitle(route: RouteLocationNormalized): string {
  const t = i18n.global.t;
  const app = t("common.appName");
  const mod = route.meta.moduleKey ? MODULES.find((m) => m.key === route.meta.moduleKey) : undefined;
  const page = mod ? (i18n.global.locale.value === "en" ? mod.en : mod.zh) : route.meta.titleKey ? t(route.meta.titleKey) : null;
  return page ? `${page} · ${app}` : app;
}

router.afterEach((to) => {
  document.title = pageTitle(to);
});

// A request found the session gone: forget the user and ask them to log in again.
setOnSessionLost(() => {
  if (!queryClient.getQueryData(ME_KEY)) return;
  queryClient.clear();
  queryClient.setQueryData(ME_KEY, null);
  const current = router.currentRoute.value;
  if (!current.meta.public) void router.push({ name: "login", query: { expired: "1", redirect: current.fullPath } });
});
