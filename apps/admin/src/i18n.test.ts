import { mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it } from "vitest";
import { defineComponent } from "vue";
import { useI18n } from "vue-i18n";
import { createAppI18n, loadMessages, LOCALE_STORAGE_KEY, readStoredLocale } from "./i18n";
import LayoutLangSwitch from "./modules/layout/LayoutLangSwitch.vue";

function keysOf(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const Probe = defineComponent({
  components: { LayoutLangSwitch },
  setup() {
    const { t } = useI18n();
    return { t };
  },
  template: `<div><LayoutLangSwitch /><h1>{{ t("layout.nav.users") }}</h1><p>{{ t("auth.role.town_officer") }}</p></div>`,
});

describe("i18n", () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = "zh-CN";
  });

  it("has the same keys in Chinese and English", () => {
    const m = loadMessages();
    expect(Object.keys(m["zh-CN"]).length).toBeGreaterThan(5);
    expect(keysOf(m.en).sort()).toEqual(keysOf(m["zh-CN"]).sort());
  });

  it("starts in Chinese when nothing was chosen", () => {
    expect(readStoredLocale()).toBe("zh-CN");
    localStorage.setItem(LOCALE_STORAGE_KEY, "fr");
    expect(readStoredLocale()).toBe("zh-CN");
  });

  it("switches to English, updates <html lang> and remembers the choice", async () => {
    const i18n = createAppI18n("zh-CN");
    const w = mount(Probe, { global: { plugins: [i18n] } });
    expect(w.get("h1").text()).toBe("用户管理");
    expect(w.get("p").text()).toBe("镇街环保员");

    const english = w.findAll("button").find((b) => b.text() === "English")!;
    expect(english.attributes("aria-pressed")).toBe("false");
    await english.trigger("click");

    expect(w.get("h1").text()).toBe("Users");
    expect(w.get("p").text()).toBe("Town officer");
    expect(english.attributes("aria-pressed")).toBe("true");
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("en");
    expect(readStoredLocale()).toBe("en");
  });
});
