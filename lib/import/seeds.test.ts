import { describe, expect, it } from "vitest";
import { prepareReport } from "../report/prepare-report";
import { reportSchema } from "../report/schema";
import { loadSeedJson, SEED_NAMES, type SeedName } from "../test-support/seeds";
import { seedText } from "./fixtures/seed-texts";
import { importReport } from "./import-report";
import type { SourceLocation } from "./intermediate";
import type { ImportOutcome, UnplacedReason } from "./types";

/**
 * Importing each published seed text (shared/seeds, copied to fixtures/seeds) gives its hand
 * transcription (fixtures/seeds/*.json) cell for cell and field for field.
 *
 * Fields of a transcription the text does not carry: none. Every transcribed field — contact
 * data included (read from the preface or from 六、其他需要报告的事项) — is in the text. What the
 * text carries beyond the transcription is listed per seed below: the `stated.labels`
 * extension, content with no place in the contract (`unplaced`), and problems.
 */
const NOT_IN_TEXT: Record<SeedName, Record<string, string>> = {
  "000_dbcc449a2218d1f4": {},
  "001_c4d8e41b12f6790a": {},
  "002_d477ee84c8f7efa5": {},
  "003_5f1914cbe288c934": {},
  "004_f8f28e4c849350e4": {},
};

/** What cannot be placed, as [text, reason, line]. */
const UNPLACED: Record<SeedName, [string, UnplacedReason, number][]> = {
  // The second improvised sub-row under 其他对外管理服务事项 has no place in the contract (the
  // first one's name sits in the 上一年项目数量 cell, as the transcription keeps it); （六） and
  // （七） each print an eighth 0 after the seven columns.
  "000_dbcc449a2218d1f4": [
    ["行政确认", "improvised-row", 37],
    ["-2", "improvised-row", 37],
    ["0", "improvised-row", 37],
    ["0", "surplus-value", 76],
    ["0", "surplus-value", 77],
  ],
  // The pre-2019 三、公开平台建设和信息发布情况 with its statistics table; captions 表一/表三/表四.
  "001_c4d8e41b12f6790a": [
    ["表一", "caption", 10],
    ["表二", "extra-section", 86],
    ["统　计　指　标", "extra-section", 87],
    ["单位", "extra-section", 88],
    ["统计数", "extra-section", 89],
    ["（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "extra-section", 91],
    ["条", "extra-section", 94],
    ["900", "extra-section", 95],
    ["（二）通过不同渠道和方式公开政府信息的情况", "extra-section", 97],
    ["——", "extra-section", 98],
    ["1.政府公报公开政府信息数", "extra-section", 101],
    ["条", "extra-section", 102],
    ["0", "extra-section", 103],
    ["2.政府网站公开政府信息数", "extra-section", 105],
    ["条", "extra-section", 106],
    ["380", "extra-section", 107],
    ["3.政务微博公开政府信息数", "extra-section", 109],
    ["条", "extra-section", 110],
    ["370", "extra-section", 111],
    ["4.政务微信公开政府信息数", "extra-section", 113],
    ["条", "extra-section", 114],
    ["520", "extra-section", 115],
    ["（三）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "extra-section", 117],
    ["次", "extra-section", 120],
    ["2", "extra-section", 121],
    ["（四）通过不同渠道和方式回应解读的情况", "extra-section", 123],
    ["——", "extra-section", 124],
    ["1.参加或举办新闻发布会总次数", "extra-section", 127],
    ["次", "extra-section", 128],
    ["1", "extra-section", 129],
    ["其中：主要负责同志参加新闻发布会次数", "extra-section", 131],
    ["次", "extra-section", 132],
    ["1", "extra-section", 133],
    ["2.政府网站在线访谈次数", "extra-section", 135],
    ["次", "extra-section", 136],
    ["2", "extra-section", 137],
    ["其中：主要负责同志参加政府网站在线访谈次数", "extra-section", 139],
    ["次", "extra-section", 140],
    ["2", "extra-section", 141],
    ["3.政策解读稿件发布数", "extra-section", 143],
    ["篇", "extra-section", 144],
    ["1", "extra-section", 145],
    ["4.微博微信回应事件数", "extra-section", 147],
    ["次", "extra-section", 148],
    ["0", "extra-section", 149],
    ["表三", "caption", 154],
    ["表四", "caption", 419],
  ],
  // 概述, a heading the format does not have, between the title and the preface.
  "002_d477ee84c8f7efa5": [["概述", "front-matter-heading", 3]],
  "003_5f1914cbe288c934": [["海东市公安局文件", "letterhead", 3]],
  "004_f8f28e4c849350e4": [],
};

const PROBLEMS: Record<SeedName, string[]> = {
  "000_dbcc449a2218d1f4": [],
  "001_c4d8e41b12f6790a": [],
  "002_d477ee84c8f7efa5": [],
  // Table 4 is printed with its headers and no data row.
  "003_5f1914cbe288c934": ["table.no-data"],
  // The report ends at 五.
  "004_f8f28e4c849350e4": ["section.missing"],
};

/** Published labels that differ from the official ones: [ref, published, kind]. */
const LABELS: Record<SeedName, [string, string, string][]> = {
  "000_dbcc449a2218d1f4": [
    ["proactive.row.other_services", "行政检查", "improvised-row"],
    ["proactive.row.other_services", "行政确认", "improvised-row"],
    ["proactive.block.4.amount", "采购总金额（万元，保留四位小数）", "annotated"],
    ["requests.corner", "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", "width"],
    ["requests.row.2", "三、本年度 办理结果", "whitespace"],
    ["requests.row.granted", "(一) 予以公开", "width"],
    ["requests.row.partly_granted", "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "width"],
    ["requests.row.withheld", "(三) 不予公开", "width"],
    ["requests.row.unable", "(四) 无法提供", "width"],
    ["requests.row.not_processed", "(五) 不予处理", "width"],
    ["requests.row.other", "(六) 其他处理", "width"],
    ["requests.row.total_processed", "(七) 总计", "width"],
  ],
  // 「结果」/「维持」 wrapped over two lines is joined; 「其他结 果」 is not.
  "001_c4d8e41b12f6790a": [
    ["reviews.column.litigation_direct.other", "其他结 果", "whitespace"],
    ["reviews.column.litigation_after_reconsideration.upheld", "结果维 持", "whitespace"],
    ["reviews.column.litigation_after_reconsideration.corrected", "结果纠 正", "whitespace"],
  ],
  "002_d477ee84c8f7efa5": [
    ["proactive.block.0", "第二十条第(一)项", "width"],
    ["proactive.block.0.new_made", "本年新", "truncated"],
    ["proactive.block.0.new_published", "本年新", "truncated"],
    ["proactive.block.1", "第二十条第(五)项", "width"],
    ["proactive.block.2", "第二十条第(六)项", "width"],
    ["proactive.block.3", "第二十条第(八)项", "width"],
    ["proactive.block.4", "第二十条第(九)项", "width"],
    ["requests.corner", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "width"],
    ["requests.row.granted", "(一)予以公开", "width"],
    ["requests.row.partly_granted", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "width"],
    ["requests.row.withheld", "(三)不予公开", "width"],
    ["requests.row.unable", "(四)无法提供", "width"],
    ["requests.row.not_processed", "(五)不予处理", "width"],
    ["requests.row.other", "(六)其他处理", "width"],
    ["requests.row.total_processed", "(七)总计", "width"],
  ],
  "003_5f1914cbe288c934": [
    ["proactive.row.normative_documents", "规范性文件", "other-format"],
    ["requests.corner", "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", "width"],
    ["requests.row.granted", "(一) 予以公开", "width"],
    ["requests.row.partly_granted", "(二) 部分公开（区分处理的，只计这一情形，不计其他情形）", "width"],
    ["requests.row.withheld", "(三) 不予公开", "width"],
    ["requests.row.withheld_state_secret", "1. 属于国家秘密", "whitespace"],
    ["requests.row.withheld_prohibited_by_law", "2. 其他法律行政法规禁止公开", "whitespace"],
    ["requests.row.withheld_three_safeties", "3. 危及“三安全一稳定”", "whitespace"],
    ["requests.row.withheld_third_party", "4. 保护第三方合法权益", "whitespace"],
    ["requests.row.withheld_internal_affairs", "5. 属于三类内部事务信息", "whitespace"],
    ["requests.row.withheld_process_info", "6. 属于四类过程性信息", "whitespace"],
    ["requests.row.withheld_enforcement_file", "7. 属于行政执法案卷", "whitespace"],
    ["requests.row.withheld_inquiry", "8. 属于行政查询事项", "whitespace"],
    // 「(四)」 and 「无法提供」 in two cells, judged together.
    ["requests.row.unable", "(四)无法提供", "width"],
    ["requests.row.unable_not_held", "1. 本机关不掌握相关政府信息", "whitespace"],
    ["requests.row.unable_needs_creation", "2. 没有现成信息需要另行制作", "whitespace"],
    ["requests.row.unable_unclear", "3. 补正后申请内容仍不明确", "whitespace"],
    ["requests.row.not_processed", "(五) 不予处理", "width"],
    ["requests.row.not_processed_petition", "1. 信访举报投诉类申请", "whitespace"],
    ["requests.row.not_processed_repeat", "2. 重复申请", "whitespace"],
    ["requests.row.not_processed_publication", "3. 要求提供公开出版物", "whitespace"],
    ["requests.row.not_processed_mass", "4. 无正当理由大量反复申请", "whitespace"],
    ["requests.row.not_processed_confirmation", "5. 要求行政机关确认或重新出具已获取信息", "whitespace"],
    ["requests.row.other_all", "(六) 其他处理", "width"],
    ["requests.row.other_no_correction", "1. 申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "punctuation"],
    ["requests.row.other_no_fee", "2. 申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请", "punctuation"],
    ["requests.row.other_misc", "3. 其他", "whitespace"],
    ["requests.row.total_processed", "(七) 总计", "width"],
    ["reviews.column.reconsideration.upheld", "结果 维持", "whitespace"],
    ["reviews.column.reconsideration.corrected", "结果 纠正", "whitespace"],
    ["reviews.column.reconsideration.other", "其他 结果", "whitespace"],
    ["reviews.column.reconsideration.pending", "尚未 审结", "whitespace"],
    ["reviews.column.reconsideration.total", "总 计", "whitespace"],
    ["reviews.column.litigation_direct.upheld", "结果 维持", "whitespace"],
    ["reviews.column.litigation_direct.corrected", "结果 纠正", "whitespace"],
    ["reviews.column.litigation_direct.other", "其他 结果", "whitespace"],
    ["reviews.column.litigation_direct.pending", "尚未 审结", "whitespace"],
    ["reviews.column.litigation_after_reconsideration.upheld", "结果 维持", "whitespace"],
    ["reviews.column.litigation_after_reconsideration.corrected", "结果 纠正", "whitespace"],
    ["reviews.column.litigation_after_reconsideration.other", "其他 结果", "whitespace"],
    ["reviews.column.litigation_after_reconsideration.pending", "尚未 审结", "whitespace"],
  ],
  "004_f8f28e4c849350e4": [
    ["requests.corner", "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", "width"],
    ["requests.row.granted", "(一) 予以公开", "width"],
    ["requests.row.partly_granted", "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "width"],
    ["requests.row.withheld", "(三) 不予公开", "width"],
    ["requests.row.unable", "(四) 无法提供", "width"],
    ["requests.row.not_processed", "(五) 不予处理", "width"],
    ["requests.row.other", "(六) 其他处理", "width"],
    ["requests.row.total_processed", "(七) 总计", "width"],
  ],
};

/** Section headings that differ from the official ones: [where, kind]. */
const HEADING_DEVIATIONS: Record<SeedName, [string, string][]> = {
  "000_dbcc449a2218d1f4": [["section.problems", "reworded"]],
  "001_c4d8e41b12f6790a": [
    ["section.overview", "punctuation"],
    ["section.proactive", "punctuation"],
    ["section.extra", "extra-section"],
    ["section.requests", "renumbered"],
    ["section.reviews", "renumbered"],
    ["section.problems", "renumbered"],
    ["section.other", "renumbered"],
  ],
  "002_d477ee84c8f7efa5": [],
  "003_5f1914cbe288c934": [],
  "004_f8f28e4c849350e4": [["section.problems", "reworded"]],
};

const outcomes = new Map<SeedName, ImportOutcome>(SEED_NAMES.map((name) => [name, importReport({ kind: "text", text: seedText(name) })]));

function without(value: unknown, paths: string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split(".");
    const parent = keys.slice(0, -1).reduce<Record<string, unknown> | undefined>((node, key) => node?.[key] as Record<string, unknown>, copy);
    if (parent) delete parent[keys[keys.length - 1]];
  }
  return copy;
}

describe.each(SEED_NAMES)("seed %s imported from its text", (name) => {
  const outcome = outcomes.get(name)!;

  it("equals the hand transcription, cell for cell and field for field", () => {
    const { labels, ...stated } = outcome.report.stated ?? {};
    expect(labels?.length ?? 0).toBe(LABELS[name].length);
    const imported = { ...outcome.report, stated };
    const expected = without(loadSeedJson(name), Object.keys(NOT_IN_TEXT[name]));
    expect(without(imported, Object.keys(NOT_IN_TEXT[name]))).toEqual(expected);
  });

  it("keeps every published label that differs from the official one (stated.labels)", () => {
    expect((outcome.report.stated?.labels ?? []).map((l) => [l.ref, l.published, l.kind])).toEqual(LABELS[name]);
  });

  it("reports heading deviations", () => {
    const headings = outcome.deviations.filter((d) => d.where.startsWith("section."));
    expect(headings.map((d) => [d.where, d.kind])).toEqual(HEADING_DEVIATIONS[name]);
  });

  it("lists what has no place in the contract, with its text and line", () => {
    expect(outcome.unplaced.map((u) => [u.text, u.reason, (u.at as { line: number }).line])).toEqual(UNPLACED[name]);
  });

  it("reports only the problems the text really has", () => {
    expect(outcome.problems.map((p) => p.code)).toEqual(PROBLEMS[name]);
  });

  it("is valid interchange JSON that the rule engine reads", () => {
    const report = outcome.report;
    expect(reportSchema(report.format!, "draft").safeParse(report).success).toBe(true);
    expect(prepareReport(JSON.parse(JSON.stringify(report))).ok).toBe(true);
  });
});

describe("provenance", () => {
  const lineOf = (name: SeedName, at: SourceLocation | undefined) => {
    expect(at?.kind).toBe("text");
    return seedText(name).split(/\r\n|\r|\n/)[(at as { line: number }).line - 1];
  };

  it.each([
    ["004_f8f28e4c849350e4", "proactive.penalties.decisions", 53],
    ["004_f8f28e4c849350e4", "proactive.procurement.amount", 60],
    ["004_f8f28e4c849350e4", "requests.withheld_state_secret.natural_person", 72],
    ["004_f8f28e4c849350e4", "reviews.litigation_after_reconsideration.total", 97],
    ["002_d477ee84c8f7efa5", "proactive.other_services.change", 45],
    ["002_d477ee84c8f7efa5", "requests.received.total", 92],
    ["002_d477ee84c8f7efa5", "reviews.reconsideration.upheld", 293],
    ["001_c4d8e41b12f6790a", "requests.other.natural_person", 389],
    ["001_c4d8e41b12f6790a", "proactive.procurement.amount", 81],
    ["001_c4d8e41b12f6790a", "requests.carried_forward.total", 414],
    ["000_dbcc449a2218d1f4", "proactive.other_services.prev_items", 36],
    ["000_dbcc449a2218d1f4", "proactive.procurement.amount", 48],
    ["003_5f1914cbe288c934", "proactive.fees.amount", 45],
    ["003_5f1914cbe288c934", "requests.not_processed_petition.total", 68],
    ["002_d477ee84c8f7efa5", "sections.overview.1.title", 7],
    ["002_d477ee84c8f7efa5", "sections.overview.1", 8],
    ["003_5f1914cbe288c934", "sections.problems", 87],
    ["004_f8f28e4c849350e4", "date", 5],
    ["004_f8f28e4c849350e4", "stated.title", 3],
    ["001_c4d8e41b12f6790a", "stated.headings.2", 84],
    ["001_c4d8e41b12f6790a", "sections.other", 481],
    ["000_dbcc449a2218d1f4", "contact.phone", 93],
    ["001_c4d8e41b12f6790a", "contact.postcode", 5],
    ["001_c4d8e41b12f6790a", "stated.period", 5],
  ] as const)("%s: %s comes from line %i", (name, key, line) => {
    expect(outcomes.get(name)!.provenance[key]).toMatchObject({ kind: "text", line });
  });

  it.each(SEED_NAMES)("%s: every imported value is on the line its provenance names", (name) => {
    const { report, provenance } = outcomes.get(name)!;
    let checked = 0;
    for (const [table, rows] of Object.entries(report.tables ?? {})) {
      for (const [row, cols] of Object.entries(rows ?? {})) {
        for (const [col, value] of Object.entries(cols ?? {})) {
          if (value === null || value === undefined) continue;
          const line = lineOf(name, provenance[`${table}.${row}.${col}`]);
          expect(line.replace(/\s/g, "")).toContain(String(value).replace(/\s/g, ""));
          checked++;
        }
      }
    }
    const transcribed = JSON.stringify((loadSeedJson(name) as { tables: unknown }).tables).match(/:(?!null)[^,{}]+[,}]/g)?.length;
    expect(checked).toBe(transcribed);
  });

  it.each(SEED_NAMES)("%s: every narrative section starts on the line its provenance names", (name) => {
    const { report, provenance } = outcomes.get(name)!;
    const sections = report.sections ?? {};
    const texts: [string, string][] = [
      ...Object.entries(sections)
        .filter(([, v]) => typeof v === "string")
        .map(([k, v]) => [`sections.${k}`, v as string] as [string, string]),
      ...(sections.overview ?? []).map((item, i) => [`sections.overview.${i}`, item.text] as [string, string]),
      ["preface", report.preface ?? ""],
    ];
    for (const [key, text] of texts) {
      if (!text) continue;
      const line = lineOf(name, provenance[key]);
      expect(text.startsWith(line.replace(/\*\*/g, "").replace(/^[#\s\u3000]+/, "").slice(0, 10))).toBe(true);
    }
  });
});
