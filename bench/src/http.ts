import type { DbHandle } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import { Hono } from "hono";
import { createApp } from "../../apps/api/src/app";
import { createApiDeps } from "../../apps/api/src/deps";
import { createLogger } from "@ecogov/jobs";

export interface HttpFigures {
  requests: number;
  bareRps: number;
  appRps: number;
}

const PATH = "/api/v1/district";

async function rate(fetcher: (req: Request) => Response | Promise<Response>, requests: number): Promise<number> {
  for (let i = 0; i < 100; i++) await (await fetcher(new Request(`http://127.0.0.1${PATH}`))).arrayBuffer();
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const r = await fetcher(new Request(`http://127.0.0.1${PATH}`));
    if (r.status !== 200) throw new Error(`${PATH} answered ${r.status}`);
    await r.arrayBuffer();
  }
  return requests / ((performance.now() - started) / 1000);
}

/**
 * Requests per second, one at a time in process (`app.fetch`, no sockets): a bare Hono handler returning the same
 * JSON body as a constant, against `/api/v1/district` through the real app (request id, secure headers, logging,
 * query validation, two repository reads, response schema).
 */
export async function measureHttp(handle: DbHandle, requests: number): Promise<HttpFigures> {
  const app = createApp({ deps: createApiDeps(handle, systemClock), clock: systemClock, logger: createLogger("silent"), staticDirs: null });
  const body = await (await app.request(PATH)).json();
  const bare = new Hono();
  bare.get(PATH, (c) => c.json(body));
  const bareRps = await rate((r) => bare.fetch(r), requests);
  const appRps = await rate((r) => app.fetch(r), requests);
  return { requests, bareRps, appRps };
}
