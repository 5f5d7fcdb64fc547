/** Samples the resident set size while a phase runs; peak and the increase over the level before it. */
export function watchMemory(intervalMs = 25) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const rss = process.memoryUsage().rss;
      if (rss > peak) peak = rss;
      return { rssBeforeMb: before / 2 ** 20, peakRssMb: peak / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    },
  };
}
