import { TEMPLATES } from "../../templates";
import { prepareReport, type InputIssue, type PreparedReport } from "../report/prepare-report";
import { normalizeValue } from "../report/normalize-value";
import type { TContact } from "../report/schema";
import { formatForYear, templateCells } from "../template/cells";
import type { FormatVersion } from "../template/types";
import type { ImportedReport, ImportOutcome } from "./types";

/**
 * What the web app's import (issue 9 part 5) decides, without a framework, so the review screen
 * (live, in the browser) and the server (authoritatively) decide it alike: which ways of
 * accepting an upload apply to its year, the report content an accepted upload becomes, and the
 * clerk's corrections of table cells applied to it. The server stores and checks; lib/server/import.
 */

/** The states of an upload (the Prisma enum ImportStatus; lib/server/db/stored-enums.test.ts). */
export const IMPORT_STATUSES = ["PENDING", "ACCEPTED", "DISCARDED"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * How an upload is accepted (the Prisma enum ImportAcceptedAs): as the draft of its year, to be
 * edited and submitted as any report; or as a report of an earlier year that was published
 * before this system (status PUBLISHED, a frozen version and publication revision 1), which
 * last year's carry-over and the cross-year rules and diffs then read.
 */
export const IMPORT_ACCEPTED_AS = ["DRAFT", "HISTORICAL"] as const;
export type ImportAcceptedAs = (typeof IMPORT_ACCEPTED_AS)[number];

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = { PENDING: "待确认", ACCEPTED: "已导入", DISCARDED: "已放弃" };
export const IMPORT_ACCEPTED_AS_LABELS: Record<ImportAcceptedAs, string> = { DRAFT: "本年度草稿", HISTORICAL: "往年已发布报告" };

/** The largest file an upload may carry (a report is well under this; scans are refused anyway). */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

/** "20 MB": the limit as the screens and messages say it. */
export const MAX_IMPORT_FILE_TEXT = `${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB`;

export const FILE_TOO_LARGE_MESSAGE = `上传的文件超过 ${MAX_IMPORT_FILE_TEXT}，无法导入。年度报告的文件通常只有几 MB；如果文件含有大量图片，请另存为较小的文件，或将报告内容复制为文本后粘贴导入。`;

/** The first report year of the official formats (2019); earlier years have no format here. */
export const FIRST_IMPORT_YEAR = Math.min(...Object.values(TEMPLATES).map((t) => t.years.from));

/** Whether a way of accepting applies to a year, and if not, why (Chinese). */
export interface AcceptOption {
  allowed: boolean;
  reason?: string;
}

/**
 * The ways an upload for `year` may be accepted in `currentYear`: a draft for any year a report
 * may be created for (the first format year up to this year, as createReport), a historical
 * publication only for a year before this one — this year's report is not published yet.
 */
export function acceptOptions(year: number, currentYear: number): Record<ImportAcceptedAs, AcceptOption> {
  const inRange = Number.isInteger(year) && year >= FIRST_IMPORT_YEAR && year <= currentYear;
  const range = `报告年度须在 ${FIRST_IMPORT_YEAR} 年至 ${currentYear} 年之间。`;
  return {
    DRAFT: inRange ? { allowed: true } : { allowed: false, reason: range },
    HISTORICAL: !inRange
      ? { allowed: false, reason: range }
      : year < currentYear
        ? { allowed: true }
        : { allowed: false, reason: `${year} 年度是本年度，只能作为草稿导入；往年已发布的报告须是 ${currentYear - 1} 年度或更早。` },
  };
}

/** Whether the importer read anything of a report at all (a section heading or a table). */
export function importFoundReport(outcome: Pick<ImportOutcome, "report">): boolean {
  const { report } = outcome;
  return Boolean(report.stated?.headings?.length || (report.sections && Object.keys(report.sections).length) || (report.tables && Object.keys(report.tables).length));
}

export const NOTHING_FOUND_MESSAGE =
  "未能从文件中读出年度报告的内容：没有找到「一、总体情况」等部分的标题，也没有统计表。请确认上传的是政府信息公开工作年度报告的全文。";

/** Cell key (`requests.received.natural_person`) → the value as the clerk typed it ("" = blank). */
export type CellCorrections = Record<string, string>;

/** At most this many corrections are accepted at once (a report has a few hundred cells). */
export const MAX_CORRECTIONS = 2000;

export interface AcceptTarget {
  /** The agency's name and the year of the record: they replace what the file says. */
  agency: string;
  year: number;
  as: ImportAcceptedAs;
  /** The agency's contact data, used when the file gives none. */
  contact?: TContact;
}

export type AcceptedContent =
  | { ok: true; content: Record<string, unknown>; report: PreparedReport; corrected: number }
  | { ok: false; message: string; issues: InputIssue[] };

/**
 * A typed correction as stored: blank is null; a value that reads cleanly as the cell's kind is
 * stored canonically (「1,301」→ 1301, 「3414.41万元」→ 3414.41); anything else as typed, for the
 * rules to report like any draft cell written that way.
 */
function correctedValue(typed: string, kind: "count" | "signed" | "money"): number | string | null {
  const text = typed.trim();
  if (!text) return null;
  const normalized = normalizeValue(text, kind);
  // A number beyond what is stored exactly stays as typed, for the rules to report.
  if (normalized.problem || normalized.value === null || Math.abs(normalized.value) > Number.MAX_SAFE_INTEGER) return text;
  return normalized.value;
}

/**
 * The content an accepted upload becomes: the imported report with the record's agency and year
 * (the file may name the agency differently or state another year), the agency's contact data
 * when the file has none, and the clerk's corrections; validated with the draft schema (as
 * autosave). A draft leaves out what the published text stated about itself (`stated`: its
 * title, headings and label wording) — the draft is laid out in the official format from now on
 * — while a historical report keeps it: it is the record of what was published.
 */
export function acceptedContent(imported: ImportedReport, target: AcceptTarget, corrections: CellCorrections = {}): AcceptedContent {
  const format: FormatVersion = imported.format ?? formatForYear(target.year, TEMPLATES);
  const content: Record<string, unknown> = structuredClone({ ...imported, format, agency: target.agency, year: target.year }) as Record<string, unknown>;
  if (target.as === "DRAFT") delete content.stated;
  if (!content.contact && target.contact && Object.values(target.contact).some(Boolean)) content.contact = target.contact;

  const keys = Object.keys(corrections);
  if (keys.length > MAX_CORRECTIONS) return { ok: false, message: `一次最多更正 ${MAX_CORRECTIONS} 个单元格。`, issues: [] };
  const cells = templateCells(TEMPLATES[format]);
  const tables = (content.tables ?? {}) as Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;
  const unknown: InputIssue[] = [];
  for (const key of keys) {
    const def = cells.get(key);
    const typed = corrections[key];
    if (!def || typeof typed !== "string") {
      unknown.push({ path: `tables.${key}`, message: `「${key}」不是 ${format} 年版格式的单元格。` });
      continue;
    }
    const table = (tables[def.table] ??= {});
    table[def.row] = { ...table[def.row], [def.col]: correctedValue(typed, def.kind) };
  }
  if (unknown.length) return { ok: false, message: `更正的单元格不存在：${unknown.slice(0, 3).map((i) => i.path).join("、")}`, issues: unknown };
  if (keys.length) content.tables = tables;

  const prepared = prepareReport(content, "draft");
  if (!prepared.ok) {
    return { ok: false, message: `导入的内容不符合报告格式：${prepared.issues.slice(0, 3).map((i) => `${i.path}（${i.message}）`).join("、")}`, issues: prepared.issues };
  }
  return { ok: true, content: prepared.report.input as Record<string, unknown>, report: prepared.report, corrected: keys.length };
}

/** A cell's value as the review screen's input shows it: what the file says, as written. */
export function cellInputText(raw: unknown): string {
  return raw === null || raw === undefined ? "" : String(raw);
}
