import type { DbHandle } from "@ecogov/db";
import { parseArgs, type ParseArgsConfig } from "node:util";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
}

/** One CLI command: its words (e.g. ["user", "create"]), help text, options and what it does. */
export interface Command {
  words: string[];
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Commands that work without opening the database (none yet) set this to false. */
  needsDb?: boolean;
  run(ctx: { values: Record<string, string | boolean | undefined>; positionals: string[]; db: DbHandle; io: CliIo }): Promise<number>;
}

export class UsageError extends Error {}

export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...cmd.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function helpText(cmd: Command): string {
  const opts = Object.entries(cmd.options)
    .map(([name, o]) => `  --${name}${o.type === "string" ? " VALUE" : ""}`)
    .join("\n");
  return `${cmd.summary}\n\nUsage: pnpm ecogov ${cmd.usage}\n${opts ? `\nOptions:\n${opts}\n` : ""}  --help, -h`;
}
