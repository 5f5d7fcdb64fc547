import type { AppRouter } from "@ecogov/api-contract";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";

/**
 * A typed tRPC client that sends real HTTP requests into the Hono app (`app.request`) and keeps the
 * session cookie like a browser would. For *.http.test.ts only.
 */
export function createHttpClient(app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> }) {
  let cookie = "";
  const log: { status: number; setCookie: string | null }[] = [];
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://ecogov.test/trpc",
        transformer: superjson,
        fetch: async (url, init) => {
          const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
          if (cookie) headers.set("cookie", cookie);
          const res = await app.request(String(url), { ...(init as RequestInit), headers });
          const set = res.headers.get("set-cookie");
          log.push({ status: res.status, setCookie: set });
          if (set) cookie = /Max-Age=0|expires=Thu, 01 Jan 1970/i.test(set) ? "" : set.split(";")[0]!;
          return res;
        },
      }),
    ],
  });
  return { client, log, getCookie: () => cookie };
}

/** The domain error a failed call carried, with the HTTP status it came with. */
export async function expectError(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCClientError) {
      const data = e.data as { httpStatus: number; domainError: { code: string; text: { zh: string; en: string }; details: any } };
      return { status: data.httpStatus, ...data.domainError, message: e.message };
    }
    throw e;
  }
  throw new Error("expected the call to fail");
}
