import { describe, expect, it } from "vitest";
import { contractValue, isValueText, splitTrailingValues, valueTokens } from "./values";

describe("contractValue: values as written", () => {
  it.each([
    ["0", "count", 0],
    ["　0", "count", 0],
    ["-832　", "signed", -832],
    ["144.8578", "money", 144.8578],
    ["+1301", "signed", "+1301"],
    ["减2", "signed", "减2"],
    ["2791.3万元", "money", "2791.3万元"],
    ["3414.41 万元", "money", "3414.41 万元"],
    ["1753802元", "money", "1753802元"],
    ["/", "count", "/"],
    ["—", "count", "—"],
    ["", "count", null],
    ["  ", "count", null],
    ["行政检查", "count", "行政检查"],
    ["007", "count", "007"],
    ["-5", "count", -5],
  ] as const)("「%s」 in a %s cell → %j", (text, kind, value) => {
    expect(contractValue(text, kind)).toStrictEqual(value);
  });
});

describe("isValueText", () => {
  it.each(["0", "", " ", "+5", "减2", "-11", "2791.3万元", "3414.41 万元", "—", "/", "--", "无", "１２", "1,234"])("「%s」 is a value", (text) => {
    expect(isValueText(text)).toBe(true);
  });
  it.each(["规章", "行政检查", "(四)", "1.属于国家秘密", "第二十条第（一）项", "一", "12件3"])("「%s」 is a label", (text) => {
    expect(isValueText(text)).toBe(false);
  });
});

describe("numbers run together", () => {
  it("splits a label from its trailing numbers", () => {
    expect(splitTrailingValues("规章 0 0 1")).toEqual({ label: "规章", values: ["0", "0", "1"] });
    expect(splitTrailingValues("规章0 0 1")).toEqual({ label: "规章", values: ["0", "0", "1"] });
    expect(splitTrailingValues("政府集中采购 16 3414.41 万元")).toEqual({ label: "政府集中采购", values: ["16", "3414.41 万元"] });
    expect(splitTrailingValues("三、本年度办理结果 （一）予以公开 1 — 3")).toEqual({ label: "三、本年度办理结果 （一）予以公开", values: ["1", "—", "3"] });
  });

  it("leaves labels that end in no number alone, numbering included", () => {
    expect(splitTrailingValues("1.属于国家秘密")).toBeNull();
    expect(splitTrailingValues("规章")).toBeNull();
    expect(splitTrailingValues("0 0 1")).toBeNull();
  });

  it("valueTokens reads a run of values, a unit joined to its number", () => {
    expect(valueTokens("0 0 1")).toEqual(["0", "0", "1"]);
    expect(valueTokens("16 3414.41 万元")).toEqual(["16", "3414.41 万元"]);
    expect(valueTokens("0 规章")).toBeNull();
  });
});
