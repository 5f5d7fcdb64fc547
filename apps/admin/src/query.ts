import { MutationCache, QueryCache, QueryClient } from "@tanstack/vue-query";
import { isRetryable, isUnauthorized } from "./shared/errors";

let onSessionLost: () => void = () => {};

/** Called when a request finds the session gone (expired, or ended elsewhere): the router sends the user to log in. */
export function setOnSessionLost(handler: () => void) {
  onSessionLost = handler;
}

function checkSession(err: unknown) {
  if (isUnauthorized(err)) onSessionLost();
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: checkSession }),
  mutationCache: new MutationCache({ onError: checkSession }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, err) => failures < 2 && isRetryable(err),
    },
    mutations: { retry: false },
  },
});
