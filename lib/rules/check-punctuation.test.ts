import { describe, expect, it } from "vitest";
import { prepareReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import { checkPunctuation, halfWidthPunctuation, withFullWidthPunctuation } from "./check-punctuation";

describe("halfWidthPunctuation", () => {
  it("finds , ; : ? ! ( ) next to Chinese text", () => {
    expect(halfWidthPunctuation("2020年,市公安局")).toEqual([5]);
    expect(halfWidthPunctuation("(一)主动公开")).toEqual([0, 2]);
    expect(halfWidthPunctuation("一是强化宣传: 围绕")).toEqual([6]);
    expect(halfWidthPunctuation("是否公开? 是!")).toEqual([4, 7]);
  });

  it("leaves numbers, times, addresses and Latin phrases alone", () => {
    expect(halfWidthPunctuation("共1,234件")).toEqual([]);
    expect(halfWidthPunctuation("上午9:30至下午5:00")).toEqual([]);
    expect(halfWidthPunctuation("网址http://gaj.example.gov.cn/查阅")).toEqual([]);
    expect(halfWidthPunctuation("标题为 Hello, world (draft) 的文件")).toEqual([]);
    expect(halfWidthPunctuation("全角，标点；没有问题（一）")).toEqual([]);
  });
});

describe("withFullWidthPunctuation", () => {
  it("makes the flagged marks full-width and drops the spaces beside them", () => {
    expect(withFullWidthPunctuation("2020年, 市公安局(以下简称 市局) 共收到1,234件")).toBe("2020年，市公安局（以下简称 市局）共收到1,234件");
    expect(withFullWidthPunctuation("(一) 存在的主要问题")).toBe("（一）存在的主要问题");
    expect(withFullWidthPunctuation("网址http://a.gov.cn/查阅,请登录")).toBe("网址http://a.gov.cn/查阅，请登录");
  });

  it("leaves nothing to flag, and changes nothing else", () => {
    const text = "本年度,共收到申请(含网上申请)3件:依法答复;是否满意?满意!";
    const fixed = withFullWidthPunctuation(text);
    expect(halfWidthPunctuation(fixed)).toEqual([]);
    expect(fixed.replace(/[，（）：；？！]/g, "")).toBe(text.replace(/[,():;?!]/g, ""));
  });
});

describe("checkPunctuation", () => {
  it("warns once per text that has half-width punctuation, quoting a sentence, with the corrected text as a fix", () => {
    const input = buildSampleReport({ year: 2022 });
    input.sections!.problems = "一是工作不够规范,二是力量薄弱。(一)改进措施:加强培训。";
    const prepared = prepareReport(input);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
    const findings = checkPunctuation(prepared.report).filter((f) => f.section === "problems");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "text.half-width-punctuation",
      severity: "warning",
      message: "五、存在的主要问题及改进情况中有 4 处半角标点（「,」「(」「)」「:」），中文正文应使用全角标点（，（）：）。",
      quote: "一是工作不够规范,二是力量薄弱。",
      fix: {
        field: "sections.problems",
        from: "一是工作不够规范,二是力量薄弱。(一)改进措施:加强培训。",
        text: "一是工作不够规范，二是力量薄弱。（一）改进措施：加强培训。",
        label: "改为全角标点",
      },
    });
  });
});
