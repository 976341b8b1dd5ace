import { TEMPLATES } from "../../templates";
import { formatForYear, tableCells } from "../template/cells";
import type { FormatVersion } from "../template/types";
import type { TReportInput } from "./schema";

/** Small deterministic PRNG so samples are reproducible from a seed. */
function generator(seed: number) {
  let state = seed >>> 0 || 1;
  return (max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % (max + 1);
  };
}

export interface SampleOptions {
  agency?: string;
  year?: number;
  seed?: number;
  /** Include the published totals (as an imported report would) instead of leaving them to be computed. */
  withTotals?: boolean;
  /** Paragraphs of filler narrative per section, for long-report benchmarks. */
  paragraphs?: number;
}

const FILLER =
  "本机关坚持以公开为常态、不公开为例外，围绕群众关切做好政府信息公开工作，健全信息发布、政策解读和回应关切机制，规范依申请公开办理流程，按时答复申请人，不断提升政务公开质量和实效。";

/**
 * A complete, balanced report in the interchange format: every cell filled, table 3 and table 4
 * consistent. Used by tests (as the "correct" baseline), benchmarks and demo data.
 */
export function buildSampleReport(options: SampleOptions = {}): TReportInput {
  const { agency = "示例市公安局", year = 2022, seed = 1, withTotals = false, paragraphs = 1 } = options;
  const format: FormatVersion = formatForYear(year, TEMPLATES);
  const template = TEMPLATES[format];
  const next = generator(seed);
  const tables: Record<string, Record<string, Record<string, number | string | null>>> = {};
  const set = (table: string, row: string, col: string, value: number | string) => {
    tables[table] ??= {};
    tables[table][row] ??= {};
    tables[table][row][col] = value;
  };

  for (const cell of tableCells(template.tables.proactive)) {
    // A 公安局 has no rule-making power: its 规章 row is 0 (C21).
    if (cell.row === "regulations") {
      set("proactive", cell.row, cell.col, 0);
      continue;
    }
    const value = cell.kind === "money" ? (next(99999) / 100).toFixed(2) : cell.kind === "signed" ? next(10) - 5 : next(500);
    set("proactive", cell.row, cell.col, cell.kind === "money" ? value : Number(value));
  }

  const requestCells = tableCells(template.tables.requests);
  const columns = [...new Set(requestCells.map((c) => c.col))].filter((c) => c !== "total");
  const resultRule = template.rules.find((r) => r.kind === "sum" && r.id === "requests.total-processed");
  const resultRows = resultRule && resultRule.kind === "sum" ? resultRule.terms : [];
  for (const col of columns) {
    let processed = 0;
    for (const row of resultRows) {
      const value = next(3) === 0 ? next(12) : 0;
      processed += value;
      set("requests", row, col, value);
    }
    const carriedForward = next(3);
    const carriedOver = next(Math.min(3, processed + carriedForward));
    set("requests", "carried_forward", col, carriedForward);
    set("requests", "carried_over", col, carriedOver);
    set("requests", "received", col, processed + carriedForward - carriedOver);
    if (withTotals) set("requests", "total_processed", col, processed);
  }
  if (withTotals) {
    for (const row of Object.keys(tables.requests)) {
      set("requests", row, "total", columns.reduce((s, c) => s + Number(tables.requests[row][c] ?? 0), 0));
    }
  }

  for (const group of ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]) {
    let total = 0;
    for (const col of ["upheld", "corrected", "other", "pending"]) {
      const value = next(2);
      total += value;
      set("reviews", group, col, value);
    }
    if (withTotals) set("reviews", group, "total", total);
  }

  const text = (lead: string) => [lead, ...Array.from({ length: paragraphs - 1 }, () => FILLER)].join("\n\n");
  return {
    format,
    agency,
    year,
    date: `${year + 1}-01-20`,
    contact: { address: "示例市人民路1号", postcode: "100000", phone: "010-12345678", email: "gongkai@example.gov.cn", website: "https://www.example.gov.cn" },
    sections: {
      overview: template.overviewTopics.map((topic, i) => ({
        title: `（${"一二三四五"[i]}）${topic.title}`,
        text:
          i === 1
            ? text("本年共收到政府信息公开申请{{requests.received.total}}件，上年结转{{requests.carried_over.total}}件，予以公开{{requests.granted.total}}件。")
            : text(FILLER),
      })),
      problems: text("一是信息公开的主动性还需增强。二是政策解读形式还不够丰富。下一步将加强培训，完善制度。"),
      other: "本年度未收取信息处理费。",
    },
    tables: tables as TReportInput["tables"],
  };
}
