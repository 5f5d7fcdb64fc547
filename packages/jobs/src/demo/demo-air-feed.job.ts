import { feedDemoAirReadings } from "@ecogov/db";
import type { Job } from "../job";

/**
 * Hourly, a few minutes past the hour: adds the demo city's readings for the hours since the last one (see
 * `feedDemoAirReadings`), so a demo deployment keeps showing current air quality. A no-op anywhere the demo
 * monitoring data was not loaded.
 */
export const demoAirFeedJob: Job = {
  name: "demo.air-feed",
  policy: "singleton",
  schedule: "5 * * * *",
  timeoutSeconds: 10 * 60,
  async run({ db, airStaging, clock, logger }) {
    const report = await feedDemoAirReadings({ db, staging: airStaging, clock });
    if (!report.skipped) logger.debug("demo air readings fed", { ...report });
    return { ...report };
  },
};
