import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Runs one phase in a fresh Node process (`child.ts`), so its peak memory is its own: a process's maxRSS never
 * goes down, and PGlite's WASM heap never shrinks, so two imports in one process could not be compared.
 */
export function runChild<T>(task: Record<string, unknown>, opts: { heapMb?: number } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const heap = opts.heapMb ? [`--max-old-space-size=${opts.heapMb}`] : [];
    const child = spawn(process.execPath, [...heap, "--import", "tsx", join(here, "child.ts"), JSON.stringify(task)], {
      cwd: join(here, ".."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`phase ${String(task.phase)} exited with ${code}: ${out.slice(-2000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`phase ${String(task.phase)} printed no result: ${out.slice(-2000)}`));
      }
    });
  });
}
