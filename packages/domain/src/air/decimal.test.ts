import { describe, expect, it } from "vitest";
import { add, ceil, compare, div, fromInt, mean, parseDecimal, roundHalfEven, roundToNumber, sub, toFixedString, toNumber } from "./decimal";

describe("parseDecimal", () => {
  it.each([
    ["36.5", 73n, 2n],
    [2.675, 107n, 40n],
    ["0.1", 1n, 10n],
    [1e-7, 1n, 10000000n],
    ["-0.5", -1n, 2n],
    [".5", 1n, 2n],
    ["12", 12n, 1n],
    [0, 0n, 1n],
  ] as const)("reads %s exactly", (input, num, den) => {
    expect(parseDecimal(input)).toEqual({ num, den });
  });

  it.each([["abc"], [""], ["1.2.3"], [Number.NaN], [Number.POSITIVE_INFINITY]])("rejects %s", (input) => {
    expect(() => parseDecimal(input)).toThrow(RangeError);
  });

  it("reads a float as its decimal text, so 0.1 + 0.2 is exactly 0.3", () => {
    expect(compare(add(parseDecimal(0.1), parseDecimal(0.2)), parseDecimal("0.3"))).toBe(0);
  });
});

describe("roundHalfEven (GB/T 8170)", () => {
  it.each([
    ["0.5", 0, "0"],
    ["1.5", 0, "2"],
    ["2.5", 0, "2"],
    ["3.5", 0, "4"],
    ["-2.5", 0, "-2"],
    ["35.4", 0, "35"],
    ["35.5", 0, "36"],
    ["36.5", 0, "36"],
    ["36.51", 0, "37"],
    ["2.675", 2, "2.68"],
    ["2.665", 2, "2.66"],
    ["2.6651", 2, "2.67"],
    ["0.05", 1, "0.0"],
    ["0.15", 1, "0.2"],
    ["0.85", 1, "0.8"],
    ["1.51", 1, "1.5"],
    ["1.45", 1, "1.4"],
    ["1.55", 1, "1.6"],
    ["3.855", 2, "3.86"],
    ["3.865", 2, "3.86"],
  ] as const)("%s to %i decimals is %s", (input, digits, expected) => {
    expect(toFixedString(roundHalfEven(parseDecimal(input), digits), digits)).toBe(expected);
  });

  it("rounds the decimal 2.675 up to 2.68 where binary toFixed gives 2.67", () => {
    expect((2.675).toFixed(2)).toBe("2.67");
    expect(roundToNumber(parseDecimal(2.675), 2)).toBe(2.68);
  });

  it("rounds an exact fraction: 290/360 as a percentage is 80.6", () => {
    expect(roundToNumber(div(fromInt(29000), fromInt(360)), 1)).toBe(80.6);
  });
});

describe("ceil", () => {
  it.each([
    ["50.125", 51n],
    ["100", 100n],
    ["100.0000001", 101n],
    ["0", 0n],
    ["-0.5", 0n],
    ["-1.5", -1n],
  ] as const)("ceil(%s) = %s", (input, expected) => {
    expect(ceil(parseDecimal(input))).toBe(expected);
  });
});

describe("arithmetic", () => {
  it("keeps differences exact: 80.6 − 78.2 = 2.4", () => {
    expect(toNumber(sub(parseDecimal(80.6), parseDecimal(78.2)))).toBe(2.4);
    expect(80.6 - 78.2).not.toBe(2.4);
  });

  it("takes exact means", () => {
    expect(toNumber(mean([parseDecimal("0.8"), parseDecimal("0.9")]))).toBe(0.85);
    expect(() => mean([])).toThrow(RangeError);
  });

  it("pads fixed strings", () => {
    expect(toFixedString(parseDecimal("1.5"), 2)).toBe("1.50");
    expect(toFixedString(parseDecimal("0.04"), 1)).toBe("0.0");
    expect(toFixedString(parseDecimal("-0.06"), 1)).toBe("-0.1");
  });
});
