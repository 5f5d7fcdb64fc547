import type {
  AirCalendarDay,
  AirCompositeIndexSettingsEntry,
  AirDashboard,
  AirDustDay,
  AirHealthReport,
  AirPublishedRank,
  AirTarget,
  StationNow,
} from "@ecogov/domain/air";
import type { CreateKpiInput, KpiWithProgress, UpdateKpiInput } from "@ecogov/domain/kpis";
import type { SectionLatest, WaterPeriodResults } from "@ecogov/domain/water";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, type Ref } from "vue";
import { toUiError } from "../../shared/errors";
import { useFlash } from "../../shared/flash";
import { useLocale } from "../../shared/use-locale";
import { trpc } from "../../trpc";

/**
 * The indicators module's reads and writes, each a vue-query wrapper of one `indicators.*` procedure.
 * Air figures are recomputed by the worker after an import, so an import invalidates the "indicators" keys.
 */
const KEY = ["indicators"] as const;

export type AirTargetInput = Parameters<typeof trpc.indicators.air.targets.set.mutate>[0];
export type AirPublishedRankInput = Parameters<typeof trpc.indicators.air.publishedRanks.enter.mutate>[0];
export type AirDustDayInput = Parameters<typeof trpc.indicators.air.dustDays.set.mutate>[0];
export type AirCompositeIndexSettingsInput = Parameters<typeof trpc.indicators.air.compositeIndexSettings.set.mutate>[0];

export interface DashboardFilter {
  year: number;
  districtId?: string;
  dustDeducted: boolean;
}

export function useAirDashboard(filter: Ref<DashboardFilter>) {
  return useQuery({
    queryKey: computed(() => [...KEY, "air", "dashboard", filter.value] as const),
    queryFn: (): Promise<AirDashboard> =>
      trpc.indicators.air.dashboard.query({
        year: filter.value.year,
        dustDeducted: filter.value.dustDeducted,
        ...(filter.value.districtId ? { districtId: filter.value.districtId } : {}),
      }),
    placeholderData: keepPreviousData,
  });
}

export type AirCalendar = { code: string; name: string; kind: "district" | "station"; days: AirCalendarDay[] };

/** A year of daily AQI for the calendar heat map; `code` is a district or station code (default: our district). */
export function useAirCalendar(year: Ref<number>, code: Ref<string | null>) {
  return useQuery({
    queryKey: computed(() => [...KEY, "air", "calendar", year.value, code.value] as const),
    queryFn: (): Promise<AirCalendar> => trpc.indicators.air.calendar.query({ year: year.value, ...(code.value ? { code: code.value } : {}) }),
    placeholderData: keepPreviousData,
  });
}

/** Data health of every station (last hour received, gaps, ranges, stuck values, silent stations). */
export function useAirStationHealth() {
  return useQuery({
    queryKey: [...KEY, "air", "stations"],
    queryFn: (): Promise<AirHealthReport> => trpc.indicators.air.stations.query({}),
    refetchInterval: 5 * 60_000,
  });
}

/** Each station's latest hour with its real-time AQI. */
export function useAirNow() {
  return useQuery({
    queryKey: [...KEY, "air", "now"],
    queryFn: (): Promise<StationNow[]> => trpc.indicators.air.now.query(),
    refetchInterval: 5 * 60_000,
  });
}

/** Every water section with its latest sample's class against the target. */
export function useWaterSections() {
  return useQuery({
    queryKey: [...KEY, "water", "sections"],
    queryFn: (): Promise<SectionLatest[]> => trpc.indicators.water.sections.query(),
  });
}

/** Section classes, district CWQI and rank, and the I–III share of a period (year to date on the dashboard). */
export function useWaterPeriod(period: Ref<{ from: string; to: string } | null>) {
  return useQuery({
    queryKey: computed(() => [...KEY, "water", "period", period.value] as const),
    queryFn: (): Promise<WaterPeriodResults> => trpc.indicators.water.period.query(period.value!),
    enabled: computed(() => period.value !== null),
    placeholderData: keepPreviousData,
  });
}

export function useKpis(year: Ref<number | null>) {
  return useQuery({
    queryKey: computed(() => [...KEY, "kpis", year.value] as const),
    queryFn: (): Promise<KpiWithProgress[]> => trpc.indicators.kpis.list.query(year.value === null ? {} : { year: year.value }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveKpi() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateKpiInput | UpdateKpiInput): Promise<KpiWithProgress> =>
      "id" in input ? trpc.indicators.kpis.update.mutate(input) : trpc.indicators.kpis.create.mutate(input),
    onSuccess: () => client.invalidateQueries({ queryKey: [...KEY, "kpis"] }),
  });
}

/** After an import: every air figure may have changed. */
export function useInvalidateIndicators() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

export interface DistrictOption {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  isHome: boolean;
}

/** The city's districts (the ranking set), our own marked `isHome`. */
export function useDistricts() {
  return useQuery({
    queryKey: ["org", "districts"],
    queryFn: (): Promise<DistrictOption[]> => trpc.org.districts.query(),
    staleTime: 10 * 60_000,
  });
}

// Entries of the monitoring section: the year's targets, published ranks, dust days, composite-index settings (each audited).

export function useAirTargets(year: Ref<number>) {
  return useQuery({
    queryKey: computed(() => [...KEY, "air", "targets", year.value] as const),
    queryFn: (): Promise<AirTarget[]> => trpc.indicators.air.targets.list.query({ year: year.value }),
  });
}

export function usePublishedRanks(year: Ref<number>) {
  return useQuery({
    queryKey: computed(() => [...KEY, "air", "publishedRanks", year.value] as const),
    queryFn: (): Promise<AirPublishedRank[]> => trpc.indicators.air.publishedRanks.list.query({ from: `${year.value}-01-01`, to: `${year.value}-12-31` }),
  });
}

export function useDustDays(year: Ref<number>) {
  return useQuery({
    queryKey: computed(() => [...KEY, "air", "dustDays", year.value] as const),
    queryFn: (): Promise<AirDustDay[]> => trpc.indicators.air.dustDays.list.query({ from: `${year.value}-01-01`, to: `${year.value}-12-31` }),
  });
}

/** Composite-index settings in force from a date (not per year: a period uses the entry in force on its first day). */
export function useCompositeIndexSettings() {
  return useQuery({
    queryKey: [...KEY, "air", "compositeIndexSettings"],
    queryFn: (): Promise<AirCompositeIndexSettingsEntry[]> => trpc.indicators.air.compositeIndexSettings.list.query(),
  });
}

/** Every entry changes figures the dashboard shows, so each invalidates all indicator queries. */
function useEntry<TInput, TResult>(send: (input: TInput) => Promise<TResult>) {
  const invalidate = useInvalidateIndicators();
  return useMutation({ mutationFn: send, onSuccess: () => invalidate() });
}

/** A removal from an entry table (`run`); a failure, e.g. removed meanwhile elsewhere, shows as a flash message. */
function useRemoval<TInput>(send: (input: TInput) => Promise<unknown>) {
  const mutation = useEntry(send);
  const flash = useFlash();
  const { pick } = useLocale();
  async function run(input: TInput) {
    try {
      await mutation.mutateAsync(input);
    } catch (err) {
      flash.show({ tone: "danger", text: pick(toUiError(err).text) });
    }
  }
  return { run, isPending: mutation.isPending };
}

export const useSetAirTarget = () => useEntry((input: AirTargetInput) => trpc.indicators.air.targets.set.mutate(input));
export const useEnterPublishedRank = () => useEntry((input: AirPublishedRankInput) => trpc.indicators.air.publishedRanks.enter.mutate(input));
export const useRemovePublishedRank = () => useRemoval((input: { id: string }) => trpc.indicators.air.publishedRanks.remove.mutate(input));
export const useSetDustDay = () => useEntry((input: AirDustDayInput) => trpc.indicators.air.dustDays.set.mutate(input));
export const useRemoveDustDay = () => useRemoval((input: { districtId: string; date: string }) => trpc.indicators.air.dustDays.remove.mutate(input));
export const useSetCompositeIndexSettings = () => useEntry((input: AirCompositeIndexSettingsInput) => trpc.indicators.air.compositeIndexSettings.set.mutate(input));
export const useRemoveCompositeIndexSettings = () => useRemoval((input: { effectiveFrom: string }) => trpc.indicators.air.compositeIndexSettings.remove.mutate(input));
