import { useI18n } from "vue-i18n";
import { durationMs, formatDateTime, formatNumber } from "./format";
import { useLocale } from "./use-locale";

/** Formatters bound to the current UI language (dates in China Standard Time). */
export function useFormat() {
  const { t } = useI18n();
  const { locale } = useLocale();
  return {
    dateTime: (value: Date | string | null | undefined) => formatDateTime(value, locale.value),
    number: (value: number | null | undefined, fractionDigits?: number) => formatNumber(value, locale.value, fractionDigits),
    duration(start: Date, end: Date | null): string {
      const ms = durationMs(start, end);
      if (ms === null) return "—";
      if (ms < 1000) return t("common.duration.ms", { n: ms });
      if (ms < 60_000) return t("common.duration.s", { n: formatNumber(ms / 1000, locale.value, 1) });
      return t("common.duration.min", { m: Math.floor(ms / 60_000), s: Math.round((ms % 60_000) / 1000) });
    },
  };
}
