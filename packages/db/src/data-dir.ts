import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (three levels above this file), where the default `./data` folder lives. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Resolves the embedded data folder: the default `./data` means the repository's own, whatever
 * package script runs; any other relative path is relative to where the user typed the command
 * (pnpm passes that as INIT_CWD), so `ECOGOV_DATA_DIR=./x pnpm start` does what it says.
 */
export function resolveDataDir(value: string | undefined, invokedFrom: string | undefined): string {
  if (!value || value === "./data" || value === "data") return join(REPO_ROOT, "data");
  return isAbsolute(value) ? value : resolve(invokedFrom ?? process.cwd(), value);
}

/**
 * One process per PGlite data folder: two processes writing the same folder would corrupt it.
 * The lock file holds the owner's pid; a stale lock (dead pid) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, ".ecogov.lock");
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The data folder ${dir} is in use by process ${pid} (an EcoGov server or command). ` +
          `Stop it first, or use the admin app. 数据目录 ${dir} 正被进程 ${pid} 使用，请先停止该进程。`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
