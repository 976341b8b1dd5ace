import { describe, expect, it } from "vitest";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import type { TReportInput } from "../report/schema";
import { loadSeed, SEED_NAMES } from "../test-support/seeds";
import { checkReport } from "./check-report";
import { overlap } from "./check-content";
import type { Finding } from "./types";

function prepared(input: TReportInput): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

function sample(year = 2023, edit: (report: TReportInput) => void = () => {}): TReportInput {
  const report = structuredClone(buildSampleReport({ year, withTotals: true, seed: 9 }));
  edit(report);
  return report;
}

const of = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
const check = (input: TReportInput, previous?: TReportInput) => checkReport(prepared(input), previous ? { previous: prepared(previous) } : {});

const PROBLEMS_2022 =
  "一是政务公开工作人员业务能力有待提高，对政策解读的深度和广度还需进一步加强；二是政府网站信息更新不够及时，部分栏目内容不够丰富。" +
  "下一步，我局将加强业务培训，提升工作人员的业务素质，进一步规范信息发布流程，及时更新网站栏目内容，提高政务公开的质量和效率。";

describe("content.perfunctory", () => {
  it("catches a section 五 that only says 无 or is a line long, and leaves a real account alone", () => {
    for (const text of ["无", "无。", "暂无"]) {
      const [finding] = of(check(sample(2023, (r) => (r.sections!.problems = text))), "content.perfunctory");
      expect(finding?.message, text).toContain(`只写了「${text}」`);
    }
    const short = of(check(sample(2023, (r) => (r.sections!.problems = "存在更新不及时的问题，将加强管理。"))), "content.perfunctory");
    expect(short[0].message).toMatch(/只有 \d+ 个字，过于简略/);
    expect(of(check(sample(2023, (r) => (r.sections!.problems = PROBLEMS_2022))), "content.perfunctory")).toEqual([]);
  });

  it("lets 六 say 无", () => {
    expect(of(check(sample(2023, (r) => (r.sections!.other = "无"))), "content.perfunctory")).toEqual([]);
  });
});

describe("text.placeholder", () => {
  it.each([
    ["本单位联系电话为【请填写电话】。", "【】"],
    ["全年共主动公开政府信息XX条。", "XX"],
    ["20XX年工作计划待补充。", "XX"],
    ["经××局审核后发布。", "××"],
    ["一是……；二是加强培训。", "……"],
  ])("catches 「%s」 (%s)", (text, label) => {
    const findings = of(check(sample(2023, (r) => (r.sections!.other = text))), "text.placeholder");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", section: "other" });
    expect(text.startsWith(findings[0].quote!)).toBe(true);
    expect(findings[0].message).toContain(`「${label}」`);
  });

  it.each([
    "联合媒体策划【纵深推进扫黑除恶专项斗争】系列报道。",
    "使用XXL-Job等开源软件。",
    "邮箱为xxgk@example.gov.cn。",
    "正如总书记所说“……”，我们将继续努力。".replace("“……”", "“为人民服务”"),
  ])("leaves 「%s」 alone", (text) => {
    expect(of(check(sample(2023, (r) => (r.sections!.other = text))), "text.placeholder")).toEqual([]);
  });
});

describe("content.copied-from-last-year", () => {
  it("catches a section 五 copied from last year's report with new years, with the share in the message", () => {
    const last = sample(2022, (r) => (r.sections!.problems = PROBLEMS_2022));
    const copy = sample(2023, (r) => (r.sections!.problems = PROBLEMS_2022.replace("下一步", "2024年")));
    const [finding] = of(check(copy, last), "content.copied-from-last-year").filter((f) => f.section === "problems");
    expect(finding).toMatchObject({ severity: "warning", section: "problems" });
    expect(finding.message).toMatch(/^五、存在的主要问题及改进情况与上年报告相同内容约 (9\d|100)%/);
  });

  it("leaves a rewritten section alone, and compares nothing without last year's report", () => {
    const last = sample(2022, (r) => (r.sections!.problems = PROBLEMS_2022));
    const rewritten =
      "本年度，我局政务公开工作仍存在不足：信息公开的主动性不强，部分领域公开内容不够全面，依申请公开答复的规范化程度有待提升。" +
      "2024年，我局将健全公开目录动态更新机制，规范答复文书格式，并组织两期专题培训。";
    const problems = (findings: Finding[]) => of(findings, "content.copied-from-last-year").filter((f) => f.section === "problems");
    expect(problems(check(sample(2023, (r) => (r.sections!.problems = rewritten)), last))).toEqual([]);
    expect(of(check(sample(2023, (r) => (r.sections!.problems = PROBLEMS_2022))), "content.copied-from-last-year")).toEqual([]);
  });

  it("measures overlap as a share of this year's text", () => {
    expect(overlap(PROBLEMS_2022, PROBLEMS_2022)).toBe(1);
    expect(overlap("完全不同的一段关于信息公开平台建设的文字内容", PROBLEMS_2022)).toBe(0);
    expect(overlap("", PROBLEMS_2022)).toBe(0);
  });
});

describe("content rules on the seeds", () => {
  it("find no placeholder and no perfunctory section in the five published reports", () => {
    for (const name of SEED_NAMES) {
      const findings = checkReport(loadSeed(name)).filter((f) => f.ruleId === "text.placeholder" || f.ruleId === "content.perfunctory");
      expect(findings, name).toEqual([]);
    }
  });
});
