export {
  addDays,
  addNaturalDays,
  addWorkingDays,
  BUILTIN_CALENDAR,
  buildCalendar,
  dayOfWeek,
  daysBetween,
  deadline,
  DeadlineUnitSchema,
  fromEpochDay,
  HolidayYearSchema,
  holidayName,
  isIsoDate,
  isRestDay,
  isWeekend,
  isWorkingDay,
  isYearCovered,
  rollToWorkingDay,
  SHANGHAI_OFFSET,
  shanghaiEndOfDay,
  toEpochDay,
  toShanghaiDate,
  workingDaysBetween,
  workingDaysInYear,
  yearOf,
} from "./calendar";
export type { Deadline, DeadlineInput, DeadlineUnit, HolidayCalendar, HolidayYear, RestDay } from "./calendar";
export { HOLIDAY_YEARS } from "./holidays.data";
export { overlayCalendar, type HolidayYearRepository, type StoredHolidayYear } from "./calendar.ports";
export { listCalendarYears, setHolidayYear, type CalendarRepos, type CalendarYearSummary, type DeadlineRecomputer } from "./calendar.use-cases";
