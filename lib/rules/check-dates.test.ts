import { describe, expect, it } from "vitest";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import type { TReportInput } from "../report/schema";
import { loadSeedJson } from "../test-support/seeds";
import { calendarProblem, checkDates, impossibleDates, isCalendarDate } from "./check-dates";
import { checkReport } from "./check-report";
import type { CheckContext, Finding } from "./types";

function prepared(input: unknown): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

/** A correct report of the 示例市公安局 (a department) to change one text at a time. */
function sample(year = 2023): TReportInput {
  return structuredClone(buildSampleReport({ year, seed: 7 }));
}

function withText(year: number, where: "preface" | "overview" | "problems" | "other" | "requestsNote", text: string): TReportInput {
  const report = sample(year);
  if (where === "preface") report.preface = text;
  else if (where === "overview") report.sections!.overview![0].text = text;
  else report.sections![where] = text;
  return report;
}

const dateFindings = (input: unknown) => checkDates(prepared(input));
const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);
/** Everything checkReport finds, for the rules that could also report a year or a date. */
const all = (input: unknown, context?: CheckContext) => checkReport(prepared(input), context);

describe("the calendar", () => {
  it("knows month lengths and leap years", () => {
    expect(calendarProblem(2021, 2, 30)).toBe("2021年不是闰年，2月只有 28 天");
    expect(calendarProblem(2021, 2, 29)).toBe("2021年不是闰年，2月只有 28 天");
    expect(calendarProblem(2024, 2, 29)).toBeUndefined();
    expect(calendarProblem(2000, 2, 29)).toBeUndefined();
    expect(calendarProblem(1900, 2, 29)).toBe("1900年不是闰年，2月只有 28 天");
    expect(calendarProblem(2024, 2, 30)).toBe("2月只有 29 天");
    expect(calendarProblem(2023, 4, 31)).toBe("4月只有 30 天");
    expect(calendarProblem(2023, 12, 31)).toBeUndefined();
    expect(calendarProblem(2021, 13)).toBe("没有 13 月，一年只有 12 个月");
    expect(calendarProblem(2021, 3, 0)).toBe("没有 0 日");
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2024-01-32")).toBe(false);
  });
});

describe("impossibleDates", () => {
  it("finds dates that do not exist, written the Chinese way or with - . /", () => {
    const found = (text: string) => impossibleDates(text).map((d) => d.text);
    expect(found("于2021年2月30日印发《实施方案》")).toEqual(["2021年2月30日"]);
    expect(found("于 2021 年 2 月 30 日印发")).toEqual(["2021 年 2 月 30 日"]);
    expect(found("2021年13月，我局召开专题会议")).toEqual(["2021年13月"]);
    expect(found("网站于2020-13-45完成改版")).toEqual(["2020-13-45"]);
    expect(found("2021.02.30上线运行")).toEqual(["2021.02.30"]);
    expect(found("２０２１年２月３０日")).toEqual(["２０２１年２月３０日"]);
    expect(found("截至11月31日，共办理21件")).toEqual(["11月31日"]);
    expect(found("12月13月5日")).toEqual(["13月5日"]);
  });

  it("leaves real dates and numbers that only look like dates alone", () => {
    const none = [
      "2024年2月29日，我局召开政务公开工作推进会",
      "每年2月29日前报送",
      "2023年12月31日",
      "2023-12-31",
      "2023.1.5",
      "联系电话：0952-2216049，传真：0952-2216046",
      "上午9:30至下午5:00",
      "网址 http://gaj.example.gov.cn/2021/02/30.html",
      "档案编号2020-13-45-0001",
      "10月5日至10月31日",
      "共1,234件，占比12.5%",
      "2023年1至12月",
    ];
    for (const text of none) expect(impossibleDates(text), text).toEqual([]);
  });
});

describe("text.impossible-date", () => {
  it("warns once per impossible date in any narrative text, naming the place and quoting the sentence", () => {
    const findings = dateFindings(withText(2021, "other", "本年度无其他需要报告的事项。本报告于2022年2月30日经局党委会审议通过。"));
    expect(findings).toEqual([
      {
        ruleId: "text.impossible-date",
        severity: "warning",
        message: "六、其他需要报告的事项中的日期「2022年2月30日」不存在（2022年不是闰年，2月只有 28 天），请核对。",
        cells: [],
        section: "other",
        quote: "本报告于2022年2月30日经局党委会审议通过。",
        actual: "2022年2月30日",
      },
    ]);
    const two = dateFindings(withText(2021, "requestsNote", "2021年13月收到申请2件，2021.02.30答复。"));
    expect(two.map((f) => f.actual)).toEqual(["2021年13月", "2021.02.30"]);
    expect(two.every((f) => f.section === "requests")).toBe(true);
  });

  it("does not warn about 2月29日 of a leap year", () => {
    expect(dateFindings(withText(2024, "overview", "2024年2月29日，市公安局召开全市公安机关政务公开工作会议。"))).toEqual([]);
    expect(ids(dateFindings(withText(2023, "overview", "2023年2月29日，市公安局召开全市公安机关政务公开工作会议。")))).toEqual([
      "text.impossible-date",
    ]);
  });

  it("reports an impossible date of another year as impossible, not also as the wrong year", () => {
    expect(ids(dateFindings(withText(2023, "overview", "2022年2月30日，市公安局印发《政务公开工作方案》。")))).toEqual(["text.impossible-date"]);
  });
});

describe("text.wrong-year in the preface and 一、总体情况", () => {
  it("warns about a year that frames the statistics year's work", () => {
    // Seed 000's opening, left from an earlier year in a 2023 report.
    const findings = dateFindings(withText(2023, "overview", "2022 年，市公安局依托门户网站、政务微博微信等新媒体共公开政府信息 1000 余条。"));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "text.wrong-year",
      severity: "warning",
      section: "overview",
      quote: "2022 年，市公安局依托门户网站、政务微博微信等新媒体共公开政府信息 1000 余条。",
      expected: 2023,
      actual: 2022,
    });
    expect(findings[0].message).toBe(
      "一、总体情况 （一）主动公开中「2022 年，市公安局依托门户网站、政务微博微信等新媒体共公开政府信息 1000…」写的是 2022 年，而报告年度为 2023 年：总体情况应写统计年度（2023年）的情况，请核对年份。",
    );
  });

  it.each([
    ["preface", "本年报根据《中华人民共和国政府信息公开条例》要求，结合2022年度余姚市公安局政府信息公开工作实际编制而成。"],
    ["preface", "现将宿迁市公安局2022年政府信息公开工作年度报告公布如下。"],
    ["overview", "六盘水市公安局按照相关文件要求，2022年共主动公开政府信息4536条。"],
    ["overview", "一是主动公开情况。二是2022年度四个季度在市政府网站运维检测抽查中均合格。"],
    ["overview", "2024年1月，市公安局召开全市公安机关政务公开工作会议。"],
  ] as const)("%s: 「%s」 in a 2023 report", (where, text) => {
    const findings = dateFindings(withText(2023, where, text));
    expect(ids(findings)).toEqual(["text.wrong-year"]);
    expect(findings[0].message).toContain("报告年度为 2023 年");
  });

  it("names every wrong year of a sentence in one finding", () => {
    const findings = dateFindings(withText(2023, "overview", "2022年，全年共受理申请12件；2021年度结转2件。"));
    // Two sentences (；), one finding each.
    expect(findings.map((f) => f.actual)).toEqual([2022, 2021]);
  });

  it.each([
    "2023 年，海东市公安局以习近平新时代中国特色社会主义思想为指导，深入贯彻落实国务院关于推进信息公开的决策部署。",
    "自2008年《条例》施行以来，市公安局始终坚持以公开为常态、不公开为例外。",
    "2019 年以来，市公安局坚持以习近平新时代中国特色社会主义思想为指引。",
    "全年共收到政府信息公开申请23件，较2022年增长15%。",
    "与2022年同期相比，依申请公开数量有所下降。",
    "2022年同期，本机关收到申请20件。",
    "根据《2022年政务公开工作要点》和国办公开办函〔2021〕30号要求，结合工作实际编制本报告。",
    "围绕“2022年度群众最关心的20项重点工作”逐条加以推进。",
    "2021年、2022年连续两年获评全市政务公开先进单位。",
    "2021—2023年，市公安局连续三年开展专项治理。",
    "截至2022年底，全市公安机关已开通官方认证新媒体账号63个。",
    "于2022年12月24日印发《市公安局2023年政务公开工作方案》，成立政务公开工作领导小组。",
    "依据《中华人民共和国政府信息公开条例》（2019年修订）第五十条之规定，编制本报告。",
    "2024年，我局将继续深化政务公开，提升公开质量。",
    // Comparisons and series: the report year is named too, or the year is a data point.
    "2023年共受理政府信息公开申请20件，2022年共15件。",
    "近三年收到申请数量分别为：2021年12件；2022年15件；2023年20件。",
  ])("leaves 「%s」 alone in a 2023 report", (text) => {
    expect(dateFindings(withText(2023, "overview", text))).toEqual([]);
    expect(dateFindings(withText(2023, "preface", text))).toEqual([]);
  });

  it("takes a report named in 总体情况 for another report, and one named in the preface for this one", () => {
    const text = "2022年度政府信息公开工作年度报告于1月20日按时在门户网站发布。";
    expect(dateFindings(withText(2023, "overview", text))).toEqual([]);
    expect(ids(dateFindings(withText(2023, "preface", text)))).toEqual(["text.wrong-year"]);
  });

  it("leaves the years of 二、三、四 notes and 六 alone", () => {
    expect(dateFindings(withText(2023, "requestsNote", "2022年结转的2件申请已于本年办结。"))).toEqual([]);
    expect(dateFindings(withText(2023, "other", "2022年，本机关未收取信息处理费。"))).toEqual([]);
  });
});

describe("text.wrong-year for plans (五、存在的主要问题及改进情况)", () => {
  it.each([
    // Seed 001's plan, not moved on to the next year.
    ["2023年，我局将从以下几方面进一步推进政府信息公开工作：", 2023],
    ["2023年将进一步完善信息公开保密审查制度和监督机制。", 2023],
    // Seed 003's plan, copied from the 2021 report into a 2023 one.
    ["2022年市公安局将针对存在的问题逐一进行梳理和整改：", 2022],
    ["四是对门户网站工作提档升级，计划于2023年底前增加检索功能和服务栏目。", 2023],
    ["2023年度，我局力争实现政务公开工作人员全员轮训。", 2023],
  ] as const)("warns about 「%s」 in a 2023 report", (text, year) => {
    const findings = dateFindings(withText(2023, "problems", text));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "text.wrong-year", severity: "warning", section: "problems", quote: text, expected: 2024, actual: year });
    expect(findings[0].message).toContain(`把工作计划写在 ${year} 年，而报告年度为 2023 年：改进措施和工作打算应是下一年度（2024年）的工作`);
    expect(findings[0].message).toMatch(/^五、存在的主要问题及改进情况中「/);
  });

  it("quotes the year and the clause that says what is planned", () => {
    const [finding] = dateFindings(withText(2023, "problems", "2023年，我局将从以下几方面进一步推进政府信息公开工作："));
    expect(finding.message).toContain("「2023年，我局将从以下几方面进一步推进政府信息公开工作」");
  });

  it.each([
    "2024年，我局将继续深化政务公开，提升公开质量。",
    "2024年将重点围绕公安机关出台的重大举措和群众关心关注的热点问题，丰富解读形式。",
    "下一步，我局将进一步加强政务公开队伍建设。",
    // This year's situation and the improvements made in it are 改进情况 too.
    "2023年，市公安局对承办信息公开的部门进行调整，个别工作人员能力水平还有一定差距。",
    "2023年，我局进一步完善了政务公开工作制度。",
    // 将 as 把: what was done, not a plan.
    "2023年，我局将政务公开工作纳入全局绩效考核体系。",
    // History and multi-year goals.
    "2022年，我局针对上年度报告提出的问题逐项整改。",
    "到2025年，全面建成政务公开标准化规范化体系。",
  ])("leaves 「%s」 alone in a 2023 report", (text) => {
    expect(dateFindings(withText(2023, "problems", text))).toEqual([]);
  });

  it("treats a stale plan in 总体情况 like one in 五", () => {
    expect(ids(dateFindings(withText(2023, "overview", "2023年，我局将进一步加强政务新媒体管理。")))).toEqual(["text.wrong-year"]);
  });
});

describe("text.period", () => {
  it("reports a statistics period in the text that is not the report year (no stated.period to say it)", () => {
    const findings = dateFindings(withText(2023, "preface", "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"));
    expect(findings).toEqual([
      {
        ruleId: "text.period",
        severity: "error",
        message: "前言所述统计期限「2022年1月1日起至2022年12月31日」不是报告年度全年，应为 2023年1月1日至2023年12月31日。",
        cells: [],
        quote: "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
        expected: "2023-01-01/2023-12-31",
        actual: "2022-01-01/2022-12-31",
      },
    ]);
  });

  it.each([
    ["统计期限为2023年1月1日至11月30日", "2023-01-01/2023-11-30"],
    ["本报告各类数据统计时限从 2022 年 1 月 1 日到 2022 年 12 月 31 日止", "2022-01-01/2022-12-31"],
  ])("reads 「%s」", (text, actual) => {
    expect(dateFindings(withText(2023, "preface", `${text}。`))).toMatchObject([{ ruleId: "text.period", actual }]);
  });

  it("reads a period stated as a year", () => {
    expect(dateFindings(withText(2023, "preface", "本报告所列数据统计期限为2022年度。"))).toMatchObject([
      { ruleId: "text.period", severity: "error", expected: 2023, actual: 2022 },
    ]);
    expect(dateFindings(withText(2023, "preface", "本报告所列数据统计期限为2023年度。"))).toEqual([]);
    // Earlier years given for comparison are not the period.
    expect(dateFindings(withText(2023, "preface", "本报告所列数据统计期限为2023年度，部分指标附2021—2022年度数据作对比。"))).toEqual([]);
  });

  it("accepts the standard preface and a range that is not a statistics period", () => {
    expect(dateFindings(withText(2023, "preface", "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"))).toEqual([]);
    expect(dateFindings(withText(2023, "overview", "2023年3月1日至5月31日，市公安局开展政务公开专项检查。"))).toEqual([]);
  });

  it("leaves a period that stated.period reports to it: one finding for one wrong period (seed 000)", () => {
    const seed = loadSeedJson("000_dbcc449a2218d1f4") as TReportInput;
    const found = all(seed).filter((f) => /期限|时限/.test(f.message));
    expect(ids(found)).toEqual(["stated.period"]);
    // Without stated.period (a report written in the wizard) the sentence itself is reported.
    const written = { ...seed, stated: { ...seed.stated, period: undefined } };
    expect(ids(all(written).filter((f) => /期限|时限/.test(f.message)))).toEqual(["text.period"]);
    // A preface edited to another period than the one stated.period holds is checked as written.
    const edited = { ...seed, preface: seed.preface!.replace(/2021 年/g, "2020 年") };
    expect(ids(all(edited).filter((f) => /期限|时限/.test(f.message)))).toEqual(["stated.period", "text.period"]);
  });
});

describe("one defect, one finding", () => {
  it("leaves a report title in 《》 to stated.preface-title", () => {
    const report = withText(2023, "preface", "现将《示例市公安局2022年政府信息公开工作年度报告》予以公布。");
    expect(ids(all(report))).toEqual(["stated.preface-title"]);
  });

  it("finds nothing in a correct report of any year", () => {
    for (const year of [2019, 2020, 2021, 2023, 2024]) expect(all(sample(year))).toEqual([]);
  });
});

describe("the report's date (成文日期)", () => {
  it("stated.date-impossible: a date that does not exist is an error, and only that", () => {
    const report = sample(2023);
    report.date = "2024-02-30";
    expect(all(report)).toEqual([
      {
        ruleId: "stated.date-impossible",
        severity: "error",
        message: "报告日期 2024-02-30 不存在（2月只有 29 天），无法判断是否按期公布，请填写正确的成文日期。",
        cells: [],
        actual: "2024-02-30",
      },
    ]);
    report.date = "2024-01-32";
    expect(ids(all(report))).toEqual(["stated.date-impossible"]);
    report.date = "2024-02-29";
    expect(ids(all(report))).toEqual(["stated.date-late"]);
    expect(all({ ...report, agency: "示例市人民政府" })).toEqual([]);
  });

  // C10/C12 are check-stated.ts's rules (stated.date-early, stated.date-late); this pins their
  // boundaries, which issue 12 asks for, so that no second rule is added for them.
  it("before the year's end is an error; after the statutory deadline a warning (C10, C12)", () => {
    const report = sample(2023);
    const at = (date: string, kind?: CheckContext["agencyKind"]) => all({ ...report, date }, { agencyKind: kind });
    expect(at("2023-12-20")).toMatchObject([{ ruleId: "stated.date-early", severity: "error", message: "报告日期 2023-12-20 早于统计期限结束（2023年12月31日）。" }]);
    expect(ids(at("2023-12-31"))).toEqual(["stated.date-early"]);
    expect(at("2024-01-01")).toEqual([]);
    expect(at("2024-01-31")).toEqual([]);
    expect(at("2024-02-01")).toMatchObject([{ ruleId: "stated.date-late", severity: "warning" }]);
    expect(at("2024-03-31", "GOVERNMENT")).toEqual([]);
    expect(ids(at("2024-04-01", "GOVERNMENT"))).toEqual(["stated.date-late"]);
  });

  it("stated.date-missing: a report written here needs its date; an imported published text does not", () => {
    const undated = sample(2023);
    delete undated.date;
    expect(all(undated)).toMatchObject([{ ruleId: "stated.date-missing", severity: "error", expected: "2024-01-31" }]);
    expect(all(undated)[0].message).toContain("成文日期应晚于 2023年12月31日");
    // A portal page often shows the date outside the text the importer reads.
    expect(all({ ...undated, stated: {} })).toEqual([]);
  });
});
