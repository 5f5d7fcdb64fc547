import { createRepositories, createUnitOfWork, migrateToLatest, scryptHasher, tokenService, type DbHandle } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import { createUser, resetPassword, type AuthDeps } from "@ecogov/domain/auth";
import { UsageError, type CliIo, type Command } from "../command";

function authDeps(db: DbHandle): AuthDeps {
  return { uow: createUnitOfWork(db.db), clock: systemClock, passwords: scryptHasher, tokens: tokenService };
}

/** The password from --password, or from standard input with --password-stdin (keeps it out of shell history). */
async function readPassword(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<string> {
  if (typeof values.password === "string") return values.password;
  if (values["password-stdin"]) return (await io.readStdin()).replace(/\r?\n$/, "");
  throw new UsageError("--password or --password-stdin is required");
}

const passwordOptions = {
  password: { type: "string" },
  "password-stdin": { type: "boolean" },
} as const;

export const userCreateCommand: Command = {
  words: ["user", "create"],
  summary: "Create a user account (audited as done by the command line).",
  usage: "user create --username NAME --name DISPLAY_NAME --role ROLE [--town TOWN_CODE | --unit UNIT_CODE] (--password P | --password-stdin) [--phone MOBILE]\n\nRoles: admin, leader, monitoring, enforcement, approvals, supervision, petitions, emergency, town_officer (needs --town), unit_reporter (needs --unit)",
  options: { username: { type: "string" }, name: { type: "string" }, role: { type: "string" }, town: { type: "string" }, unit: { type: "string" }, phone: { type: "string" }, ...passwordOptions },
  async run({ values, db, io }) {
    await migrateToLatest(db);
    const repos = createRepositories(db.db);
    let townId: string | null = null;
    let unitId: string | null = null;
    if (typeof values.town === "string") {
      const towns = await repos.org.listTowns({ kind: "all" });
      townId = towns.find((t) => t.code === values.town || t.name === values.town)?.id ?? null;
      if (!townId) throw new UsageError(`No town with code or name "${values.town}". Known: ${towns.map((t) => `${t.code} ${t.name}`).join(", ")}`);
    }
    if (typeof values.unit === "string") {
      const units = await repos.org.listUnits({ kind: "all" });
      unitId = units.find((u) => u.code === values.unit || u.name === values.unit)?.id ?? null;
      if (!unitId) throw new UsageError(`No unit with code or name "${values.unit}".`);
    }
    const user = await createUser(authDeps(db), null, {
      username: values.username,
      displayName: values.name,
      role: values.role,
      townId,
      unitId,
      phone: values.phone ?? null,
      password: await readPassword(values, io),
    });
    io.out(`Created user ${user.username} (${user.role}), id ${user.id}. 已创建用户。`);
    return 0;
  },
};

export const userResetPasswordCommand: Command = {
  words: ["user", "reset-password"],
  summary: "Set a new password for a user and end their sessions (audited).",
  usage: "user reset-password --username NAME (--password P | --password-stdin)",
  options: { username: { type: "string" }, ...passwordOptions },
  async run({ values, db, io }) {
    if (typeof values.username !== "string") throw new UsageError("--username is required");
    const user = await createRepositories(db.db).users.findByUsername(values.username);
    if (!user) throw new UsageError(`No user "${values.username}". 用户不存在。`);
    await resetPassword(authDeps(db), null, { id: user.id, newPassword: await readPassword(values, io) });
    io.out(`Password of ${user.username} reset; their sessions were ended. 密码已重置。`);
    return 0;
  },
};
