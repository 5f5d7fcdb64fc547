import { useI18n } from "vue-i18n";
import type { Locale } from "../i18n";

type Messages = Record<string, unknown>;

/**
 * Adds a module's messages (`locales/<locale>/<module>.json`, precompiled like the others) when its page first
 * loads, so the first page of the portal does not carry every module's texts.
 */
export function useModuleMessages(module: string, messages: Record<Locale, Messages>) {
  const { getLocaleMessage, mergeLocaleMessage } = useI18n({ useScope: "global" });
  for (const locale of Object.keys(messages) as Locale[]) {
    if (!(module in (getLocaleMessage(locale) as Messages))) mergeLocaleMessage(locale, { [module]: messages[locale] } as never);
  }
}
