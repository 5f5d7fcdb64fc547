import type { BilingualText } from "@ecogov/domain";
import { computed } from "vue";
import { useI18n } from "vue-i18n";
import { applyLocale, isLocale, type Locale } from "../i18n";

/** The current UI language, settable (persisted, `<html lang>` updated), and a picker for bilingual texts. */
export function useLocale() {
  const composer = useI18n({ useScope: "global" });
  const locale = computed<Locale>({
    get: () => (isLocale(composer.locale.value) ? composer.locale.value : "zh-CN"),
    set: (value) => applyLocale(composer, value),
  });
  /** The text of a `{ zh, en }` pair in the current language. */
  const pick = (text: BilingualText) => (locale.value === "en" ? text.en : text.zh);
  return { locale, pick };
}
