import type { Job } from "../job";

/**
 * Login attempts are kept this long although throttling only looks back 15 minutes: security staff
 * review brute-force attempts over the past month, and older usernames and IP addresses are personal
 * data with no further purpose (PIPL data minimisation).
 */
export const LOGIN_ATTEMPT_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes expired sessions and login attempts past their retention, every 15 minutes. */
export const purgeExpiredSessionsJob: Job = {
  name: "purge-expired-sessions",
  schedule: "*/15 * * * *",
  async run({ uow, clock }) {
    const now = clock.now();
    const attemptsBefore = new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_DAYS * DAY_MS);
    return uow.run(async (r) => ({
      expiredSessions: await r.sessions.deleteExpired(now),
      oldLoginAttempts: await r.loginAttempts.deleteOlderThan(attemptsBefore),
    }));
  },
};
