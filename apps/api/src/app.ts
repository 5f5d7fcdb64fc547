import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { appRouter, type ApiDeps, type Context } from "@ecogov/api-contract";
import type { Clock } from "@ecogov/domain";
import { authenticate, scopeOf } from "@ecogov/domain/auth";
import { serveStatic } from "@hono/node-server/serve-static";
import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { serialize } from "hono/utils/cookie";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import { DOCS_HTML, DOCS_JS } from "./docs-page";
import type { Logger } from "@ecogov/jobs";
import { createOpenDataApp } from "./open-data";
import { createAttachmentsApp } from "./attachments";
import { createUploadApp } from "./uploads";

export const SESSION_COOKIE = "ecogov_session";

export interface AppOptions {
  deps: ApiDeps;
  clock: Clock;
  logger: Logger;
  cookieSecure?: boolean;
  /** Serve built admin (/admin/) and portal (/) from these folders when they exist. */
  staticDirs?: { admin: string; portal: string } | null;
  /** Queues a background job (the job runner's pg-boss `send`); uploads use it to ask for recomputation. */
  enqueue?: (name: string, data: Record<string, unknown>) => Promise<unknown>;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Where the Vue apps' `vite build` puts their files. */
export const DEFAULT_STATIC_DIRS = { admin: resolve(here, "../../admin/dist"), portal: resolve(here, "../../portal/dist") };

type Vars = { Variables: { requestId: string } };

export function createApp(options: AppOptions) {
  const { deps, clock, logger } = options;
  const cookieSecure = !!options.cookieSecure;
  const app = new Hono<Vars>();

  // Request id and one log line per request, with its duration.
  app.use("*", async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    logger.info("request", { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", "blob:"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
      referrerPolicy: "strict-origin-when-cross-origin",
    }),
  );

  // Citizens read the portal on slow phones: JSON, HTML and assets go out gzip-compressed when the client accepts it
  // (hono skips small bodies and already-compressed types).
  app.use("*", compress({ encoding: "gzip" }));

  app.onError((err, c) => {
    logger.error("unhandled error", { requestId: c.get("requestId"), error: String(err), stack: err instanceof Error ? err.stack : undefined });
    return c.json({ error: { code: "INTERNAL", message: { zh: "服务器内部错误，请稍后再试", en: "Internal server error; please try again later" } } }, 500);
  });

  app.get("/healthz", async (c) => {
    const db = await deps.dbInfo();
    return c.json({ status: db.ok ? "ok" : "degraded", database: db }, db.ok ? 200 : 503);
  });

  // Cross-site form posts cannot carry JSON, and SameSite=Lax keeps the cookie off cross-site
  // requests; refusing foreign Origins on mutations closes what remains of CSRF.
  app.use("/trpc/*", async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method === "POST" && origin && new URL(origin).host !== c.req.header("host")) {
      return c.json({ error: { code: "CSRF", message: { zh: "跨站请求被拒绝", en: "Cross-site request refused" } } }, 403);
    }
    await next();
  });

  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      createContext: async (opts, c): Promise<Context> => {
        const token = getCookie(c, SESSION_COOKIE);
        const session = token ? await authenticate(deps.auth, token) : null;
        const lang = c.req.header("accept-language") ?? "";
        return {
          deps,
          clock,
          requestId: c.get("requestId") as string,
          ip: c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? (c.env as { incoming?: { socket?: { remoteAddress?: string } } })?.incoming?.socket?.remoteAddress ?? null,
          userAgent: c.req.header("user-agent") ?? null,
          session,
          actor: session?.actor ?? null,
          scope: session ? scopeOf(session.actor) : null,
          locale: lang.startsWith("en") ? "en" : "zh-CN",
          // tRPC builds its own Response, so cookies go on the headers it hands us, not on Hono's context.
          cookies: {
            setSession: (value, expiresAt) =>
              opts.resHeaders.append("set-cookie", serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: "Lax", secure: cookieSecure, path: "/", expires: expiresAt })),
            clearSession: () => opts.resHeaders.append("set-cookie", serialize(SESSION_COOKIE, "", { httpOnly: true, sameSite: "Lax", secure: cookieSecure, path: "/", maxAge: 0 })),
          },
        };
      },
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") logger.error("trpc error", { path, error: String(error.cause ?? error), stack: (error.cause as Error)?.stack });
      },
    }),
  );

  app.route("/api/v1", createOpenDataApp(deps));
  app.get("/api/docs", (c) => c.html(DOCS_HTML));
  app.get("/api/docs.js", (c) => c.body(DOCS_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  app.route("/api/attachments", createAttachmentsApp({ deps, clock }));
  app.route("/api/uploads", createUploadApp(deps, { clock, logger, ...(options.enqueue ? { enqueue: options.enqueue } : {}) }));
  app.all("/api/*", (c) => c.json({ error: { code: "NOT_FOUND", message: { zh: "接口不存在", en: "No such endpoint" } } }, 404));

  if (options.staticDirs) {
    mountSpa(app, "/admin", options.staticDirs.admin);
    mountSpa(app, "", options.staticDirs.portal);
  }
  return app;
}

/** Serves a built single-page app under a prefix: files as they are, every other path gets index.html. */
function mountSpa(app: Hono<Vars>, prefix: string, dir: string) {
  const index = join(dir, "index.html");
  if (!existsSync(index)) return;
  const html = readFileSync(index, "utf8");
  if (prefix) app.get(prefix, (c) => c.redirect(`${prefix}/`));
  app.use(
    `${prefix}/assets/*`,
    async (c, next) => {
      await next();
      // Vite fingerprints asset names, so they can be cached for a year.
      if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
    },
    serveStatic({ root: dir, rewriteRequestPath: (p) => p.slice(prefix.length) }),
  );
  app.use(`${prefix}/*`, serveStatic({ root: dir, rewriteRequestPath: (p) => p.slice(prefix.length) }));
  app.get(`${prefix}/*`, (c) => c.html(html, 200, { "Cache-Control": "no-cache" }));
}
