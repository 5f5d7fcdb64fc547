const DAY_MS = 86_400_000;

/** Today's calendar date in China Standard Time ('YYYY-MM-DD'), whatever the phone's zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, inclusive. */
export function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The last `count` calendar months up to the one holding `last`, oldest first, each as the period to query:
 * the whole month, except the current one, which ends at `last`.
 */
export function recentMonths(last: string, count: number): { month: string; from: string; to: string }[] {
  const year = Number(last.slice(0, 4));
  const month = Number(last.slice(5, 7));
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    const from = d.toISOString().slice(0, 10);
    const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    return { month: from.slice(0, 7), from, to: end < last ? end : last };
  });
}
