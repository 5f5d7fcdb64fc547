import type { Command } from "../command";
import { calendarDeadlineCommand, calendarIsWorkingCommand } from "./calendar.command";
import { airImportCommand } from "./air-import.command";
import { airDailyCommand, airPeriodCommand, airRecomputeCommand } from "./air.command";
import { migrateCommand } from "./migrate.command";
import { seedCommand } from "./seed.command";
import { userCreateCommand, userResetPasswordCommand } from "./user.command";
import { kpiListCommand, kpiSetCommand } from "./kpi.command";
import { waterClassesCommand, waterImportCommand, waterPeriodCommand } from "./water.command";

/** Every command; a module adds its bulk commands (imports, exports) here. */
export const COMMANDS: Command[] = [migrateCommand, seedCommand, userCreateCommand, userResetPasswordCommand, waterImportCommand, waterClassesCommand, waterPeriodCommand, kpiListCommand, kpiSetCommand, airImportCommand, airDailyCommand, airPeriodCommand, airRecomputeCommand, calendarDeadlineCommand, calendarIsWorkingCommand];
