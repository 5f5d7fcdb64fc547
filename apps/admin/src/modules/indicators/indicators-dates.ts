/** Today's calendar date in China Standard Time ('YYYY-MM-DD'), whatever the device's zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(now);
}

/** The years offered in the pickers: this year and the `back` years before it, newest first. */
export function recentYears(today: string, back = 2): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: back + 1 }, (_, i) => year - i);
}
