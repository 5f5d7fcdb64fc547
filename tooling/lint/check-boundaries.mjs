// Enforces the dependency rules of STYLE.md §2 and the env rule of §8 by reading every import.
// Cheaper than an ESLint setup and fails the test task with the file, line and rule broken.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Per folder: which bare imports are allowed (regexes) or forbidden. Type-only imports may be exempt. */
const RULES = [
  { dir: "packages/domain/src", allow: [/^zod$/], why: "the domain core is pure: zod only" },
  { dir: "packages/db", deny: [/^@ecogov\/(api-contract|jobs|ui|api|worker|admin|portal|cli)(?:\/|$)/], why: "db must not import api-contract, jobs, ui or apps" },
  { dir: "packages/api-contract/src", deny: [/^@ecogov\/(db|jobs|ui|api|worker|admin|portal|cli|files)(?:\/|$)/, /^kysely/, /^hono/], why: "api-contract must not import db, kysely, hono or apps" },
  { dir: "packages/jobs/src", deny: [/^@ecogov\/(api-contract|ui|api|worker|admin|portal|cli)(?:\/|$)/], why: "jobs must not import api-contract, ui or apps" },
  { dir: "packages/ui/src", deny: [/^@ecogov\//], why: "ui has no domain, db or api imports" },
  { dir: "apps/admin/src", deny: [/^@ecogov\/(db|jobs|api|worker|portal|cli)(?:\/|$)/], typeOnly: [/^@ecogov\/api-contract/], why: "admin reaches the API over tRPC only" },
  { dir: "apps/portal/src", deny: [/^@ecogov\/(db|jobs|api|worker|admin|cli)(?:\/|$)/], typeOnly: [/^@ecogov\/api-contract/], why: "the portal reaches the API over HTTP only" },
  { dir: "apps/worker/src", deny: [/^@ecogov\/(api-contract|ui|api|admin|portal|cli)(?:\/|$)/], why: "the worker runs jobs, not the API" },
  { dir: "apps/cli/src", deny: [/^@ecogov\/(api-contract|ui|api|admin|portal|worker)(?:\/|$)/], why: "the CLI calls domain use cases directly" },
  { dir: "packages/files/src", deny: [/^@ecogov\//], why: "files is generic I/O with no domain knowledge" },
  { dir: "apps/api/src", deny: [/^@ecogov\/(ui|admin|portal|worker|cli)(?:\/|$)/], why: "no app imports another app" },
];

const NODE_BUILTIN = /^node:/;
const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    if (e === "node_modules" || e === "dist") continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|vue|mts)$/.test(e)) yield p;
  }
}

const problems = [];
let checked = 0;
for (const rule of RULES) {
  for (const file of files(join(root, rule.dir))) {
    checked++;
    const text = readFileSync(file, "utf8");
    const isTest = /\.test\.ts$|\/testing\.ts$|\/test-client\.ts$/.test(file);
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[3] ?? m[4] ?? m[5];
      const typeOnly = !!m[2];
      if (!spec || spec.startsWith(".")) continue;
      const line = text.slice(0, m.index).split("\n").length;
      const where = `${relative(root, file)}:${line}`;
      if (rule.allow && !rule.allow.some((r) => r.test(spec)) && !(isTest && /^vitest$/.test(spec))) {
        problems.push(`${where} imports "${spec}": ${rule.why}`);
      }
      if (rule.deny?.some((r) => r.test(spec))) problems.push(`${where} imports "${spec}": ${rule.why}`);
      if (rule.typeOnly?.some((r) => r.test(spec)) && !typeOnly) problems.push(`${where} imports "${spec}" as a value: type-only imports allowed`);
      if (rule.dir.startsWith("packages/domain") && NODE_BUILTIN.test(spec)) problems.push(`${where} imports "${spec}": no node:* in the domain`);
    }
    // Only apps read the environment, in env.ts (STYLE §8); tests and test helpers may read TEST_* settings.
    if (!isTest && !/\/env\.ts$/.test(file) && /process\.env|import\.meta\.env\.(?!DEV|PROD|MODE|BASE_URL|SSR)/.test(text)) {
      problems.push(`${relative(root, file)} reads the environment outside env.ts`);
    }
  }
}

if (problems.length) {
  console.error(`Boundary check: ${problems.length} problem(s)\n` + problems.map((p) => "  " + p).join("\n"));
  process.exit(1);
}
console.log(`Boundary check: ${checked} files follow STYLE.md §2 and §8.`);
