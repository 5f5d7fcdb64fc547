import type { Locale } from "../i18n";

/** The bureau works in China Standard Time whatever the device's zone. */
export const TIME_ZONE = "Asia/Shanghai";

export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  }).format(d);
}

export function formatNumber(value: number | null | undefined, locale: Locale, fractionDigits?: number): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale, fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** The instant a calendar day (YYYY-MM-DD) starts in China Standard Time. */
export function startOfDayCst(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The instant the day after `day` starts: the exclusive end of a date range that includes `day`. */
export function endOfDayCstExclusive(day: string): Date {
  return new Date(startOfDayCst(day).getTime() + 24 * 3_600_000);
}

/** Milliseconds between two instants, or null while a run is still going. */
export function durationMs(start: Date, end: Date | null): number | null {
  return end ? Math.max(0, end.getTime() - start.getTime()) : null;
}
