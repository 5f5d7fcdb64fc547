import type { CreateUserInput, Role, UpdateUserInput, User } from "@ecogov/domain/auth";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/vue-query";
import { computed, type Ref } from "vue";
import { trpc } from "../../trpc";

export interface UserFilter {
  role?: Role;
  search?: string;
}

const USERS_KEY = ["users"] as const;

function cleanFilter(f: UserFilter): UserFilter {
  const search = f.search?.trim();
  return { ...(f.role ? { role: f.role } : {}), ...(search ? { search: search.slice(0, 40) } : {}) };
}

export function useUserList(filter: Ref<UserFilter>) {
  const input = computed(() => cleanFilter(filter.value));
  return useQuery({
    queryKey: computed(() => [...USERS_KEY, "list", input.value] as const),
    queryFn: (): Promise<User[]> => trpc.users.list.query(input.value),
    placeholderData: keepPreviousData,
  });
}

/** One user, read from the full list (the API has no `users.get`). */
export function useUser(id: Ref<string | null>) {
  const all = useQuery({
    queryKey: [...USERS_KEY, "list", {}] as const,
    queryFn: (): Promise<User[]> => trpc.users.list.query({}),
    enabled: computed(() => id.value !== null),
  });
  const user = computed(() => (id.value ? (all.data.value?.find((u) => u.id === id.value) ?? null) : null));
  return { user, isPending: all.isPending, error: all.error };
}

function useInvalidateUsers() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: USERS_KEY }),
      client.invalidateQueries({ queryKey: ["dashboard"] }),
      client.invalidateQueries({ queryKey: ["audit"] }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput): Promise<User> => trpc.users.create.mutate(input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: UpdateUserInput): Promise<User> => trpc.users.update.mutate(input),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: { id: string; newPassword: string }) => trpc.users.resetPassword.mutate(input),
    onSuccess: invalidate,
  });
}

/** The fields `users.update` needs, taken from a user as listed. */
export function toUpdateInput(u: User, changes: Partial<UpdateUserInput> = {}): UpdateUserInput {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, townId: u.townId, unitId: u.unitId, phone: u.phone, active: u.active, ...changes };
}
