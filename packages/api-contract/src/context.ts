import type { Clock, UnitOfWork } from "@ecogov/domain";
import type { AirImportRepository, AirReadingsStaging, AirResultsRepository } from "@ecogov/domain/air";
import type { AuditRepository } from "@ecogov/domain/audit";
import type { Actor, AuthDeps, AuthRepos, DataScope, SessionRecord } from "@ecogov/domain/auth";
import type { JobRunRepository } from "@ecogov/domain/jobs";
import type { OrgRepository } from "@ecogov/domain/org";
import type { AttachmentStore, SupervisionRepos } from "@ecogov/domain/supervision-tasks";
import type { KpiRepository } from "@ecogov/domain/kpis";
import type { WaterRepos } from "@ecogov/domain/water";

/** What procedures may reach in storage; the db package's repositories satisfy it. */
export interface ApiRepos extends Omit<AuthRepos, "audit"> {
  audit: AuditRepository;
  org: OrgRepository;
  jobRuns: JobRunRepository;
  supervisionSources: SupervisionRepos["supervisionSources"];
  supervisionTasks: SupervisionRepos["supervisionTasks"];
  supervisionAttachments: SupervisionRepos["supervisionAttachments"];
  supervisionNotifications: SupervisionRepos["supervisionNotifications"];
  holidayYears: SupervisionRepos["holidayYears"];
  waterSections: WaterRepos["waterSections"];
  waterSamples: WaterRepos["waterSamples"];
  waterImportBatches: WaterRepos["waterImportBatches"];
  kpis: KpiRepository;
  airImport: AirImportRepository;
  airResults: AirResultsRepository;
}

/** Ports wired by apps/api (real) or by tests (fakes). */
export interface ApiDeps {
  auth: AuthDeps;
  uow: UnitOfWork<ApiRepos>;
  /** Reads outside a transaction (PGlite has one session; reads need no transaction). */
  read: ApiRepos;
  /** Probe of the database for /healthz and the dashboard. */
  dbInfo: () => Promise<{ kind: "pglite" | "postgres"; ok: boolean }>;
  /** Bulk staging of air readings for uploads (outside transactions; see `importAirReadings`). */
  airStaging: AirReadingsStaging;
  /** Attachment bytes by content hash (supervision tasks; the upload and download routes use it). */
  attachments: AttachmentStore;
}

/** Per-request context: built by apps/api from the session cookie; scope derived once, here. */
export type Context = {
  deps: ApiDeps;
  clock: Clock;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  session: SessionRecord | null;
  actor: Actor | null;
  scope: DataScope | null;
  /** Set-Cookie helpers: the transport decides cookie attributes. */
  cookies: { setSession(token: string, expiresAt: Date): void; clearSession(): void };
  locale: "zh-CN" | "en";
};
