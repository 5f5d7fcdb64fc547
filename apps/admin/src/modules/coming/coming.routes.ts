import { MODULES, type ModuleStatus } from "@ecogov/domain";
import type { RouteRecordRaw } from "vue-router";

/**
 * One route per module of PRODUCT.md that is not built yet, at the module's path, showing what is
 * coming. When a module ships (its status becomes "available"), its own `<module>.routes.ts` takes the path.
 */
export const comingRoutes: RouteRecordRaw[] = MODULES.filter((m) => (m.status as ModuleStatus) !== "available").map((m) => ({
  path: m.path,
  name: `module-${m.path}`,
  component: () => import("./ModuleComingPage.vue"),
  props: { moduleKey: m.key },
  meta: { moduleKey: m.key },
}));
