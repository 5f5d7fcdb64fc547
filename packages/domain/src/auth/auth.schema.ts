import { z } from "zod";
import { refineMessage } from "../shared/domain-error";

/** The bureau's sections; each section's staff keep one module's records. */
export const SECTIONS = ["monitoring", "enforcement", "approvals", "supervision", "petitions", "emergency"] as const;
export type Section = (typeof SECTIONS)[number];

/** Every role of PRODUCT.md "Who uses it". Section staff carry their section in the role name. */
export const ROLES = ["admin", "leader", ...SECTIONS, "town_officer", "unit_reporter"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const UsernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .refine((v) => /^[a-z0-9_.-]+$/.test(v), refineMessage("username_chars", "用户名只能包含小写字母、数字、下划线、点和连字符", "Username may contain only lowercase letters, digits, _ . -"));

/** Minimum password policy: 10+ characters with a letter and a digit (GB/T 22239 level-2 practice). */
export const PasswordSchema = z
  .string()
  .min(10)
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), refineMessage("password_mix", "密码须同时包含字母和数字", "Password must contain both letters and digits"));

export const LoginInputSchema = z.object({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});

/**
 * Who is acting. Town officers carry their town, unit reporters their unit; the API derives the data
 * scope from this once per request (see `scopeOf`).
 */
export const ActorSchema = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  townId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
});
export type Actor = z.infer<typeof ActorSchema>;

const userFields = {
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(60),
  role: RoleSchema,
  townId: z.uuid().nullable().default(null),
  unitId: z.uuid().nullable().default(null),
  phone: z
    .string()
    .trim()
    .refine((v) => /^1\d{10}$/.test(v), refineMessage("mobile_cn", "手机号应为 11 位数字，以 1 开头", "Mobile number must be 11 digits starting with 1"))
    .nullable()
    .default(null),
};

/** A scoped role must name its town or unit, and only that one. */
function scopeMatchesRole(u: { role: Role; townId: string | null; unitId: string | null }) {
  if (u.role === "town_officer") return u.townId !== null && u.unitId === null;
  if (u.role === "unit_reporter") return u.unitId !== null && u.townId === null;
  return u.townId === null && u.unitId === null;
}
const scopeRule = refineMessage(
  "scope_matches_role",
  "镇街环保员须指定所属镇街，责任单位填报员须指定所属单位，其他角色不得指定",
  "A town officer must have a town, a unit reporter a unit, and other roles neither",
);

export const CreateUserInputSchema = z
  .object({ ...userFields, password: PasswordSchema })
  .refine(scopeMatchesRole, { ...scopeRule, path: ["role"] });
export type CreateUserInput = z.infer<typeof CreateUserInputSchema>;

export const UpdateUserInputSchema = z
  .object({ id: z.uuid(), ...userFields, active: z.boolean() })
  .refine(scopeMatchesRole, { ...scopeRule, path: ["role"] });
export type UpdateUserInput = z.infer<typeof UpdateUserInputSchema>;

export const ResetPasswordInputSchema = z.object({ id: z.uuid(), newPassword: PasswordSchema });

export const UserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  townId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});
export type User = z.infer<typeof UserSchema>;
