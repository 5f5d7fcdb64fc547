import { describeIssue } from "@ecogov/domain/errors";
import { PublicRoundSchema, type PublicRound } from "@ecogov/domain/supervision-tasks";
import { ApiError } from "../../api-error";

/**
 * Checks the rectification-progress response against the domain's public schema (the one the API declares), so a
 * mismatch is a clear error naming the field. Loaded on demand, in parallel with the request.
 */
type Issue = Parameters<typeof describeIssue>[0];
const RoundList = PublicRoundSchema.array();

export function parseRounds(url: string, json: unknown): PublicRound[] {
  const items = (json as { items?: unknown } | null)?.items;
  const result = RoundList.safeParse(items, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0] as Issue;
  const field = describeIssue({ ...first, path: ["items", ...first.path] } as Issue);
  throw new ApiError({
    code: "INVALID_RESPONSE",
    text: {
      zh: `服务器返回的数据不符合接口约定（${url}）：${field.message.zh}`,
      en: `The server's response does not match the documented format (${url}): ${field.message.en}`,
    },
    fieldErrors: [field],
  });
}
