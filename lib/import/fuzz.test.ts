import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../templates";
import { reportSchema } from "../report/schema";
import { SECTION_HEADINGS } from "../render/golden/official-labels";
import { SEED_NAMES } from "../test-support/seeds";
import { seedText } from "./fixtures/seed-texts";
import { importReport } from "./import-report";
import { tableLabels } from "./map/label-catalog";
import type { ImportOutcome } from "./types";

/**
 * Whatever text comes in — random, truncated, shuffled, pathological — the importer returns,
 * quickly, without an internal error, and what it returns is valid interchange JSON (the draft
 * schema) and serialisable.
 */

/** Per input: generous for two shared cores; a seed imports in a few milliseconds. */
const TIME_LIMIT_MS = 1000;
/**
 * Pathological inputs are 100 000 cells or lines (a report has a few hundred): linear work takes
 * about a second, anything quadratic minutes.
 */
const PATHOLOGICAL_LIMIT_MS = 15_000;

function importChecked(text: string, limit = TIME_LIMIT_MS): ImportOutcome {
  const start = performance.now();
  const outcome = importReport({ kind: "text", text });
  const elapsed = performance.now() - start;
  expect(elapsed, `import took ${Math.round(elapsed)} ms`).toBeLessThan(limit);
  expect(outcome.problems.filter((p) => p.code === "import.internal-error")).toEqual([]);
  const report = outcome.report;
  const parsed = reportSchema(report.format ?? "2021", "draft").safeParse({ agency: "—", year: 2000, ...report });
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(() => JSON.stringify(outcome)).not.toThrow();
  for (const u of outcome.unplaced) expect(u.at).toBeDefined();
  return outcome;
}

const labels = [...new Set((["2019", "2021"] as const).flatMap((v) => (["proactive", "requests", "reviews"] as const).flatMap((t) => tableLabels(TEMPLATES[v], t).map((e) => e.label.text))))];

/** Pieces real reports are made of, to build texts that look like reports. */
const PIECES = [
  ...labels,
  ...SECTION_HEADINGS,
  "三、公开平台建设和信息发布情况",
  "示例市公安局2022年政府信息公开工作年度报告",
  "（2023 年 1 月 18 日）",
  "统计期限自2022年1月1日起至2022年12月31日止",
  "等六部分组成。",
  "（地址：示例路1号，邮编：100000，电话：010-1234567）",
  "（一）主动公开",
  "0",
  "12",
  "+5",
  "减2",
  "1753802元",
  "3414.41 万元",
  "—",
  "/",
  "\t",
  " | ",
  "|",
  "\n",
  "\n\n",
  " ",
  "　",
  "#",
  "**",
  "<http://example.gov.cn/>",
  "---",
  "表二",
  "。",
];

const reportLike = fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }).map((parts) => parts.join(""));

describe("importing arbitrary text", () => {
  it("never throws, never hangs, always returns contract JSON: random unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 3000 }), (text) => {
        importChecked(text);
      }),
      { numRuns: 150 },
    );
  });

  it("… text made of report pieces (labels, headings, numbers, delimiters)", () => {
    fc.assert(
      fc.property(reportLike, (text) => {
        importChecked(text);
      }),
      { numRuns: 300 },
    );
  });

  it("… every seed truncated anywhere", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEED_NAMES), fc.double({ min: 0, max: 1, noNaN: true }), (name, at) => {
        const text = seedText(name);
        importChecked(text.slice(0, Math.floor(text.length * at)));
      }),
      { numRuns: 200 },
    );
  });

  it("… seeds with lines dropped, duplicated, swapped and pieces spliced in", () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant("drop" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ op: fc.constant("dup" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ op: fc.constant("swap" as const), at: fc.nat(), length: fc.nat() }),
      fc.record({ op: fc.constant("splice" as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...SEED_NAMES), fc.array(edit, { maxLength: 12 }), (name, edits) => {
        const lines = seedText(name).split("\n");
        for (const e of edits) {
          const i = e.at % Math.max(1, lines.length);
          if (e.op === "drop") lines.splice(i, e.length);
          else if (e.op === "dup") lines.splice(i, 0, ...lines.slice(i, i + e.length));
          else if (e.op === "swap") {
            const j = e.length % Math.max(1, lines.length);
            [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
          } else lines[i] = (lines[i] ?? "") + e.piece;
        }
        importChecked(lines.join("\n"));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["one long line", "一".repeat(300_000)],
    ["a long line of spaces ending in a letter", ` ${" ".repeat(200_000)}x`],
    ["a long run of dashes ending in a letter", `${"-".repeat(200_000)}x`],
    ["a long Markdown heading of spaces", `#${" ".repeat(200_000)}x`],
    ["a long word of letters (no @)", "a".repeat(200_000)],
    ["a long number", `电话${"1".repeat(200_000)}`],
    ["a label glued to a long number", `规章${"1".repeat(200_000)}`],
    ["a label with many spaced words", `规章 ${"行政 ".repeat(50_000)}0`],
    ["many tabs", "\t".repeat(200_000)],
    ["many pipes", "|".repeat(200_000)],
    ["many lines", "\n".repeat(200_000)],
    ["many empty cells, one per line", "\t\n".repeat(100_000)],
    ["a table of a hundred thousand cells", `二、主动公开政府信息情况\n${"规章\t0\t0\t0\n".repeat(25_000)}`],
    ["many headings", "一、总体情况\n".repeat(50_000)],
    ["a long run of values without labels", `二、主动公开政府信息情况\n${"0\n".repeat(100_000)}`],
    [
      "thousands of distinct label-like cells",
      `三、收到和处理政府信息公开申请情况\n${Array.from({ length: 20_000 }, (_, i) => `属于${i}类信息 不予 公开 事项\t${i}`).join("\n")}`,
    ],
    ["thousands of near-miss labels", `二、主动公开政府信息情况\n${Array.from({ length: 20_000 }, (_, i) => `行政${"许处强".charAt(i % 3)}可${i}`).join("\n")}`],
    ["CR line ends", seedText("004_f8f28e4c849350e4").replace(/\n/g, "\r")],
    ["CRLF line ends", seedText("004_f8f28e4c849350e4").replace(/\n/g, "\r\n")],
    ["a byte-order mark", `\ufeff${seedText("000_dbcc449a2218d1f4")}`],
  ])("pathological input: %s", (_, text) => {
    importChecked(text, PATHOLOGICAL_LIMIT_MS);
  });

  it("CR and CRLF line ends import like LF", () => {
    const lf = importReport({ kind: "text", text: seedText("004_f8f28e4c849350e4") }).report;
    expect(importChecked(seedText("004_f8f28e4c849350e4").replace(/\n/g, "\r\n")).report).toEqual(lf);
    expect(importChecked(seedText("004_f8f28e4c849350e4").replace(/\n/g, "\r")).report).toEqual(lf);
  });

  it("input beyond the length limit is cut, and says so", () => {
    const outcome = importChecked(`${seedText("004_f8f28e4c849350e4")}\n${"字".repeat(2_100_000)}`, PATHOLOGICAL_LIMIT_MS);
    expect(outcome.problems.map((p) => p.code)).toContain("input.too-long");
    expect(outcome.report.agency).toBe("宿迁市公安局");
  });
});
