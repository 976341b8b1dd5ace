import { TEMPLATES } from "../../../templates";
import type { TContact, TOverviewItem, TSections, TStated } from "../../report/schema";
import { formatForYear, sectionHeading, TABLE_NAMES } from "../../template/cells";
import type { FormatVersion, SectionDef, TableId } from "../../template/types";
import type { Block, ImportDocument } from "../intermediate";
import type { Deviation, ImportedReport, ImportOutcome } from "../types";
import { fitContract } from "./contract";
import { labelDeviations, newContext, problem, statedLabels, unplace, type MapContext } from "./context";
import { classifyLabel, prepareLabel, resetTypoBudget, typoBudgetExhausted } from "./labels";
import { joinBrokenLines, joinParagraphs, overviewItems, type TextPiece } from "./narrative";
import { splitSections, type SectionRegion } from "./sections";
import { dateLine, readContact, readFrontMatter } from "./stated";
import { detectTableFormat, isTableLabel, mapTable, missingRows, regionTokens, tableRegion, unplaceTokens, type TableValues, type Token } from "./tables";

/**
 * The mapper: the import intermediate → the interchange JSON, with provenance, deviations,
 * unplaced content and problems. Sections are split at their headings (sections.ts), the front
 * matter read for what the text states (stated.ts), each section mapped by the handler for its
 * content kind (`SECTION_HANDLERS`: topics, table, text), tables by their layout (tables.ts).
 */

/** The format all sections share; headings are the same in every format. */
const SECTIONS_TEMPLATE = TEMPLATES["2021"];

interface MapState {
  ctx: MapContext;
  sections: TSections;
  tables: Partial<Record<TableId, TableValues>>;
  format: FormatVersion;
  /** Tokens and detected format of each table section, read before the format is settled. */
  tableTokens: Map<TableId, Token[]>;
  detected: Partial<Record<TableId, FormatVersion>>;
  /** Text pieces that may hold contact data (the preface, 六、其他需要报告的事项). */
  contactPieces: TextPiece[];
}

function pieces(blocks: Block[], ctx: MapContext, where: string, reason: "table-in-narrative" | "table-outside-section"): TextPiece[] {
  const out: TextPiece[] = [];
  for (const block of blocks) {
    if (block.kind === "table") {
      for (const row of block.rows) for (const cell of row) unplace(ctx, cell.text, cell.at, reason, where);
    } else if (block.text.trim()) {
      out.push({ text: block.text.trim(), at: block.at, heading: block.kind === "heading" });
    }
  }
  return out;
}

type SectionHandler = (region: SectionRegion, section: SectionDef, state: MapState) => void;

const SECTION_HANDLERS: Record<SectionDef["content"]["kind"], SectionHandler> = {
  topics(region, section, state) {
    const items = overviewItems(pieces(region.blocks, state.ctx, `section.${section.id}`, "table-in-narrative"));
    if (!items.length) return;
    state.sections.overview = items.map(({ item }) => item) as TOverviewItem[];
    items.forEach(({ at, titleAt }, i) => {
      state.ctx.provenance[`sections.overview.${i}`] = at;
      if (titleAt) state.ctx.provenance[`sections.overview.${i}.title`] = titleAt;
    });
  },
  table(region, section, state) {
    if (section.content.kind !== "table") return;
    const { table: tableId, noteKey } = section.content;
    const notes = joinBrokenLines(tableRegion(region.blocks, state.ctx, `section.${section.id}`).notes);
    if (notes.length) {
      state.sections[noteKey] = joinParagraphs(notes);
      state.ctx.provenance[`sections.${noteKey}`] = notes[0].at;
    }
    const tokens = state.tableTokens.get(tableId) ?? [];
    if (!tokens.length) {
      problem(state.ctx, "table.missing", `「${sectionHeading(section)}」下没有${TABLE_NAMES[tableId]}。`, region.heading.at);
      return;
    }
    const detected = state.detected[tableId];
    if (detected && detected !== state.format) {
      problem(
        state.ctx,
        "table.format-mismatch",
        `${TABLE_NAMES[tableId]}使用的是 ${detected} 年版格式的表头，而报告是 ${state.format} 年版格式；该表内容未导入，列在无法对应的内容中。`,
        tokens[0].at,
      );
      unplaceTokens(tokens, state.ctx, "format-mismatch", tableId);
      return;
    }
    state.tables[tableId] = mapTable(TEMPLATES[state.format], tableId, tokens, state.ctx);
    const missing = missingRows(tableId, TEMPLATES[state.format], state.ctx);
    if (missing.length) {
      problem(state.ctx, "table.row-missing", `${TABLE_NAMES[tableId]}中找不到这些行：${missing.map((l) => `「${l}」`).join("、")}；其单元格按空白导入。`, tokens[0].at);
    }
  },
  text(region, section, state) {
    if (section.content.kind !== "text") return;
    const key = section.content.key;
    const joined = joinBrokenLines(pieces(region.blocks, state.ctx, `section.${section.id}`, "table-in-narrative"));
    if (key === "other") state.contactPieces.push(...joined);
    if (!joined.length) {
      problem(state.ctx, "section.empty", `「${sectionHeading(section)}」下没有内容。`, region.heading.at);
      return;
    }
    state.sections[key] = joinParagraphs(joined);
    state.ctx.provenance[`sections.${key}`] = joined[0].at;
  },
};

/** A signature at the end (agency, date): the date is the report's, neither is narrative. */
function takeSignature(regions: SectionRegion[], ctx: MapContext, agency: string | undefined): { date?: string; at?: Block["at"] } {
  const last = regions[regions.length - 1];
  if (!last) return {};
  const blocks = last.blocks;
  const tail = blocks[blocks.length - 1];
  if (!tail || tail.kind === "table") return {};
  const date = dateLine(tail.text);
  if (!date) {
    // An undated signature: the agency's name alone as the last line (seed 003 ends 「无」, then
    // 「海东市公安局」). Only the exact name counts; anything else is the section's text.
    if (agency && tail.text.trim() === agency) {
      blocks.pop();
      unplace(ctx, tail.text, tail.at, "signature", `section.${last.heading.section?.id ?? "extra"}`);
    }
    return {};
  }
  blocks.pop();
  const before = blocks[blocks.length - 1];
  if (before && before.kind !== "table" && before.text.length <= 30 && (before.text === agency || /[局委办府院厅部会所处中心]$/.test(before.text))) {
    blocks.pop();
    unplace(ctx, before.text, before.at, "signature", `section.${last.heading.section?.id ?? "extra"}`);
  }
  return { date, at: tail.at };
}

function headingDeviation(region: SectionRegion): Deviation | null {
  const { section, published, numeral, at } = region.heading;
  if (!section) return { where: "section.extra", published, official: null, kind: "extra-section", at };
  const official = sectionHeading(section);
  if (published === official) return null;
  const where = `section.${section.id}`;
  if (numeral === undefined) return { where, published, official, kind: "unnumbered", at };
  const numbers = "一二三四五六七八九十";
  if (numbers[numeral - 1] !== section.numeral) return { where, published, official, kind: "renumbered", at };
  // Headings are compared for form only: other words are a rewording, however close.
  const kind = classifyLabel(prepareLabel(published), prepareLabel(official));
  const formOnly = kind === "whitespace" || kind === "width" || kind === "punctuation";
  return { where, published, official, kind: formOnly ? kind : "reworded", at };
}

/** The report's format: the year's, unless tables 2 and 3 both show the other one. */
function settleFormat(year: number | undefined, detected: Partial<Record<TableId, FormatVersion>>, ctx: MapContext): FormatVersion {
  const { proactive, requests } = detected;
  const shown = proactive && requests && proactive === requests ? proactive : undefined;
  if (year === undefined) return shown ?? proactive ?? requests ?? SECTIONS_TEMPLATE.version;
  const byYear = formatForYear(year, TEMPLATES);
  if (shown && shown !== byYear) {
    problem(ctx, "format.year-mismatch", `报告年度 ${year} 年应使用 ${byYear} 年版格式，但表二、表三都是 ${shown} 年版格式；已按 ${shown} 年版导入。`);
    return shown;
  }
  return byYear;
}

export function mapDocument(doc: ImportDocument): ImportOutcome {
  resetTypoBudget();
  const ctx = newContext();
  const { front, regions } = splitSections(doc.blocks, SECTIONS_TEMPLATE, isTableLabel);
  const frontPieces = pieces(front, ctx, "front", "table-outside-section");
  const fm = readFrontMatter(frontPieces, ctx);
  if (!fm.agency) problem(ctx, "agency.missing", "未能从标题读出机关名称。");
  if (fm.year === undefined) problem(ctx, "year.missing", "未能从标题读出报告年度。");
  const signature = takeSignature(regions, ctx, fm.agency);
  if (signature.date && !fm.date) {
    fm.date = signature.date;
    ctx.provenance.date = signature.at!;
  }

  // Tables first: their headers tell the format.
  const tableTokens = new Map<TableId, Token[]>();
  const detected: Partial<Record<TableId, FormatVersion>> = {};
  for (const region of regions) {
    const content = region.heading.section?.content;
    if (content?.kind !== "table") continue;
    const tokens = regionTokens(tableRegion(region.blocks, newContext(), ""), content.table);
    tableTokens.set(content.table, tokens);
    const format = detectTableFormat(content.table, tokens);
    if (format) detected[content.table] = format;
  }
  const format = settleFormat(fm.year, detected, ctx);

  const state: MapState = { ctx, sections: {}, tables: {}, format, tableTokens, detected, contactPieces: [] };
  const headings: string[] = [];
  const headingDeviations: Deviation[] = [];
  regions.forEach((region, i) => {
    headings.push(region.heading.published);
    ctx.provenance[`stated.headings.${i}`] = region.heading.at;
    const deviation = headingDeviation(region);
    if (deviation) headingDeviations.push(deviation);
    const section = region.heading.section;
    if (!section) {
      for (const block of region.blocks) {
        if (block.kind === "table") for (const row of block.rows) for (const cell of row) unplace(ctx, cell.text, cell.at, "extra-section", "section.extra");
        else unplace(ctx, block.text, block.at, "extra-section", "section.extra");
      }
      return;
    }
    SECTION_HANDLERS[section.content.kind](region, section, state);
  });
  for (const section of SECTIONS_TEMPLATE.sections) {
    if (!regions.some((r) => r.heading.section?.id === section.id)) {
      problem(ctx, "section.missing", `文中没有「${sectionHeading(section)}」部分的标题。`);
    }
  }

  const contact: TContact | undefined = readContact([...fm.prefacePieces, ...state.contactPieces], ctx);
  if (typoBudgetExhausted()) problem(ctx, "labels.typo-budget", "文中类似标签的内容过多，其余标签只按写法差异（空格、全半角、标点、编号、截断）匹配，不再容错错别字。");
  const deviations = [...headingDeviations, ...labelDeviations(ctx)];
  const labels = statedLabels(deviations);
  const stated: TStated = {};
  if (fm.title !== undefined) stated.title = fm.title;
  if (fm.period) stated.period = fm.period;
  if (fm.sectionCount !== undefined) stated.sectionCount = fm.sectionCount;
  if (headings.length) stated.headings = headings;
  if (labels.length) stated.labels = labels;

  const report: ImportedReport = { format };
  if (fm.agency) report.agency = fm.agency;
  if (fm.year !== undefined) report.year = fm.year;
  if (fm.date) report.date = fm.date;
  if (contact) report.contact = contact;
  if (fm.preface) report.preface = fm.preface;
  if (Object.keys(stated).length) report.stated = stated;
  if (Object.keys(state.sections).length) report.sections = state.sections;
  if (Object.keys(state.tables).length) report.tables = state.tables as ImportedReport["tables"];
  return { report: fitContract(report, format, ctx), provenance: ctx.provenance, deviations, unplaced: ctx.unplaced, problems: ctx.problems, detected };
}
