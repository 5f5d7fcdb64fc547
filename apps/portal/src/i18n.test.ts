import { nextTick } from "vue";
import { afterEach, describe, expect, it } from "vitest";
import { createPortalI18n, LOCALE_STORAGE_KEY } from "./i18n";

afterEach(() => localStorage.clear());

describe("portal i18n", () => {
  it("defaults to Chinese and says so on <html lang>", () => {
    const i18n = createPortalI18n();
    expect(i18n.global.locale.value).toBe("zh-CN");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(i18n.global.t("common.skipToMain")).toBe("跳到主要内容");
  });

  it("remembers a switch to English and restores it on the next visit", async () => {
    const i18n = createPortalI18n();
    i18n.global.locale.value = "en";
    await nextTick();
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("en");
    expect(document.documentElement.lang).toBe("en");

    const next = createPortalI18n();
    expect(next.global.locale.value).toBe("en");
    expect(next.global.t("common.skipToMain")).toBe("Skip to main content");
  });

  it("ignores an unknown stored value", () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, "fr");
    expect(createPortalI18n().global.locale.value).toBe("zh-CN");
  });

  it("fills placeholders in precompiled messages", () => {
    const i18n = createPortalI18n("zh-CN");
    expect(i18n.global.t("home.summary", { total: 8, towns: 5, streets: 3 })).toBe("下辖 8 个镇街：5 个镇、3 个街道。");
  });
});
