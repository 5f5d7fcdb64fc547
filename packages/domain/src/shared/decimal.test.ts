import { describe, expect, it } from "vitest";
import {
  add,
  ceil,
  compare,
  div,
  formatDecimal,
  fromInt,
  isDecimalString,
  mean,
  parseDecimal,
  roundHalfEven,
  roundSignificant,
  roundToNumber,
  sub,
  toDecimalString,
  toFixedString,
  toNumber,
} from "./decimal";

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
    expect(toNumber(add(parseDecimal(0.1), parseDecimal(0.2)))).toBe(0.3);
  });

  it("parses decimal text and numbers by their decimal representation", () => {
    expect(toDecimalString(parseDecimal("0.210"))).toBe("0.21");
    expect(toDecimalString(parseDecimal(0.1))).toBe("0.1");
    expect(toDecimalString(parseDecimal("5e-5"))).toBe("0.00005");
    expect(toDecimalString(parseDecimal(5e-7))).toBe("0.0000005");
    expect(toDecimalString(parseDecimal("-1.5E+2"))).toBe("-150");
    expect(toDecimalString(parseDecimal(".5"))).toBe("0.5");
    expect(() => parseDecimal("abc")).toThrow(RangeError);
    expect(() => parseDecimal(".")).toThrow(RangeError);
    expect(() => parseDecimal(Number.NaN)).toThrow(RangeError);
  });
});

describe("isDecimalString", () => {
  it.each([["0.21"], ["5e-5"], ["-1."], [".5"], ["+3"], [" 2 "], ["-1.5E+2"]])("accepts %j", (text) => {
    expect(isDecimalString(text)).toBe(true);
  });

  it.each([[""], ["."], ["-"], ["1e"], ["e5"], ["1.2.3"], ["0x10"], ["abc"]])("rejects %j", (text) => {
    expect(isDecimalString(text)).toBe(false);
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

  it.each([
    ["0.125", 2, "0.12"],
    ["0.135", 2, "0.14"],
    ["2.5", 0, "2"],
    ["3.5", 0, "4"],
    ["-2.5", 0, "-2"],
    ["0.1251", 2, "0.13"],
    ["1.005", 2, "1.00"],
    ["7.45", 1, "7.4"],
    ["0.0005", 3, "0.000"],
  ])("rounds %s to %i places half-even → %s", (v, dp, out) => {
    expect(toFixedString(roundHalfEven(parseDecimal(v), dp), dp)).toBe(out);
    expect(formatDecimal(v, dp)).toBe(out);
  });

  it("rounds the decimal 2.675 up to 2.68 where binary toFixed gives 2.67", () => {
    expect((2.675).toFixed(2)).toBe("2.67");
    expect(roundToNumber(parseDecimal(2.675), 2)).toBe(2.68);
  });

  it("rounds an exact fraction: 290/360 as a percentage is 80.6", () => {
    expect(roundToNumber(div(fromInt(29000), fromInt(360)), 1)).toBe(80.6);
  });

  it("rounds to tens and hundreds with a negative digit count", () => {
    expect(toDecimalString(roundHalfEven(parseDecimal("125"), -1))).toBe("120");
    expect(toDecimalString(roundHalfEven(parseDecimal("135"), -1))).toBe("140");
    expect(toDecimalString(roundHalfEven(parseDecimal("-250"), -2))).toBe("-200");
    expect(() => roundHalfEven(parseDecimal("1"), 0.5)).toThrow(RangeError);
  });
});

describe("roundSignificant", () => {
  it("rounds to significant figures", () => {
    expect(toDecimalString(roundSignificant(parseDecimal("0.00045"), 1))).toBe("0.0004");
    expect(toDecimalString(roundSignificant(parseDecimal("0.00055"), 1))).toBe("0.0006");
    expect(toDecimalString(roundSignificant(parseDecimal("123.456"), 2))).toBe("120");
    expect(toDecimalString(roundSignificant(parseDecimal("9.96"), 2))).toBe("10");
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

  it("keeps repeating fractions exact until displayed", () => {
    const third = div(fromInt(1), fromInt(3));
    expect(toFixedString(third, 4)).toBe("0.3333");
    expect(toNumber(third)).toBe(1 / 3);
    expect(toFixedString(div(fromInt(-2), fromInt(3)), 2)).toBe("-0.67");
  });

  it("refuses division by zero and negative fixed-point digits", () => {
    expect(() => div(fromInt(1), fromInt(0))).toThrow(RangeError);
    expect(() => toFixedString(parseDecimal("1.5"), -1)).toThrow(RangeError);
  });
});

describe("toNumber", () => {
  it.each([
    [51343896, 15132089],
    [9957840, 54482707],
    [-106168718, 587391],
    [2 ** 53 - 1, 3],
    [1, 7],
  ])("gives the nearest double for %i/%i, as IEEE division does", (a, b) => {
    expect(toNumber(div(fromInt(a), fromInt(b)))).toBe(a / b);
  });

  it("keeps tiny, huge and subnormal values", () => {
    expect(toNumber(parseDecimal("4.88039e-18"))).toBe(4.88039e-18);
    expect(toNumber(parseDecimal("-2.5e-7"))).toBe(-2.5e-7);
    expect(toNumber(parseDecimal("1.7976931348623157e308"))).toBe(Number.MAX_VALUE);
    expect(toNumber(parseDecimal("5e-324"))).toBe(Number.MIN_VALUE);
    expect(toNumber(parseDecimal("1e309"))).toBe(Number.POSITIVE_INFINITY);
    expect(toNumber(parseDecimal("0"))).toBe(0);
  });
});
