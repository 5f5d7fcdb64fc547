import type { Command } from "../command";
import { migrateCommand } from "./migrate.command";
import { seedCommand } from "./seed.command";
import { userCreateCommand, userResetPasswordCommand } from "./user.command";

/** Every command; a module adds its bulk commands (imports, exports) here. */
export const COMMANDS: Command[] = [migrateCommand, seedCommand, userCreateCommand, userResetPasswordCommand];
