/**
 * Calendar dates as 'YYYY-MM-DD' strings and hour stamps as 'YYYY-MM-DDTHH:00', both local Beijing time.
 * Plain integer arithmetic (no Date) keeps the rules deterministic in Node and the browser.
 */

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_TEXT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):00$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Parses 'YYYY-MM-DD', or returns null when the text is not a real calendar date. */
export function parseCivilDate(text: string): CivilDate | null {
  const match = DATE_TEXT.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCivilDate(text: string): boolean {
  return parseCivilDate(text) !== null;
}

function requireDate(text: string): CivilDate {
  const date = parseCivilDate(text);
  if (!date) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${text}"`);
  return date;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

export function formatCivilDate({ year, month, day }: CivilDate): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// Howard Hinnant's days-from-civil: a proleptic Gregorian day count without Date.
function toDayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe;
}

function fromDayNumber(z: number): CivilDate {
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(date: string, days: number): string {
  return formatCivilDate(fromDayNumber(toDayNumber(requireDate(date)) + days));
}

/** Every date from start to end inclusive (empty when end is before start). */
export function datesBetween(start: string, end: string): string[] {
  const first = toDayNumber(requireDate(start));
  const last = toDayNumber(requireDate(end));
  const dates: string[] = [];
  for (let z = first; z <= last; z++) dates.push(formatCivilDate(fromDayNumber(z)));
  return dates;
}

/**
 * The day an hourly value belongs to and its index 0…23. The stamp marks the END of the averaged hour, so
 * 'D T01:00' is index 0 of day D and 'D+1 T00:00' is index 23 of day D (GB 3095 §3: a day's 24 hourly values).
 */
export function hourSlotOf(time: string): { date: string; index: number } {
  const match = HOUR_TEXT.exec(time);
  const hour = Number(match?.[2]);
  if (!match?.[1] || !isCivilDate(match[1]) || hour > 23) {
    throw new RangeError(`Not an hour stamp (YYYY-MM-DDTHH:00): "${time}"`);
  }
  return hour === 0 ? { date: addDays(match[1], -1), index: 23 } : { date: match[1], index: hour - 1 };
}

export function isHourStamp(time: string): boolean {
  try {
    hourSlotOf(time);
    return true;
  } catch {
    return false;
  }
}
