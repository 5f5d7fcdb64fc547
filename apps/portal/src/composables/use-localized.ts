import { useI18n } from "vue-i18n";

/** Picks the Chinese or English text of bilingual data for the current language. */
export function useLocalized() {
  const { locale, t } = useI18n();
  const isEnglish = () => locale.value === "en";
  const name = (r: { name: string; nameEn: string }) => (isEnglish() ? r.nameEn : r.name);
  return {
    isEnglish,
    name,
    /** `{ zh, en }` texts (module names, error messages). */
    text: (x: { zh: string; en: string }) => (isEnglish() ? x.en : x.zh),
    /** Numbers with the locale's grouping, e.g. 186,000. */
    number: (n: number, digits = 0) =>
      n.toLocaleString(isEnglish() ? "en" : "zh-CN", { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    /** The bureau is named after its district: 青山区 → 青山区生态环境局, Qingshan District → … Bureau. */
    bureau: (district: { name: string; nameEn: string } | null | undefined) =>
      district ? `${name(district)}${isEnglish() ? " " : ""}${t("common.bureauSuffix")}` : t("common.bureauFallback"),
  };
}
