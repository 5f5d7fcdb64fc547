import { QueryClient, VueQueryPlugin } from "@tanstack/vue-query";
import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { createAppI18n } from "../../i18n";
import UserEditPage from "./UserEditPage.vue";

const TOWN = { id: "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f60", districtId: "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f61", code: "QY01-01", name: "城关街道", nameEn: "Chengguan Street", kind: "street", population: 1, areaKm2: 1 };

const api = vi.hoisted(() => ({
  create: vi.fn(),
}));

vi.mock("../../trpc", () => ({
  trpc: {
    org: { towns: { query: async () => [TOWN] }, units: { query: async () => [] } },
    users: { create: { mutate: api.create }, list: { query: async () => [] } },
  },
}));

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory("/admin/"),
    routes: [
      { path: "/users", name: "users", component: { template: "<p>list</p>" } },
      { path: "/users/new", name: "user-new", component: UserEditPage },
    ],
  });
  await router.push("/users/new");
  const w = mount(UserEditPage, {
    attachTo: document.body,
    global: { plugins: [createAppI18n("zh-CN"), router, [VueQueryPlugin, { queryClient: new QueryClient() }]] },
  });
  await flushPromises();
  return { w, router };
}

async function fill(w: Awaited<ReturnType<typeof mountPage>>["w"], values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const el = w.get(`[name="${name}"]`);
    await el.setValue(value);
  }
}

/** The error text BaseField shows under the control named `name`. */
function errorUnder(w: Awaited<ReturnType<typeof mountPage>>["w"], name: string): string | null {
  const control = w.get(`[name="${name}"]`);
  const ids = control.attributes("aria-describedby")?.split(" ") ?? [];
  const errorId = ids.find((id) => id.endsWith("-error"));
  return errorId ? w.get(`#${errorId}`).text() : null;
}

describe("UserEditPage (new user)", () => {
  beforeEach(() => {
    api.create.mockReset();
    document.body.innerHTML = "";
  });

  it("shows a too-short password next to the password field, in Chinese, and sends nothing", async () => {
    const { w } = await mountPage();
    await fill(w, { username: "li.si", displayName: "李四", role: "monitoring", password: "short1" });
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(errorUnder(w, "password")).toBe("字段 “初始密码” 至少 10 个字符");
    expect(w.get('[name="password"]').attributes("aria-invalid")).toBe("true");
    expect(w.get('[data-testid="form-error"]').text()).toContain("请修正标出的字段");
    expect(api.create).not.toHaveBeenCalled();
  });

  it("asks for the town of a town officer at the town field", async () => {
    const { w } = await mountPage();
    await fill(w, { username: "zhou", displayName: "周", role: "town_officer", password: "greenwater2026" });
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(errorUnder(w, "townId")).toBe("字段 “所属镇街” 为必填项");
    expect(errorUnder(w, "role")).toBeNull();
  });

  it("puts the API's field errors next to their fields", async () => {
    api.create.mockRejectedValue(
      Object.assign(new Error("conflict"), {
        data: {
          httpStatus: 409,
          domainError: {
            code: "USER_USERNAME_TAKEN",
            text: { zh: "用户名 li.si 已被使用", en: "Username li.si is already taken" },
            details: { fieldErrors: [{ path: "username", rule: "unique", message: { zh: "用户名 li.si 已被使用", en: "Username li.si is already taken" } }] },
          },
        },
      }),
    );
    const { w } = await mountPage();
    await fill(w, { username: "li.si", displayName: "李四", role: "town_officer", password: "greenwater2026" });
    await flushPromises();
    await w.get('[name="townId"]').setValue(TOWN.id);
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(api.create).toHaveBeenCalledWith(expect.objectContaining({ username: "li.si", role: "town_officer", townId: TOWN.id, unitId: null, phone: null }));
    expect(errorUnder(w, "username")).toBe("用户名 li.si 已被使用");
    expect(w.get('[data-testid="form-error"]').text()).toContain("用户名 li.si 已被使用");
  });

  it("returns to the list after creating the user", async () => {
    api.create.mockResolvedValue({ id: "x", displayName: "李四" });
    const { w, router } = await mountPage();
    await fill(w, { username: "li.si", displayName: "李四", role: "monitoring", password: "greenwater2026" });
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(router.currentRoute.value.name).toBe("users");
  });
});
