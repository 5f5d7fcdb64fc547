import type { Actor } from "@ecogov/domain/auth";
import { useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { trpc } from "../../trpc";

export const ME_KEY = ["auth", "me"] as const;

/** Who is logged in (null when nobody); the router guard and the layout share this cache entry. */
export const meQueryOptions = {
  queryKey: ME_KEY,
  queryFn: (): Promise<Actor | null> => trpc.auth.me.query(),
  staleTime: 5 * 60_000,
};

export function useMe() {
  return useQuery(meQueryOptions);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => trpc.auth.login.mutate(input),
    onSuccess: ({ actor }) => {
      // Nothing cached for the previous user may survive into this session.
      client.clear();
      client.setQueryData(ME_KEY, actor);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => trpc.auth.logout.mutate(),
    onSettled: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => trpc.auth.changePassword.mutate(input),
  });
}
