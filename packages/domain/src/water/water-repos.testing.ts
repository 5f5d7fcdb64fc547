/** In-memory water repositories and unit of work for the use-case tests (not exported from the module). */
import type { AuditEntry } from "../audit/audit.schema";
import type { District } from "../org/org.schema";
import type { UnitOfWork } from "../shared/ports";
import type { RejectedRow, WaterRepos, WaterSample, WaterSection, WaterSectionWrite } from "./water.ports";
import type { TableRow } from "./import.rules";

export interface BatchRecord {
  id: string;
  kind: string;
  fileName: string;
  status: string;
  counts?: Record<string, number>;
  rejectedRows?: RejectedRow[];
  summary?: unknown;
  error?: string | null;
}

export interface MemoryState {
  districts: District[];
  sections: Map<string, WaterSection>;
  samples: Map<string, WaterSample>;
  batches: Map<string, BatchRecord>;
  audit: AuditEntry[];
}

export const DISTRICTS: District[] = [
  { id: "00000000-0000-4000-8000-000000000001", code: "QY01", name: "青山区", nameEn: "Qingshan District", isHome: true },
  { id: "00000000-0000-4000-8000-000000000002", code: "QY02", name: "东湖区", nameEn: "Donghu District", isHome: false },
  { id: "00000000-0000-4000-8000-000000000003", code: "QY03", name: "西岭区", nameEn: "Xiling District", isHome: false },
];

const sampleKey = (s: Pick<WaterSample, "sectionId" | "time" | "source">) => `${s.sectionId}|${s.time.toISOString()}|${s.source}`;

function clone(state: MemoryState): MemoryState {
  return {
    districts: state.districts,
    sections: new Map([...state.sections].map(([k, v]) => [k, { ...v }])),
    samples: new Map([...state.samples].map(([k, v]) => [k, { ...v, values: JSON.parse(JSON.stringify(v.values)) }])),
    batches: new Map([...state.batches].map(([k, v]) => [k, { ...v }])),
    audit: [...state.audit],
  };
}

export function memoryWater(districts: District[] = DISTRICTS) {
  let state: MemoryState = { districts, sections: new Map(), samples: new Map(), batches: new Map(), audit: [] };
  let ids = 0;
  const nextId = () => `10000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`;

  const withDistrict = (id: string, s: WaterSectionWrite): WaterSection => {
    const d = state.districts.find((x) => x.id === s.districtId)!;
    return { id, ...s, districtCode: d.code, districtName: d.name, districtNameEn: d.nameEn };
  };

  const repos: WaterRepos = {
    org: { listDistricts: async () => state.districts },
    audit: { record: async (e) => void state.audit.push(e) },
    waterSections: {
      list: async () => [...state.sections.values()].sort((a, b) => a.code.localeCompare(b.code)),
      insert: async (s) => {
        const row = withDistrict(nextId(), s);
        state.sections.set(row.id, row);
        return row;
      },
      update: async (id, s) => {
        const row = withDistrict(id, s);
        state.sections.set(id, row);
        return row;
      },
    },
    waterSamples: {
      findByKeys: async (keys) => keys.map((k) => state.samples.get(sampleKey(k))).filter((s): s is WaterSample => !!s),
      upsertMany: async (samples) => {
        for (const s of samples) state.samples.set(sampleKey(s), { ...s });
      },
      listBetween: async ({ from, to }) =>
        [...state.samples.values()].filter((s) => s.time >= from && s.time < to).sort((a, b) => a.sectionId.localeCompare(b.sectionId) || a.time.getTime() - b.time.getTime()),
      latestPerSection: async () => {
        const best = new Map<string, WaterSample>();
        for (const s of state.samples.values()) {
          const b = best.get(s.sectionId);
          if (!b || s.time > b.time || (s.time.getTime() === b.time.getTime() && s.source === "manual")) best.set(s.sectionId, s);
        }
        return [...best.values()];
      },
    },
    waterImportBatches: {
      start: async (b) => {
        const id = nextId();
        state.batches.set(id, { id, kind: b.kind, fileName: b.fileName, status: "running" });
        return id;
      },
      finish: async (id, r) => {
        const { totalRows, inserted, updated, unchanged, rejected } = r;
        state.batches.set(id, { ...state.batches.get(id)!, status: r.status, counts: { totalRows, inserted, updated, unchanged, rejected }, rejectedRows: r.rejectedRows, summary: r.summary, error: r.error });
      },
    },
  };

  // A transaction: work on the live state, put the snapshot back if the callback throws.
  const uow: UnitOfWork<WaterRepos> = {
    async run(fn) {
      const snapshot = clone(state);
      try {
        return await fn(repos);
      } catch (e) {
        state = snapshot;
        throw e;
      }
    },
  };
  return { repos, uow, state: () => state };
}

/** Rows of a CSV text as the @ecogov/files readers yield them (header = line 1; simple CSV without quotes). */
export async function* csvRows(text: string): AsyncIterable<TableRow> {
  const lines = text.trim().split("\n");
  const header = lines[0]!.split(",").map((h) => h.trim());
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(",");
    yield { line: i + 1, values: Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? "").trim()])) };
  }
}
