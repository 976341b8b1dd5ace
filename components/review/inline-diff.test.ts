import { describe, expect, it } from "vitest";
import { diffInline, tokenize } from "./inline-diff";

const marked = (segments: { text: string; changed: boolean }[]) => segments.map((s) => (s.changed ? `[${s.text}]` : s.text)).join("");

describe("diffInline", () => {
  it("keeps whole numbers and Latin words as single tokens", () => {
    expect(tokenize("收到1200件，PDF 文件")).toEqual(["收", "到", "1200", "件", "，", "PDF", " ", "文", "件"]);
  });

  it("marks a changed number as one deletion and one insertion", () => {
    const diff = diffInline("本年共收到申请1200件。", "本年共收到申请1300件。");
    expect(marked(diff.before)).toBe("本年共收到申请[1200]件。");
    expect(marked(diff.after)).toBe("本年共收到申请[1300]件。");
  });

  it("marks inserted and deleted phrases, leaving the rest plain", () => {
    const diff = diffInline("一是信息公开的主动性还需增强。", "一是信息公开的主动性和及时性还需进一步增强。");
    expect(marked(diff.before)).toBe("一是信息公开的主动性还需增强。");
    expect(marked(diff.after)).toBe("一是信息公开的主动性[和及时性]还需[进一步]增强。");
  });

  it("folds chance matches inside a rewritten clause into one edit", () => {
    const diff = diffInline("甲乙的丙丁", "戊己的庚辛");
    expect(marked(diff.before)).toBe("[甲乙的丙丁]");
    expect(marked(diff.after)).toBe("[戊己的庚辛]");
    const rewrite = diffInline(
      "一是信息公开的主动性还需增强。二是政策解读形式还不够丰富。下一步将加强培训，完善制度。",
      "一是信息公开的主动性和及时性还需进一步增强，部分执法信息公开不够及时。",
    );
    expect(marked(rewrite.before)).toBe("一是信息公开的主动性[还需增强。二是政策解读形式还不够丰富。下一步将加强培训，完善制度]。");
    expect(marked(rewrite.after)).toBe("一是信息公开的主动性[和及时性还需进一步增强，部分执法信息公开不够及时]。");
  });

  it("falls back to trimming common ends for very long paragraphs", () => {
    const long = "很".repeat(800);
    const diff = diffInline(`${long}甲${long}`, `${long}乙${long}`);
    expect(diff.before.map((s) => s.text).join("")).toBe(`${long}甲${long}`);
    expect(diff.before.filter((s) => s.changed).map((s) => s.text)).toEqual(["甲"]);
    expect(diff.after.filter((s) => s.changed).map((s) => s.text)).toEqual(["乙"]);
  });

  it("handles empty sides", () => {
    expect(diffInline("", "新增")).toEqual({ before: [], after: [{ text: "新增", changed: true }] });
    expect(diffInline("相同", "相同")).toEqual({ before: [{ text: "相同", changed: false }], after: [{ text: "相同", changed: false }] });
  });
});
