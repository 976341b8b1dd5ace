import { describe, expect, it } from "vitest";
import { formatValue, normalizeValue } from "./normalize-value";

describe("normalizeValue", () => {
  it.each([
    [23, "count", 23, false],
    ["23", "count", 23, false],
    ["２３", "count", 23, true],
    [" 23 ", "count", 23, false],
    ["　0", "count", 0, false],
    ["+1301", "signed", 1301, true],
    ["-832", "signed", -832, false],
    ["减2", "signed", -2, true],
    ["增5", "signed", 5, true],
    ["－3", "signed", -3, true],
    ["2791.3万元", "money", 2791.3, true],
    ["3414.41 万元", "money", 3414.41, true],
    ["1753802元", "money", 175.3802, true],
    ["1,234", "count", 1234, true],
    ["144.8578", "money", 144.8578, false],
    ["1.2亿元", "money", 12000, true],
  ] as const)("reads %j as a %s", (input, kind, value, rewritten) => {
    expect(normalizeValue(input, kind)).toEqual({ value, rewritten });
  });

  it.each([null, undefined, "", "  ", "　"])("treats %j as blank", (input) => {
    expect(normalizeValue(input, "count")).toMatchObject({ value: null });
    expect(normalizeValue(input, "count").problem).toBeUndefined();
  });

  it.each([
    ["行政检查", "count", "not-a-number"],
    ["12件3", "count", "not-a-number"],
    [true, "count", "not-a-number"],
    [-1, "count", "negative"],
    ["-1", "count", "negative"],
    [1.5, "count", "not-integer"],
    ["2.5", "signed", "not-integer"],
    ["1.23456", "money", "money-precision"],
    [0.00001, "money", "money-precision"],
    ["1753802.5元", "money", "money-precision"],
    ["-5", "money", "negative"],
    ["3万元", "count", "wrong-unit"],
    ["5件", "money", "wrong-unit"],
  ] as const)("rejects %j as a %s (%s)", (input, kind, problem) => {
    expect(normalizeValue(input, kind).problem).toBe(problem);
  });

  it("converts yuan to 万元 without floating-point error", () => {
    expect(normalizeValue("17538025元", "money").value).toBe(1753.8025);
    expect(normalizeValue("5元", "money").value).toBe(0.0005);
  });
});

describe("formatValue", () => {
  it("prints integers plainly and money with at most four decimals", () => {
    expect(formatValue(23, "count")).toBe("23");
    expect(formatValue(-2, "signed")).toBe("-2");
    expect(formatValue(3414.41, "money")).toBe("3414.41");
    expect(formatValue(175.3802, "money")).toBe("175.3802");
    expect(formatValue(12000, "money")).toBe("12000");
    expect(formatValue(null, "count")).toBe("");
  });
});
