import { createRouter, createWebHistory, type RouterHistory } from "vue-router";
import { airRoutes } from "./modules/air/air.routes";
import { homeRoutes } from "./modules/home/home.routes";
import { openDataRoutes } from "./modules/open-data/open-data.routes";
import { supervisionRoutes } from "./modules/supervision/supervision.routes";
import { waterRoutes } from "./modules/water/water.routes";

declare module "vue-router" {
  interface RouteMeta {
    /** i18n key of the page title, used for `document.title`. */
    titleKey?: string;
  }
}

/** Every page is its own lazily loaded chunk; one line per module registers its routes. */
export const routes = [
  ...homeRoutes,
  ...airRoutes,
  ...waterRoutes,
  ...supervisionRoutes,
  ...openDataRoutes,
  { path: "/:pathMatch(.*)*", name: "not-found", component: () => import("./shell/NotFoundPage.vue"), meta: { titleKey: "common.notFound.title" } },
];

export function createPortalRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  return createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
}
