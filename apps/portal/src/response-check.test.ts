import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { arrayOf, checkResponse, nullable, number, object, oneOf, string } from "./response-check";

const Station = object({ code: string, aqi: nullable(number), status: nullable(oneOf(["preliminary", "audited"] as const)) });
const Body = object({ asOf: string, items: arrayOf(Station) });

describe("checkResponse", () => {
  it("returns the data when it matches", () => {
    const body = { asOf: "2026-11-29T00:00", items: [{ code: "QY01-A01", aqi: 42, status: "audited", extra: 1 }] };
    expect(checkResponse("/api/v1/air/stations", body, Body)).toEqual({ asOf: "2026-11-29T00:00", items: [{ code: "QY01-A01", aqi: 42, status: "audited" }] });
  });

  it("names the field and the rule of a mismatch, in both languages", () => {
    const error = (body: unknown) => {
      try {
        checkResponse("/api/v1/air/stations", body, Body);
      } catch (e) {
        return e as ApiError;
      }
      throw new Error("no error");
    };
    const wrongType = error({ asOf: "x", items: [{ code: "A", aqi: "high", status: null }] });
    expect(wrongType).toBeInstanceOf(ApiError);
    expect(wrongType.code).toBe("INVALID_RESPONSE");
    expect(wrongType.text.zh).toBe('服务器返回的数据不符合接口约定（/api/v1/air/stations）：字段 "items.0.aqi" 类型应为 number');
    expect(wrongType.text.en).toContain('Field "items.0.aqi" must be of type number');
    expect(error({ asOf: "x" }).text.zh).toContain('字段 "items" 为必填项');
    expect(error({ asOf: "x", items: [{ code: "A", aqi: 1, status: "draft" }] }).text.zh).toContain('字段 "items.0.status" 取值应为：preliminary、audited');
  });
});
