import { describe, expect, it } from "vitest";
import { add, cmp, div, formatDecimal, int, parseDecimal, roundHalfEven, roundSignificant, toDecimalString, toFixed, toNumber } from "./decimal";

describe("decimal", () => {
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

  it("adds without binary artefacts (0.1 + 0.2 = 0.3)", () => {
    expect(cmp(add(parseDecimal(0.1), parseDecimal(0.2)), parseDecimal("0.3"))).toBe(0);
    expect(toNumber(add(parseDecimal(0.1), parseDecimal(0.2)))).toBe(0.3);
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
    expect(toFixed(roundHalfEven(parseDecimal(v), dp), dp)).toBe(out);
    expect(formatDecimal(v, dp)).toBe(out);
  });

  it("rounds to significant figures", () => {
    expect(toDecimalString(roundSignificant(parseDecimal("0.00045"), 1))).toBe("0.0004");
    expect(toDecimalString(roundSignificant(parseDecimal("0.00055"), 1))).toBe("0.0006");
    expect(toDecimalString(roundSignificant(parseDecimal("123.456"), 2))).toBe("120");
    expect(toDecimalString(roundSignificant(parseDecimal("9.96"), 2))).toBe("10");
  });

  it("keeps repeating fractions exact until displayed", () => {
    const third = div(int(1), int(3));
    expect(toFixed(third, 4)).toBe("0.3333");
    expect(toNumber(third)).toBe(1 / 3);
    expect(toFixed(div(int(-2), int(3)), 2)).toBe("-0.67");
  });
});
