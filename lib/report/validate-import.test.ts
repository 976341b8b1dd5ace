import { describe, expect, it } from "vitest";
import { describeInputIssue } from "./describe-input-issue";
import { validateImport } from "./validate-import";

const target = { agency: "示例市公安局", year: 2023, format: "2021" };

function problems(text: string) {
  const result = validateImport(text, target);
  if (result.ok) throw new Error("expected the import to be refused");
  return result.issues;
}

describe("validateImport", () => {
  it("accepts a draft of the same year and format and notes a different agency name", () => {
    const result = validateImport(JSON.stringify({ agency: "别的机关", year: 2023, tables: { requests: { received: { natural_person: "12" } } } }), target);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.report.format).toBe("2021");
      expect(result.notes).toEqual(["文件中的机关名称是「别的机关」，导入后仍按「示例市公安局」保存。"]);
    }
  });

  it("accepts a file with a byte-order mark and no notes when the agency matches", () => {
    const result = validateImport(`\uFEFF${JSON.stringify({ agency: "示例市公安局", year: 2023 })}`, target);
    expect(result).toMatchObject({ ok: true, notes: [] });
  });

  it("locates a JSON syntax error by line and column", () => {
    expect(problems('{\n  "agency": "x",\n  "year": 2023,,\n}')).toEqual([
      { path: "(root)", location: "整个文件", message: "文件不是有效的 JSON：第 3 行第 16 列附近有语法错误。" },
    ]);
  });

  it("names a wrongly typed cell by table, row and column", () => {
    expect(problems(JSON.stringify({ agency: "a", year: 2023, tables: { requests: { received: { natural_person: true } } } }))).toEqual([
      {
        path: "tables.requests.received.natural_person",
        location: "表三（收到和处理申请）「一、本年新收政府信息公开申请数量」行「自然人」列",
        message: "应为数字，实际是true/false。",
      },
    ]);
  });

  it("reports an unknown row id as not part of the report's format", () => {
    expect(problems(JSON.stringify({ agency: "a", year: 2023, tables: { requests: { bogus: {} } } }))).toEqual([
      { path: "tables.requests.bogus", location: "表三（收到和处理申请）", message: "「bogus」不是 2021 年版格式中的编号。" },
    ]);
  });

  it("reports missing required fields and non-objects", () => {
    expect(problems(JSON.stringify({ year: 2023 }))).toEqual([{ path: "agency", location: "机关名称", message: "缺少此项。" }]);
    expect(problems("[]")).toEqual([{ path: "(root)", location: "整个文件", message: "文件内容应当是一个 JSON 对象（以 { 开头）。" }]);
  });

  it("refuses another year's report and another format", () => {
    expect(problems(JSON.stringify({ agency: "a", year: 2022 }))[0].message).toBe("文件是 2022 年度的报告，本报告是 2023 年度，不能导入。");
    expect(problems(JSON.stringify({ agency: "a", year: 2023, format: "2019" }))[0].message).toBe("文件使用 2019 年版格式，本报告使用 2021 年版格式，不能导入。");
  });
});

describe("describeInputIssue", () => {
  it("translates zod's messages and names the field", () => {
    expect(describeInputIssue({ path: "date", message: "YYYY-MM-DD" }, "2021")).toEqual({ path: "date", location: "报告日期", message: "日期应写成 YYYY-MM-DD，例如 2024-01-31。" });
    expect(describeInputIssue({ path: "year", message: "Too small: expected number to be >=2000" }, "2021").message).toBe("不能小于 2000。");
    expect(describeInputIssue({ path: "format", message: 'Invalid option: expected one of "2019"|"2021"' }, "2021").message).toBe('只能是 "2019" 或 "2021"。');
    expect(describeInputIssue({ path: "sections.overview.1.title", message: "Invalid input: expected string, received number" }, "2021")).toEqual({
      path: "sections.overview.1.title",
      location: "一、总体情况 第 2 项小标题",
      message: "应为文字，实际是数字。",
    });
  });

  it("keeps an unknown message visible rather than hiding it", () => {
    expect(describeInputIssue({ path: "foo.bar", message: "Something odd" }, "2021")).toEqual({ path: "foo.bar", message: "内容不符合要求（Something odd）。" });
  });
});
