import { buildCalendar, type HolidayCalendar, type HolidayYear } from "./calendar";
import { HOLIDAY_YEARS } from "./holidays.data";

/** A holiday year an administrator entered from the State Council notice, with who entered it and when. */
export interface StoredHolidayYear extends HolidayYear {
  enteredBy: string | null;
  enteredByName: string;
  updatedAt: Date;
}

/** The holiday notices entered by administrators (the calendar is data, not code). */
export interface HolidayYearRepository {
  list(): Promise<StoredHolidayYear[]>;
  find(year: number): Promise<StoredHolidayYear | null>;
  save(year: HolidayYear, by: { id: string | null; name: string }, at: Date): Promise<void>;
  /** The calendar in force: the built-in notices overlaid with the entered ones (`overlayCalendar`). */
  loadCalendar(): Promise<HolidayCalendar>;
}

/** Built-in notices (procedures.md §1.3) overlaid year by year with those administrators entered (they win). */
export function overlayCalendar(entered: readonly HolidayYear[]): HolidayCalendar {
  return buildCalendar([...HOLIDAY_YEARS, ...entered]);
}
