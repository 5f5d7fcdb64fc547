import { createDb, type DbHandle } from "@ecogov/db";
import { isDomainError } from "@ecogov/domain";
import { helpText, parseCommandArgs, UsageError, type CliIo, type Command } from "./command";
import { COMMANDS } from "./commands/index";

export interface CliOptions {
  io: CliIo;
  openDb(): Promise<DbHandle>;
}

function overview(): string {
  const rows = COMMANDS.map((c) => `  ${c.words.join(" ").padEnd(22)} ${c.summary}`).join("\n");
  return `EcoGov command line\n\nUsage: pnpm ecogov <command> [options]   (pnpm ecogov <command> --help for details)\n\nCommands:\n${rows}\n\nDatabase: DATABASE_URL (PostgreSQL), else the embedded data folder ECOGOV_DATA_DIR (default ./data).`;
}

/** Finds the longest command whose words prefix argv. */
function match(argv: string[]): { cmd: Command; rest: string[] } | null {
  let best: Command | null = null;
  for (const c of COMMANDS) if (c.words.every((w, i) => argv[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  return best ? { cmd: best, rest: argv.slice(best.words.length) } : null;
}

/** Runs one command line; returns the exit code (0 ok, 1 rejected input or failure, 2 usage). */
export async function runCli(argv: string[], opts: CliOptions): Promise<number> {
  const { io } = opts;
  if (!argv.length || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    io.out(overview());
    return argv.length ? 0 : 2;
  }
  const found = match(argv);
  if (!found) {
    io.err(`Unknown command: ${argv.join(" ")}\n\n${overview()}`);
    return 2;
  }
  let db: DbHandle | null = null;
  try {
    const { values, positionals } = parseCommandArgs(found.cmd, found.rest);
    if (values.help) {
      io.out(helpText(found.cmd));
      return 0;
    }
    db = await opts.openDb();
    return await found.cmd.run({ values: values as Record<string, string | boolean | undefined>, positionals, db, io });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${helpText(found.cmd)}`);
      return 2;
    }
    if (isDomainError(e)) {
      io.err(`${e.text.zh}\n${e.text.en}`);
      for (const f of e.details?.fieldErrors ?? []) io.err(`  - ${f.path} [${f.rule}]: ${f.message.zh} / ${f.message.en}`);
      return 1;
    }
    io.err(`Error: ${(e as Error).message}`);
    return 1;
  } finally {
    await db?.close();
  }
}
