import type { BilingualText } from "../shared/domain-error";
import type { AuditLog } from "../shared/ports";
import type { District } from "../org/org.schema";
import type { SampleSource, SampleStatus, StoredValues } from "./import.rules";
import type { SectionKind, TargetClass, Waterbody } from "./water.schema";

/** A monitoring section (断面) with the district it belongs to. */
export interface WaterSection {
  id: string;
  code: string;
  name: string;
  districtId: string;
  districtCode: string;
  districtName: string;
  districtNameEn: string;
  kind: SectionKind;
  waterbody: Waterbody;
  targetClass: TargetClass | null;
  lat: number | null;
  lon: number | null;
}

export type WaterSectionWrite = Pick<WaterSection, "code" | "name" | "districtId" | "kind" | "waterbody" | "targetClass" | "lat" | "lon">;

/** One sample of one section; unique per section, time and source. */
export interface WaterSample {
  sectionId: string;
  time: Date;
  source: SampleSource;
  values: StoredValues;
  status: SampleStatus;
  importId: string | null;
}

export type SampleKey = Pick<WaterSample, "sectionId" | "time" | "source">;

export interface WaterSectionRepository {
  list(): Promise<WaterSection[]>;
  insert(s: WaterSectionWrite, at: Date): Promise<WaterSection>;
  update(id: string, s: WaterSectionWrite, at: Date): Promise<WaterSection>;
}

export interface WaterSampleRepository {
  /** The stored samples among these keys (missing keys are simply absent). */
  findByKeys(keys: readonly SampleKey[]): Promise<WaterSample[]>;
  /** Inserts new samples and replaces stored ones with the same key. */
  upsertMany(samples: readonly WaterSample[], at: Date): Promise<void>;
  /** Samples with from ≤ time < to, ordered by section, time and source. */
  listBetween(q: { from: Date; to: Date }): Promise<WaterSample[]>;
  /** Each section's most recent sample (manual before auto at the same time). */
  latestPerSection(): Promise<WaterSample[]>;
}

export interface RejectedRow {
  line: number;
  reason: BilingualText;
  raw?: string;
}

export interface ImportCounts {
  totalRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** The import-batch log (table import_batches): one row per imported file, written outside the import's transaction when it fails. */
export interface WaterImportBatchRepository {
  start(b: { kind: string; fileName: string; fileSha256: string; actorId: string | null; actorName: string; startedAt: Date }): Promise<string>;
  finish(
    id: string,
    r: ImportCounts & { finishedAt: Date; status: "succeeded" | "failed"; rejectedRows: RejectedRow[]; summary: Record<string, unknown> | null; error: string | null },
  ): Promise<void>;
}

/** What the water use cases need from storage. */
export interface WaterRepos {
  waterSections: WaterSectionRepository;
  waterSamples: WaterSampleRepository;
  waterImportBatches: WaterImportBatchRepository;
  org: { listDistricts(): Promise<District[]> };
  audit: AuditLog;
}

/** Reads only (results, open data): no transaction needed. */
export type WaterReadRepos = Pick<WaterRepos, "waterSections" | "waterSamples" | "org">;
