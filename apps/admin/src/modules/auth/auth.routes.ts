import type { RouteRecordRaw } from "vue-router";

/** Public: the login page (outside the layout). */
export const authPublicRoutes: RouteRecordRaw[] = [
  { path: "/login", name: "login", component: () => import("./LoginPage.vue"), meta: { public: true, titleKey: "auth.login.title" } },
];

/** Inside the layout: the user's own account. */
export const authRoutes: RouteRecordRaw[] = [
  { path: "account/password", name: "change-password", component: () => import("./ChangePasswordPage.vue"), meta: { titleKey: "auth.password.title" } },
];
