import { createRepositories, createUnitOfWork, migrateToLatest } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import { createKpi, KPI_DIRECTIONS, listKpis, updateKpi, type KpiWithProgress } from "@ecogov/domain/kpis";
import { csvLine } from "@ecogov/files";
import type { Command } from "../command";
import { format } from "./water.command";

const KPI_CSV_COLUMNS = ["code", "name", "unit", "period_from", "period_to", "target", "value", "direction", "status", "gap", "source"] as const;
const kpiCsvRow = (k: KpiWithProgress) =>
  csvLine([k.code, k.name, k.unit, k.periodFrom, k.periodTo, k.target ?? "", k.value ?? "", k.direction, k.progress.status, k.progress.gap ?? "", k.source ?? ""]);

export const kpiListCommand: Command = {
  words: ["kpi", "list"],
  summary: "List reported KPIs against their targets (optionally of one year).",
  usage: "kpi list [--year YYYY] [--code CODE] [--format csv|json]",
  options: { year: { type: "string" }, code: { type: "string" }, format: { type: "string" } },
  async run({ values, db, io }) {
    const f = format(values, ["csv", "json"]);
    await migrateToLatest(db);
    const list = await listKpis(createRepositories(db.db).kpis, { year: values.year, code: values.code });
    io.out(f === "json" ? JSON.stringify(list, null, 2) : [csvLine([...KPI_CSV_COLUMNS]), ...list.map(kpiCsvRow)].join("\n"));
    return 0;
  },
};

export const kpiSetCommand: Command = {
  words: ["kpi", "set"],
  summary: "Enter or correct a KPI (keyed by code and period), audited as done by the command line.",
  usage: `kpi set --code CODE --name NAME --name-en NAME --unit UNIT --from YYYY-MM-DD --to YYYY-MM-DD --direction ${KPI_DIRECTIONS.join("|")} [--target N] [--value N] [--source TEXT] [--note TEXT]`,
  options: {
    code: { type: "string" },
    name: { type: "string" },
    "name-en": { type: "string" },
    unit: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    direction: { type: "string" },
    target: { type: "string" },
    value: { type: "string" },
    source: { type: "string" },
    note: { type: "string" },
  },
  async run({ values, db, io }) {
    await migrateToLatest(db);
    const input = {
      code: values.code,
      name: values.name,
      nameEn: values["name-en"],
      unit: values.unit,
      periodFrom: values.from,
      periodTo: values.to,
      direction: values.direction,
      target: values.target ?? null,
      value: values.value ?? null,
      source: values.source ?? null,
      note: values.note ?? null,
    };
    const deps = { uow: createUnitOfWork(db.db), clock: systemClock };
    const existing =
      typeof values.code === "string" && typeof values.from === "string" && typeof values.to === "string"
        ? await createRepositories(db.db).kpis.findByCodeAndPeriod(values.code, values.from, values.to)
        : null;
    const k = existing ? await updateKpi(deps, null, { ...input, id: existing.id }) : await createKpi(deps, null, input);
    io.out(`${existing ? "Updated" : "Created"} KPI ${k.code} ${k.periodFrom}…${k.periodTo}: ${k.value ?? "—"} / ${k.target ?? "—"} ${k.unit} (${k.progress.status}). ${existing ? "已更新" : "已录入"}。`);
    return 0;
  },
};
