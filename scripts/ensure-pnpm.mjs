// Installs the pnpm pinned in package.json when the machine has none or another version (STACK.md G2).
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";

const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).packageManager.split("@")[1];
let current = "";
try {
  current = execSync("pnpm --version", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
} catch {
  // not installed
}
if (current !== pinned) {
  console.log(`Installing pnpm ${pinned} (found: ${current || "none"})…`);
  execSync(`npm install -g --allow-scripts=pnpm pnpm@${pinned}`, { stdio: "inherit" });
}
