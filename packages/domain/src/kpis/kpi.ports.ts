import type { AuditLog } from "../shared/ports";
import type { Kpi, KpiQuery, KpiWrite } from "./kpi.schema";

export interface KpiRepository {
  /** Ordered by period start, then code. */
  list(q: KpiQuery): Promise<Kpi[]>;
  findById(id: string): Promise<Kpi | null>;
  findByCodeAndPeriod(code: string, periodFrom: string, periodTo: string): Promise<Kpi | null>;
  insert(k: KpiWrite, at: Date): Promise<Kpi>;
  update(id: string, k: KpiWrite, at: Date): Promise<Kpi>;
}

export interface KpiRepos {
  kpis: KpiRepository;
  audit: AuditLog;
}
