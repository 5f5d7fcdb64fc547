import { DomainError } from "../shared/domain-error";

export const authErrors = {
  /** Wrong username or password; never says which, so accounts cannot be enumerated. */
  badCredentials: () =>
    new DomainError({ code: "AUTH_BAD_CREDENTIALS", kind: "unauthorized", text: { zh: "用户名或密码错误", en: "Wrong username or password" } }),
  /** Too many failed logins for this username or address within the throttle window. */
  throttled: (minutes: number) =>
    new DomainError({
      code: "AUTH_THROTTLED",
      kind: "rate_limited",
      text: { zh: `登录失败次数过多，请 ${minutes} 分钟后再试`, en: `Too many failed logins; try again in ${minutes} minutes` },
    }),
  /** No valid session cookie. */
  notLoggedIn: () => new DomainError({ code: "AUTH_REQUIRED", kind: "unauthorized", text: { zh: "请先登录", en: "Please log in" } }),
  /** The actor's role does not allow this action. */
  forbidden: (action: string) =>
    new DomainError({ code: "AUTH_FORBIDDEN", kind: "forbidden", text: { zh: `无权执行此操作：${action}`, en: `Not allowed: ${action}` } }),
  /** Password change with a wrong current password. */
  wrongCurrentPassword: () =>
    new DomainError({
      code: "AUTH_WRONG_CURRENT_PASSWORD",
      kind: "invalid",
      text: { zh: "当前密码不正确", en: "The current password is wrong" },
      details: { fieldErrors: [{ path: "currentPassword", rule: "matches_current", message: { zh: "当前密码不正确", en: "The current password is wrong" } }] },
    }),
  /** Username already taken. */
  usernameTaken: (username: string) =>
    new DomainError({
      code: "USER_USERNAME_TAKEN",
      kind: "conflict",
      text: { zh: `用户名 ${username} 已被使用`, en: `Username ${username} is already taken` },
      details: { fieldErrors: [{ path: "username", rule: "unique", message: { zh: `用户名 ${username} 已被使用`, en: `Username ${username} is already taken` } }] },
    }),
  /** No user with that id. */
  userNotFound: (id: string) =>
    new DomainError({ code: "USER_NOT_FOUND", kind: "not_found", text: { zh: `用户 ${id} 不存在`, en: `User ${id} does not exist` } }),
};
