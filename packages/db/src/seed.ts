import type { PasswordHasher } from "@ecogov/domain";
import type { Role } from "@ecogov/domain/auth";
import type { Kysely } from "kysely";
import { createRepositories } from "./repositories";
import type { Database } from "./schema";

/**
 * Demo data: the fictional city of 清源市 (Qingyuan) with six districts; ours is 青山区 (Qingshan)
 * with eight towns and streets, its responsible units and one user of every role. Deterministic and
 * idempotent: rows are keyed by code/username, existing ones are left as users changed them.
 */
export const DEMO_CITY = { code: "QY", name: "清源市", nameEn: "Qingyuan City" } as const;

export const DEMO_DISTRICTS = [
  { code: "QY01", name: "青山区", nameEn: "Qingshan District", isHome: true },
  { code: "QY02", name: "东湖区", nameEn: "Donghu District", isHome: false },
  { code: "QY03", name: "西岭区", nameEn: "Xiling District", isHome: false },
  { code: "QY04", name: "南港区", nameEn: "Nangang District", isHome: false },
  { code: "QY05", name: "北塘区", nameEn: "Beitang District", isHome: false },
  { code: "QY06", name: "云溪区", nameEn: "Yunxi District", isHome: false },
] as const;

export const DEMO_TOWNS = [
  { code: "QY01-01", name: "城关街道", nameEn: "Chengguan Street", kind: "street", population: 186_000, areaKm2: 21.4 },
  { code: "QY01-02", name: "河东街道", nameEn: "Hedong Street", kind: "street", population: 142_500, areaKm2: 18.9 },
  { code: "QY01-03", name: "滨江街道", nameEn: "Binjiang Street", kind: "street", population: 98_300, areaKm2: 26.2 },
  { code: "QY01-04", name: "青石镇", nameEn: "Qingshi Town", kind: "town", population: 64_800, areaKm2: 88.5 },
  { code: "QY01-05", name: "白沙镇", nameEn: "Baisha Town", kind: "town", population: 51_200, areaKm2: 102.3 },
  { code: "QY01-06", name: "桃源镇", nameEn: "Taoyuan Town", kind: "town", population: 43_900, areaKm2: 117.8 },
  { code: "QY01-07", name: "龙泉镇", nameEn: "Longquan Town", kind: "town", population: 38_600, areaKm2: 95.1 },
  { code: "QY01-08", name: "石门镇", nameEn: "Shimen Town", kind: "town", population: 29_700, areaKm2: 131.6 },
] as const;

type SeedUnit = { code: string; name: string; nameEn: string; kind: string; townCode?: string };
export const DEMO_UNITS: SeedUnit[] = [
  { code: "U-SEC-MON", name: "区生态环境局监测股", nameEn: "Monitoring Section", kind: "bureau_section" },
  { code: "U-SEC-ENF", name: "区生态环境保护综合行政执法大队", nameEn: "Enforcement Brigade", kind: "bureau_section" },
  { code: "U-SEC-APR", name: "区生态环境局审批股", nameEn: "Approvals Section", kind: "bureau_section" },
  { code: "U-DEP-AGR", name: "区农业农村局", nameEn: "District Agriculture and Rural Affairs Bureau", kind: "government_department" },
  { code: "U-DEP-WAT", name: "区水务局", nameEn: "District Water Affairs Bureau", kind: "government_department" },
  { code: "U-DEP-HOU", name: "区住房和城乡建设局", nameEn: "District Housing and Construction Bureau", kind: "government_department" },
  { code: "U-DEP-URB", name: "区城市管理和综合执法局", nameEn: "District Urban Management Bureau", kind: "government_department" },
  { code: "U-DEP-IND", name: "区工业和信息化局", nameEn: "District Industry and IT Bureau", kind: "government_department" },
  { code: "U-DEP-TRA", name: "区交通运输局", nameEn: "District Transport Bureau", kind: "government_department" },
  ...DEMO_TOWNS.map((t) => ({ code: `U-GOV-${t.code}`, name: `${t.name}办事处`.replace("镇办事处", "镇人民政府"), nameEn: `${t.nameEn} Office`, kind: "town_government", townCode: t.code })),
];

/** The demo password of every demo account (shown by the start command; change it in production). */
export const DEMO_PASSWORD = "ecogov-demo-2026";

type SeedUser = { username: string; displayName: string; role: Role; townCode?: string; unitCode?: string };
export const DEMO_USERS: SeedUser[] = [
  { username: "admin", displayName: "系统管理员", role: "admin" },
  { username: "leader", displayName: "王局长", role: "leader" },
  { username: "monitoring", displayName: "李监测", role: "monitoring" },
  { username: "enforcement", displayName: "张执法", role: "enforcement" },
  { username: "approvals", displayName: "陈审批", role: "approvals" },
  { username: "supervision", displayName: "刘督察", role: "supervision" },
  { username: "petitions", displayName: "赵信访", role: "petitions" },
  { username: "emergency", displayName: "孙应急", role: "emergency" },
  { username: "officer-chengguan", displayName: "周环保员（城关）", role: "town_officer", townCode: "QY01-01" },
  { username: "officer-qingshi", displayName: "吴环保员（青石）", role: "town_officer", townCode: "QY01-04" },
  { username: "reporter-agri", displayName: "郑填报（农业农村局）", role: "unit_reporter", unitCode: "U-DEP-AGR" },
  { username: "reporter-water", displayName: "冯填报（水务局）", role: "unit_reporter", unitCode: "U-DEP-WAT" },
];

export interface SeedReport {
  districts: number;
  towns: number;
  units: number;
  users: number;
}

/** Applies the demo seed in one transaction; returns how many rows each table gained. */
export async function seedDemo(db: Kysely<Database>, opts: { passwords: PasswordHasher; password?: string }): Promise<SeedReport> {
  const newUsers = await db.selectFrom("users").select("username").execute();
  const existing = new Set(newUsers.map((u) => u.username));
  // Hash outside the transaction: scrypt is slow and PGlite has one session.
  const hashes = new Map<string, string>();
  for (const u of DEMO_USERS) if (!existing.has(u.username)) hashes.set(u.username, await opts.passwords.hash(opts.password ?? DEMO_PASSWORD));

  return db.transaction().execute(async (trx) => {
    const report: SeedReport = { districts: 0, towns: 0, units: 0, users: 0 };
    const count = (r: { numInsertedOrUpdatedRows?: bigint }[]) => r.reduce((n, x) => n + Number(x.numInsertedOrUpdatedRows ?? 0), 0);

    report.districts = count(await trx.insertInto("districts").values([...DEMO_DISTRICTS]).onConflict((oc) => oc.column("code").doNothing()).execute());
    const home = await trx.selectFrom("districts").select("id").where("code", "=", DEMO_DISTRICTS[0].code).executeTakeFirstOrThrow();
    report.towns = count(
      await trx
        .insertInto("towns")
        .values(DEMO_TOWNS.map((t) => ({ ...t, districtId: home.id })))
        .onConflict((oc) => oc.column("code").doNothing())
        .execute(),
    );
    const towns = new Map((await trx.selectFrom("towns").select(["id", "code"]).execute()).map((t) => [t.code, t.id]));
    report.units = count(
      await trx
        .insertInto("units")
        .values(DEMO_UNITS.map(({ townCode, ...u }) => ({ ...u, townId: townCode ? (towns.get(townCode) ?? null) : null })))
        .onConflict((oc) => oc.column("code").doNothing())
        .execute(),
    );
    const units = new Map((await trx.selectFrom("units").select(["id", "code"]).execute()).map((u) => [u.code, u.id]));
    const audit = createRepositories(trx).audit;
    for (const u of DEMO_USERS) {
      const hash = hashes.get(u.username);
      if (!hash) continue;
      const row = await trx
        .insertInto("users")
        .values({
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          townId: u.townCode ? (towns.get(u.townCode) ?? null) : null,
          unitId: u.unitCode ? (units.get(u.unitCode) ?? null) : null,
          passwordHash: hash,
        })
        .onConflict((oc) => oc.column("username").doNothing())
        .returning(["id", "username", "role"])
        .executeTakeFirst();
      if (!row) continue;
      report.users++;
      await audit.record({ actorId: null, actorName: "seed", action: "user.create", entityType: "user", entityId: row.id, after: row });
    }
    return report;
  });
}
