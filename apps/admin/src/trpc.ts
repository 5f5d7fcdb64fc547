import type { AppRouter } from "@ecogov/api-contract";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";

/** The typed API client. Only composables (`use-*.ts`) and the router guard use it. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: "/trpc",
      transformer: superjson,
      fetch: (url, options) => fetch(url, { ...options, credentials: "include" }),
    }),
  ],
});
