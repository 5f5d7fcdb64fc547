import type { RouteRecordRaw } from "vue-router";

const ADMIN_ONLY = ["admin"] as const;

export const usersRoutes: RouteRecordRaw[] = [
  { path: "users", name: "users", component: () => import("./UserListPage.vue"), meta: { titleKey: "users.title", roles: ADMIN_ONLY } },
  { path: "users/new", name: "user-new", component: () => import("./UserEditPage.vue"), meta: { titleKey: "users.new", roles: ADMIN_ONLY } },
  {
    path: "users/:id",
    name: "user-edit",
    component: () => import("./UserEditPage.vue"),
    props: (route) => ({ userId: String(route.params.id) }),
    meta: { titleKey: "users.title", roles: ADMIN_ONLY },
  },
];
