import type { Actor } from "@ecogov/domain/auth";
import { computed, type Ref } from "vue";
import { useI18n } from "vue-i18n";
import { useTowns, useUnits } from "../modules/org/use-org";
import { useLocale } from "./use-locale";

/** The actor's data scope as a name: the whole district, their town, or their unit. */
export function useScopeLabel(actor: Ref<Actor | null | undefined>) {
  const { t } = useI18n();
  const { locale } = useLocale();
  const towns = useTowns(() => !!actor.value?.townId);
  const units = useUnits(() => !!actor.value?.unitId);
  return computed(() => {
    const a = actor.value;
    if (!a) return "";
    const named = (x: { name: string; nameEn: string } | undefined) => (x ? (locale.value === "en" ? x.nameEn : x.name) : "…");
    if (a.townId) return named(towns.data.value?.find((x) => x.id === a.townId));
    if (a.unitId) return named(units.data.value?.find((x) => x.id === a.unitId));
    return t("auth.scope.all");
  });
}
