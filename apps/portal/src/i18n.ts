import { watch } from "vue";
import { createI18n } from "vue-i18n";
import enCommon from "./locales/en/common.json";
import enHome from "./locales/en/home.json";
import enOpenData from "./locales/en/open-data.json";
import zhCommon from "./locales/zh-CN/common.json";
import zhHome from "./locales/zh-CN/home.json";
import zhOpenData from "./locales/zh-CN/open-data.json";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
/** Where the visitor's language choice is remembered (Chinese is the default, so only a choice is stored). */
export const LOCALE_STORAGE_KEY = "ecogov.portal.locale";

const zhCN = { common: zhCommon, home: zhHome, openData: zhOpenData };
const en: typeof zhCN = { common: enCommon, home: enHome, openData: enOpenData };
export type MessageSchema = typeof zhCN;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can be blocked (private mode, strict settings): fall back to Chinese.
    return DEFAULT_LOCALE;
  }
}

/**
 * Creates the i18n instance. Changing `locale` anywhere (the header's switch uses `useI18n().locale`)
 * remembers the choice and keeps `<html lang>` right for screen readers, fonts and hyphenation.
 */
export function createPortalI18n(locale: Locale = readStoredLocale()) {
  const i18n = createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { "zh-CN": zhCN, en },
  });
  syncDocumentLang(locale);
  watch(i18n.global.locale, (next) => {
    if (!isLocale(next)) return;
    syncDocumentLang(next);
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembered, but the switch still applies to this visit.
    }
  });
  return i18n;
}

function syncDocumentLang(locale: Locale) {
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}
