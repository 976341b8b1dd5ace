import type { PreparedReport } from "../report/prepare-report";
import { formatParagraphAnchor, sectionHeadingAnchor, topicAnchor, type ParagraphPart } from "../comments/anchors";
import { interpolate, paragraphsOf } from "../report/narrative-text";
import { isLevel2HeadingText } from "./level2-heading";
import { sectionHeading } from "../template/cells";
import type { ReportTemplate } from "../template/types";
import { buildTable } from "./build-table";
import { printable } from "../report/printable";
import type { Block, ParagraphBlock, ReportDocument } from "./types";

const CHINESE_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The report title: agency + year + 年政府信息公开工作年度报告. */
export function reportTitle(report: PreparedReport): string {
  return `${printable(report.input.agency).trim()}${report.input.year}${report.template.titleSuffix}`;
}

/** The report's date (成文日期, YYYY-MM-DD) as printed under the signature, e.g. 2025年1月20日. */
export function printedDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The standard opening paragraph, generated from the metadata so its year, period and list of
 * parts cannot disagree with the report.
 */
export function standardPreface(report: PreparedReport): string {
  const { agency, year, contact } = report.input;
  const template: ReportTemplate = report.template;
  const parts = template.sections.map((s) => s.title).join("，");
  const count = CHINESE_DIGITS[template.sections.length] ?? String(template.sections.length);
  const sentences = [
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${template.formatName}要求编制。`,
    `全文包括${parts}，共${count}部分。`,
    `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
  ];
  if (contact?.website) sentences.push(`本报告电子版可在${agency}门户网站（${contact.website}）查阅或下载。`);
  const details = [
    contact?.address && `地址：${contact.address}`,
    contact?.postcode && `邮编：${contact.postcode}`,
    contact?.phone && `联系电话：${contact.phone}`,
    contact?.fax && `传真：${contact.fax}`,
    contact?.email && `电子邮箱：${contact.email}`,
  ].filter(Boolean);
  if (details.length) sentences.push(`如对本报告有疑问，请与${agency}联系（${details.join("；")}）。`);
  return sentences.join("");
}

/** Builds the one document model all renderers share, from a prepared report. */
export function buildDocument(report: PreparedReport, options: { draftMark?: string } = {}): ReportDocument {
  const { input, template } = report;
  const sections = input.sections ?? {};
  const blocks: Block[] = [];
  // Anchors count paragraphs within their part (preface-p1, overview-2-p3, section-problems-p1),
  // so a comment anchored to a paragraph survives edits elsewhere in the report.
  const paragraphs = (text: string | undefined, part: ParagraphPart, role: ParagraphBlock["role"] = "body") =>
    paragraphsOf(text).map(
      (line, i): ParagraphBlock => ({
        type: "paragraph",
        inlines: interpolate(report, line),
        role,
        anchor: formatParagraphAnchor(part, i + 1),
        ...(role === "body" && isLevel2HeadingText(line) ? { heading: 2 as const } : {}),
      }),
    );

  const title = reportTitle(report);
  const agency = printable(input.agency).trim();
  blocks.push({
    type: "title",
    lines: title.length > 20 ? [agency, `${input.year}${template.titleSuffix}`] : [title],
  });
  blocks.push(...paragraphs(input.preface ?? standardPreface(report), { kind: "preface" }));

  for (const section of template.sections) {
    blocks.push({ type: "heading", level: 1, text: sectionHeading(section), section: section.id, anchor: sectionHeadingAnchor(section.id) });
    const content = section.content;
    if (content.kind === "topics") {
      (sections.overview ?? []).forEach((item, i) => {
        if (item.title?.trim()) {
          blocks.push({ type: "heading", level: 2, text: printable(item.title).trim(), anchor: topicAnchor(i + 1) });
        }
        blocks.push(...paragraphs(item.text, { kind: "topic", topic: i + 1 }));
      });
    } else if (content.kind === "table") {
      blocks.push(...paragraphs(sections[content.noteKey], { kind: "section", section: section.id }));
      blocks.push({ type: "table", table: buildTable(report, template.tables[content.table]) });
    } else {
      blocks.push(...paragraphs(sections[content.key], { kind: "section", section: section.id }));
    }
  }

  blocks.push({ type: "paragraph", inlines: [{ text: agency }], role: "signature", anchor: "signature" });
  if (input.date) {
    blocks.push({ type: "paragraph", inlines: [{ text: printedDate(input.date) }], role: "date", anchor: "date" });
  }

  return {
    title,
    meta: { agency, year: input.year, format: report.format, date: input.date },
    blocks,
    ...(options.draftMark ? { draftMark: options.draftMark } : {}),
  };
}
