import { describe, expect, it } from "vitest";
import { bestMatch, classifyLabel, editDistance, foldWidth, prepareLabel } from "./labels";

const classify = (published: string, official: string) => classifyLabel(prepareLabel(published), prepareLabel(official));

describe("classifyLabel: the real deviations of published labels", () => {
  it.each([
    ["（一）予以公开", "（一）予以公开", "exact"],
    ["结果 维持", "结果维持", "whitespace"],
    ["三、本年度 办理结果", "三、本年度办理结果", "whitespace"],
    ["(一) 予以公开", "（一）予以公开", "width"],
    ["第二十条第(一)项", "第二十条第（一）项", "width"],
    ["1. 申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "punctuation"],
    ["一、总体情况。", "一、总体情况", "punctuation"],
    ["予以公开", "（一）予以公开", "numbering"],
    ["无法提供", "（四）无法提供", "numbering"],
    ["(四)", "（四）无法提供", "truncated"],
    ["本年新", "本年新制作数量", "truncated"],
    ["现行有效件", "现行有效件数", "truncated"],
    ["规范性文件", "行政规范性文件", "truncated"],
    ["采购总金额（万元，保留四位小数）", "采购总金额", "annotated"],
    ["本年发件", "本年制发件数", "typo"],
    ["6.属于四类过程性性信息", "6.属于四类过程性信息", "typo"],
    ["采购项目数", "采购项目数量", "truncated"],
  ])("「%s」 against 「%s」: %s", (published, official, kind) => {
    expect(classify(published, official)).toBe(kind);
  });

  it.each([
    ["行政检查", "行政许可"],
    ["行政确认", "行政强制"],
    ["规章", "规则"],
    ["其他", "总计"],
    ["(五)", "（四）无法提供"],
    ["", "规章"],
  ])("「%s」 is not 「%s」", (published, official) => {
    expect(classify(published, official)).toBeNull();
  });
});

describe("bestMatch", () => {
  const candidates = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "总计", "（七）总计"].map((text) => ({ label: prepareLabel(text) }));
  const best = (text: string) => bestMatch(prepareLabel(text), candidates)?.entry.label.text ?? null;

  it("takes the closest candidate", () => {
    expect(best("对外公开总数")).toBe("对外公开总数量");
    expect(best("总计")).toBe("总计");
    expect(best("(七) 总计")).toBe("（七）总计");
  });

  it("refuses a tie between different labels (「本年新」 fits two headers)", () => {
    expect(best("本年新")).toBeNull();
  });

  it("prefers any closer match to a typo", () => {
    expect(bestMatch(prepareLabel("本年新制作数量"), candidates)?.kind).toBe("exact");
  });
});

describe("helpers", () => {
  it("foldWidth folds full-width ASCII forms and the ideographic space", () => {
    expect(foldWidth("（一）：，１２　Ａ")).toBe("(一):,12 A");
  });

  it("editDistance stops at its limit", () => {
    expect(editDistance("过程性性信息", "过程性信息", 2)).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });

  it("prepareLabel separates the numbering from the words", () => {
    expect(prepareLabel("（三）不予公开").numbering).toBe("(三)");
    expect(prepareLabel("三、本年度办理结果").body).toBe("本年度办理结果");
    expect(prepareLabel("1. 属于国家秘密").body).toBe("属于国家秘密");
  });
});
