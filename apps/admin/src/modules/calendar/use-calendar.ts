import type { CalendarYearSummary, DeadlineUnit, HolidayYear } from "@ecogov/domain/calendar";
import { useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, type Ref } from "vue";
import { trpc } from "../../trpc";

const CALENDAR_KEY = ["calendar"] as const;

/** The years of the working-day calendar in force, and the current/next year still missing its State Council notice. */
export function useCalendarYears() {
  return useQuery({
    queryKey: [...CALENDAR_KEY, "years"] as const,
    queryFn: (): Promise<{ years: CalendarYearSummary[]; missing: number[] }> => trpc.calendar.years.query(),
  });
}

/** Enters or corrects one year's notice (administrators); every module's open deadlines in that year are recomputed. */
export function useSetHolidayYear() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: HolidayYear): Promise<{ year: number; workingDays: number; recomputed: Record<string, number> }> => trpc.calendar.setYear.mutate(input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: CALENDAR_KEY }),
        client.invalidateQueries({ queryKey: ["supervision-tasks"] }),
        client.invalidateQueries({ queryKey: ["audit"] }),
      ]),
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The due date of N working or calendar days from a start, as the API computes it (a form's preview). */
export function useDeadlinePreview(input: Ref<{ start: string; amount: number; unit: DeadlineUnit } | null>) {
  const valid = computed(() => {
    const v = input.value;
    return !!v && DATE.test(v.start) && Number.isInteger(v.amount) && v.amount >= 1 && v.amount <= 3650;
  });
  return useQuery({
    queryKey: computed(() => [...CALENDAR_KEY, "deadline", input.value] as const),
    queryFn: (): Promise<{ due: string; provisional: boolean }> => trpc.calendar.deadline.query(input.value!),
    enabled: valid,
    staleTime: 5 * 60_000,
  });
}
