import type { RouteRecordRaw } from "vue-router";

const MANAGERS = ["supervision", "leader"] as const;

/**
 * The module's pages under /supervision-tasks (nested, so the navigation marks the module on every page). Anyone
 * logged in may open the read pages (the API limits what they see); entering sources, tasks and imports is for
 * supervision staff and leaders.
 */
export const supervisionTasksRoutes: RouteRecordRaw[] = [
  {
    path: "supervision-tasks",
    children: [
      { path: "", name: "supervision-home", component: () => import("./SupervisionHomePage.vue"), meta: { moduleKey: "supervisionTasks" } },
      { path: "tasks", name: "supervision-task-list", component: () => import("./SupervisionTaskListPage.vue"), meta: { titleKey: "supervision-tasks.list.title" } },
      { path: "tasks/new", name: "supervision-task-new", component: () => import("./SupervisionTaskEditPage.vue"), meta: { titleKey: "supervision-tasks.task.new", roles: MANAGERS } },
      {
        path: "tasks/:id",
        name: "supervision-task",
        component: () => import("./SupervisionTaskPage.vue"),
        props: (route) => ({ taskId: String(route.params.id) }),
        meta: { titleKey: "supervision-tasks.task.title" },
      },
      {
        path: "tasks/:id/edit",
        name: "supervision-task-edit",
        component: () => import("./SupervisionTaskEditPage.vue"),
        props: (route) => ({ taskId: String(route.params.id) }),
        meta: { titleKey: "supervision-tasks.taskForm.title", roles: MANAGERS },
      },
      { path: "board", name: "supervision-board", component: () => import("./SupervisionBoardPage.vue"), meta: { titleKey: "supervision-tasks.board.title" } },
      { path: "import", name: "supervision-import", component: () => import("./SupervisionImportPage.vue"), meta: { titleKey: "supervision-tasks.import.title", roles: MANAGERS } },
      { path: "notifications", name: "supervision-notifications", component: () => import("./SupervisionNotificationsPage.vue"), meta: { titleKey: "supervision-tasks.notifications.title" } },
      { path: "sources/new", name: "supervision-source-new", component: () => import("./SupervisionSourceEditPage.vue"), meta: { titleKey: "supervision-tasks.sources.new", roles: MANAGERS } },
      {
        path: "sources/:id",
        name: "supervision-source",
        component: () => import("./SupervisionSourcePage.vue"),
        props: (route) => ({ sourceId: String(route.params.id) }),
        meta: { titleKey: "supervision-tasks.sources.title" },
      },
      {
        path: "sources/:id/edit",
        name: "supervision-source-edit",
        component: () => import("./SupervisionSourceEditPage.vue"),
        props: (route) => ({ sourceId: String(route.params.id) }),
        meta: { titleKey: "supervision-tasks.sources.edit", roles: MANAGERS },
      },
    ],
  },
];
