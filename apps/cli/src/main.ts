import { createDb } from "@ecogov/db";
import { runCli } from "./cli";
import { readEnv } from "./env";

const env = readEnv();
const code = await runCli(process.argv.slice(2), {
  io: {
    out: (l) => process.stdout.write(l + "\n"),
    err: (l) => process.stderr.write(l + "\n"),
    readStdin: async () => {
      let data = "";
      for await (const chunk of process.stdin) data += chunk;
      return data;
    },
  },
  openDb: () => createDb({ url: env.databaseUrl, dataDir: env.databaseUrl ? null : env.dataDir }),
});
process.exitCode = code;
