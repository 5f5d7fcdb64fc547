import type { ApiDeps } from "@ecogov/api-contract";
import type { z } from "zod";

/**
 * One route of the open-data API: its query and response schemas are declared once; the handler's result is validated
 * with them and the OpenAPI document is generated from them, so the docs cannot drift from what is served.
 */
export interface OpenDataRoute<Q extends z.ZodType, R extends z.ZodObject> {
  path: string;
  summary: { zh: string; en: string };
  query: Q;
  response: R;
  /**
   * The response's list that `?format=csv` serves, one row per item (see `csv-table.ts`); without it the route is
   * JSON only. The file's other fields (the period, say) are the query the user sent.
   */
  csv?: keyof R["shape"] & string;
  handler(deps: ApiDeps, query: z.output<Q>): Promise<z.input<R>>;
}

export const route = <Q extends z.ZodType, R extends z.ZodObject>(r: OpenDataRoute<Q, R>) => r;
