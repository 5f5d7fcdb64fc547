import type { Kysely } from "kysely";
import { createHolidayYearRepository } from "../calendar/holiday-year.repository";
import type { Database } from "../schema";
import { createSupervisionAttachmentRepository } from "./supervision-attachment.repository";
import { createSupervisionNotificationRepository } from "./supervision-notification.repository";
import { createSupervisionSourceRepository } from "./supervision-source.repository";
import { createSupervisionTaskRepository } from "./supervision-task.repository";

/** The supervision-task module's repositories and the holiday calendar they compute deadlines with. */
export function createSupervisionRepositories(db: Kysely<Database>) {
  return {
    supervisionSources: createSupervisionSourceRepository(db),
    supervisionTasks: createSupervisionTaskRepository(db),
    supervisionAttachments: createSupervisionAttachmentRepository(db),
    supervisionNotifications: createSupervisionNotificationRepository(db),
    holidayYears: createHolidayYearRepository(db),
  };
}
