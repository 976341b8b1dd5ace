/**
 * A draft 通报 on how the agencies of an oversight scope prepared and published a year's report
 * (issue 10), for the supervisor to edit in Word: a summary of the numbers, the agencies with a
 * problem one by one (not published, late, rule errors or warnings) each with room for the
 * supervisor's remarks, and the agencies that published on time without findings in one list.
 *
 * It is built as a document of the one document model and rendered by the report's DOCX renderer
 * (lib/render/docx), so it has the same GB/T 9704 page, fonts (方正小标宋 title, 黑体/楷体 headings,
 * 仿宋 body) and sizes as the reports themselves.
 */
import type { Block, ReportDocument } from "../document/types";
import { renderDocx } from "../render/docx/render-docx";
import { agencyKindLabel } from "../workflow/deadline";
import { progressStatusLabel } from "../workflow/report-status";
import { timelinessText } from "./export-workbook";
import type { AgencyStatusRow } from "./status-row";

export interface BulletinInput {
  year: number;
  /** The agencies, in the order they are to be listed (e.g. tree order). */
  statuses: readonly AgencyStatusRow[];
  /** Messages of each agency's open findings (by agency id), most important first; the first few are quoted. */
  findings?: ReadonlyMap<string, readonly string[]>;
  /** What the scope is called, e.g. 示例市人民政府及下属机关; left out of the sentences when absent. */
  scope?: string;
  /** The issuing body, printed above the date; default a placeholder. */
  issuer?: string;
  /** The day the figures are counted to (printed in the text and as the date). */
  now: Date;
}

/** How many finding messages are quoted per agency. */
export const BULLETIN_FINDING_MESSAGES = 3;

/** Where the supervisor writes (Word users replace the bracketed text). */
const EDIT_HERE = "【请在此填写】";

/** The title, e.g. 关于2024年度政府信息公开工作年度报告编制发布情况的通报（稿）. */
export function bulletinTitle(year: number): string {
  return `关于${year}年度政府信息公开工作年度报告编制发布情况的通报（稿）`;
}

/** Why an agency is listed with a problem; each agency is listed under its first. */
type ProblemKind = "overdue-unpublished" | "late" | "unpublished" | "findings";

const PROBLEM_HEADING: Record<ProblemKind, string> = {
  "overdue-unpublished": "逾期未发布的机关",
  late: "逾期发布的机关",
  unpublished: "尚未发布（未到截止日期）的机关",
  findings: "按时发布但检查发现问题的机关",
};

const PROBLEM_ORDER: readonly ProblemKind[] = ["overdue-unpublished", "late", "unpublished", "findings"];

function hasFindings(row: AgencyStatusRow): boolean {
  return Boolean(row.latestVersion && (row.latestVersion.errors > 0 || row.latestVersion.warnings > 0));
}

function problemOf(row: AgencyStatusRow): ProblemKind | null {
  if (!row.publishedAt) return row.overdue ? "overdue-unpublished" : "unpublished";
  if (row.daysLate) return "late";
  return hasFindings(row) ? "findings" : null;
}

/** Chinese ordinal numerals for the headings (一 … 二十). */
const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The China calendar day of an instant, e.g. 2025年2月10日. */
function chinaDate(instant: Date): string {
  const d = new Date(instant.getTime() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The counts the summary paragraph states. */
export interface BulletinCounts {
  agencies: number;
  published: number;
  onTime: number;
  late: number;
  unpublished: number;
  overdueUnpublished: number;
  withErrors: number;
  withWarnings: number;
}

export function bulletinCounts(statuses: readonly AgencyStatusRow[]): BulletinCounts {
  const published = statuses.filter((r) => r.publishedAt);
  const late = published.filter((r) => r.daysLate).length;
  const unpublished = statuses.filter((r) => !r.publishedAt);
  return {
    agencies: statuses.length,
    published: published.length,
    onTime: published.length - late,
    late,
    unpublished: unpublished.length,
    overdueUnpublished: unpublished.filter((r) => r.overdue).length,
    withErrors: statuses.filter((r) => (r.latestVersion?.errors ?? 0) > 0).length,
    withWarnings: statuses.filter((r) => (r.latestVersion?.warnings ?? 0) > 0).length,
  };
}

function summaryText(counts: BulletinCounts, scope: string, asOf: string): string {
  const parts = [
    `截至${asOf}，${scope}纳入统计的机关共${counts.agencies}个`,
    `已发布年度报告${counts.published}个，其中按时发布${counts.onTime}个、逾期发布${counts.late}个`,
    `尚未发布${counts.unpublished}个，其中已超过法定发布时限${counts.overdueUnpublished}个`,
  ];
  const checked =
    counts.withErrors || counts.withWarnings
      ? `经规则检查（勾稽关系等），最近提交的版本有错误的机关${counts.withErrors}个、有警告的机关${counts.withWarnings}个`
      : "经规则检查（勾稽关系等），最近提交的版本均未发现错误和警告";
  return `${parts.join("；")}。${checked}。`;
}

/** One agency's entry: where it stands, its lateness, its findings. */
function agencyText(row: AgencyStatusRow, index: number, findings: readonly string[] | undefined): string {
  const version = row.latestVersion;
  const status =
    row.status === "NOT_STARTED" ? "尚未开始编制" : `报告状态为「${progressStatusLabel(row.status)}」${version ? `（最近提交第${version.number}版）` : "（尚未提交审核）"}`;
  const sentences = [`${index}. ${row.agency.name}（${agencyKindLabel(row.agency.kind)}）：${status}，${timelinessText(row)}（法定截止日期${chinaDate(row.deadline)}）。`];
  if (version && (version.errors || version.warnings)) sentences.push(`最近提交的版本检查发现错误${version.errors}个、警告${version.warnings}个。`);
  if (findings?.length) {
    const quoted = findings.slice(0, BULLETIN_FINDING_MESSAGES).map((message, i) => `（${i + 1}）${message.trim().replace(/[。；;]+$/, "")}`);
    const more = findings.length > quoted.length ? `等${findings.length}条` : "";
    sentences.push(`主要问题：${quoted.join("；")}${more}。`);
  }
  return sentences.join("");
}

/** The 通报 as a document of the document model (for the DOCX renderer, or an HTML preview). */
export function buildBulletinDocument(input: BulletinInput): ReportDocument {
  const scope = input.scope ?? "";
  const asOf = chinaDate(input.now);
  const title = bulletinTitle(input.year);
  let anchor = 0;
  const paragraph = (text: string): Block => ({ type: "paragraph", role: "body", inlines: [{ text }], anchor: `bulletin-p${++anchor}` });
  let headingCount = 0;
  const heading = (text: string): Block => ({ type: "heading", level: 1, text: `${NUMERALS[headingCount++] ?? headingCount}、${text}`, anchor: `bulletin-h${headingCount}` });

  const blocks: Block[] = [
    // Broken after 年度报告 so neither line is over the 版心's 20 字 of 二号.
    { type: "title", lines: [`关于${input.year}年度政府信息公开工作年度报告`, "编制发布情况的通报（稿）"] },
    paragraph(
      `根据《中华人民共和国政府信息公开条例》第四十九条关于政府信息公开工作年度报告发布时限的规定，现将${scope}${input.year}年度政府信息公开工作年度报告编制发布情况通报如下。`,
    ),
    heading("总体情况"),
    paragraph(summaryText(bulletinCounts(input.statuses), scope, asOf)),
  ];

  const groups = new Map<ProblemKind, AgencyStatusRow[]>(PROBLEM_ORDER.map((kind) => [kind, []]));
  const fine: AgencyStatusRow[] = [];
  for (const row of input.statuses) {
    const problem = problemOf(row);
    if (problem) groups.get(problem)!.push(row);
    else fine.push(row);
  }

  const problemGroups = PROBLEM_ORDER.filter((kind) => groups.get(kind)!.length);
  if (problemGroups.length) {
    blocks.push(heading("存在问题的机关"));
    problemGroups.forEach((kind, g) => {
      const rows = groups.get(kind)!;
      blocks.push({ type: "heading", level: 2, text: `（${NUMERALS[g]}）${PROBLEM_HEADING[kind]}（${rows.length}个）`, anchor: `bulletin-g${g + 1}` });
      rows.forEach((row, i) => {
        blocks.push(paragraph(agencyText(row, i + 1, input.findings?.get(row.agency.id))));
        blocks.push(paragraph(`处理意见：${EDIT_HERE}`));
      });
    });
  }

  blocks.push(heading("按时发布的机关"));
  blocks.push(
    paragraph(
      fine.length
        ? `以下${fine.length}个机关按时发布年度报告，最近提交的版本未发现问题：${fine.map((r) => r.agency.name).join("、")}。`
        : "没有按时发布且未发现问题的机关。",
    ),
  );

  blocks.push(heading("下一步工作要求"));
  blocks.push(paragraph(EDIT_HERE));

  blocks.push({ type: "paragraph", role: "signature", inlines: [{ text: input.issuer ?? "【通报单位】" }], anchor: "bulletin-signature" });
  blocks.push({ type: "paragraph", role: "date", inlines: [{ text: asOf }], anchor: "bulletin-date" });

  return { title, meta: { agency: input.issuer ?? scope, year: input.year, format: "bulletin", date: asOf }, blocks };
}

/** The draft 通报 as DOCX bytes. */
export async function renderBulletinDocx(input: BulletinInput): Promise<Buffer> {
  return renderDocx(buildBulletinDocument(input));
}
