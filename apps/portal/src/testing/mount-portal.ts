import { flushPromises, mount } from "@vue/test-utils";
import { vi } from "vitest";
import type { Component } from "vue";
import { createMemoryHistory } from "vue-router";
import { clearApiCache } from "../api";
import { createPortalI18n, type Locale } from "../i18n";
import { createPortalRouter } from "../router";

export type Route = { status?: number; body?: unknown; raw?: string } | "network-error";

/**
 * Replaces `fetch` with canned responses by URL path; unknown paths get the API's 404 body.
 * Returns the mock so tests can count calls.
 */
export function mockApi(routes: Record<string, Route | (() => Route)>) {
  clearApiCache();
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const path = new URL(String(input), "http://portal.test").pathname;
    const entry = routes[path];
    const route = typeof entry === "function" ? entry() : entry;
    if (route === "network-error") throw new TypeError("Failed to fetch");
    if (!route) return Response.json({ error: { code: "NOT_FOUND", message: { zh: "接口不存在", en: "No such endpoint" } } }, { status: 404 });
    const body = route.raw ?? JSON.stringify(route.body);
    return new Response(body, { status: route.status ?? 200, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** Mounts a component with the portal's real i18n and router (in-memory history). */
export async function mountPortal(component: Component, opts: { locale?: Locale; path?: string } = {}) {
  const i18n = createPortalI18n(opts.locale ?? "zh-CN");
  const router = createPortalRouter(createMemoryHistory());
  await router.push(opts.path ?? "/");
  await router.isReady();
  const wrapper = mount(component, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await settle();
  return { wrapper, i18n, router };
}

/** Waits for pending requests, the lazily loaded validators, and the re-render. */
export async function settle() {
  for (let i = 0; i < 3; i++) {
    await vi.dynamicImportSettled();
    await flushPromises();
  }
}
