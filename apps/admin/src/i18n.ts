import { createI18n, type LocaleMessageValue, type VueMessageType } from "vue-i18n";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_STORAGE_KEY = "ecogov.admin.locale";

/** The language switch's options, each language named in itself. */
export const LOCALE_OPTIONS = [
  { value: "zh-CN", label: "中文", lang: "zh-CN" },
  { value: "en", label: "English", lang: "en" },
] as const;

type Messages = Record<string, LocaleMessageValue<VueMessageType>>;

// One JSON file per module and language: locales/<locale>/<module>.json → keys `<module>.…`.
const files = import.meta.glob<Messages>("./locales/*/*.json", { eager: true, import: "default" });

export function loadMessages(): Record<Locale, Messages> {
  const messages: Record<Locale, Messages> = { "zh-CN": {}, en: {} };
  for (const [path, content] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, locale, module] = match;
    if (isLocale(locale)) messages[locale][module!] = content;
  }
  return messages;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language chosen earlier on this device, else Chinese. */
export function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function createAppI18n(locale: Locale = readStoredLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: loadMessages(),
    missingWarn: import.meta.env.DEV,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** Switches the language: messages, `<html lang>`, and the choice remembered on this device. */
export function applyLocale(composer: { locale: { value: string } }, locale: Locale) {
  composer.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export const i18n = createAppI18n();
