import { REFERENCE_PATTERN } from "../report/cell-ref";
import type { PreparedReport } from "../report/prepare-report";
import { referenceValue } from "../report/values";
import { sectionHeading } from "../template/cells";
import { sentencesOf } from "./describe";
import { narrativeTexts } from "./narrative-texts";
import type { Finding } from "./types";

/** The format must follow the year (2019–2020 → 2019 trial, 2021 on → 2021). */
export function checkFormat(report: PreparedReport): Finding[] {
  const { input, template } = report;
  const findings: Finding[] = [];
  if (input.year < template.years.from && report.format === report.formatForYear) {
    findings.push({
      ruleId: "format.unsupported-year",
      severity: "error",
      message: `报告年度 ${input.year} 年早于现行年度报告格式（2019 年起施行），本系统无法按官方格式检查。`,
      cells: [],
    });
  }
  if (report.format !== report.formatForYear) {
    findings.push({
      ruleId: "format.version-mismatch",
      severity: "error",
      message: `${input.year} 年度报告应使用 ${report.formatForYear} 年版格式，但本报告使用的是 ${report.format} 年版格式。`,
      cells: [],
      expected: report.formatForYear,
      actual: report.format,
    });
  }
  return findings;
}

/** C15: all six sections present; 六 may say 无 but not be empty. */
export function checkSectionsPresent(report: PreparedReport): Finding[] {
  const sections = report.input.sections ?? {};
  const findings: Finding[] = [];
  for (const section of report.template.sections) {
    const content = section.content;
    if (content.kind === "table") continue;
    const empty =
      content.kind === "topics"
        ? !(sections.overview ?? []).some((item) => item.text.trim())
        : !sections[content.key]?.trim();
    if (!empty) continue;
    const hint = section.id === "other" ? "没有需要报告的事项时请填写“无”。" : "请填写本部分内容。";
    findings.push({
      ruleId: "section.missing",
      severity: "error",
      message: `「${sectionHeading(section)}」没有内容，报告必须包含全部六个部分。${hint}`,
      cells: [],
      section: section.id,
    });
  }
  return findings;
}

/** 2021 guidance: 总体情况 covers 主动公开、依申请公开、政府信息管理、平台建设、监督保障. */
export function checkOverviewTopics(report: PreparedReport): Finding[] {
  const { template } = report;
  const items = report.input.sections?.overview ?? [];
  const titles = items.map((i) => i.title ?? "").join(" ");
  if (!template.overviewTopicsRequired || !items.some((i) => i.title)) return [];
  const missing = template.overviewTopics.filter((topic) => !topic.recognisedBy.some((word) => titles.includes(word)));
  if (!missing.length) return [];
  return [
    {
      ruleId: "overview.topics-missing",
      severity: "warning",
      message: `「一、总体情况」的小标题未涵盖：${missing.map((t) => t.title).join("、")}。按格式要求，总体情况应包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面。`,
      cells: [],
      section: "overview",
    },
  ];
}

/** Pre-2019 wording left over from an old template (seed 001, S20). */
export function checkOutdatedPhrases(report: PreparedReport): Finding[] {
  const findings: Finding[] = [];
  for (const { section, place, text } of narrativeTexts(report)) {
    const found = report.template.outdatedPhrases.filter((p) => text.includes(p));
    if (!found.length) continue;
    const quote = sentencesOf(text).find((s) => found.some((p) => s.includes(p)));
    findings.push({
      ruleId: "text.outdated-format",
      severity: "warning",
      message: `${place}使用了旧版年度报告格式的提法：${found.map((p) => `「${p}」`).join("、")}，应按现行格式的六个部分表述。`,
      cells: [],
      section,
      quote,
    });
  }
  return findings;
}

/** `{{table.row.column}}` references must name a cell or a row group of this format. */
export function checkReferences(report: PreparedReport): Finding[] {
  const findings: Finding[] = [];
  for (const { section, place, text } of narrativeTexts(report)) {
    for (const match of text.matchAll(REFERENCE_PATTERN)) {
      if (referenceValue(report, match[1]) !== undefined) continue;
      findings.push({
        ruleId: "reference.unknown",
        severity: "error",
        message: `${place}引用的表格数字「${match[0]}」不存在（${report.format} 年版格式中没有这个单元格）。`,
        cells: [],
        section,
        quote: match[0],
      });
    }
  }
  return findings;
}
