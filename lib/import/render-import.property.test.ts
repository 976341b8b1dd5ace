import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../templates";
import { buildDocument, standardPreface } from "../document/build-document";
import { renderDocx } from "../render/docx/render-docx";
import { renderHtmlDocument } from "../render/html/render-html";
import { renderPdf } from "../render/pdf/render-pdf";
import { parseCellKey } from "../report/cell-ref";
import { paragraphsOf, resolveText } from "../report/narrative-text";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import type { TReportInput } from "../report/schema";
import { computedValue, givenValue } from "../report/values";
import { formatForYear, templateCells } from "../template/cells";
import type { FormatVersion, ValueKind } from "../template/types";
import { parseDocx } from "./docx/parse-docx";
import { parseHtml } from "./html/parse-html";
import type { ImportDocument } from "./intermediate";
import { mapDocument } from "./map/map-document";
import { parsePdf } from "./pdf/parse-pdf";

/**
 * Issue 9, item 6: any schema-valid report survives render → import, in HTML, DOCX and PDF.
 * A generated report is prepared, built into the shared document model, rendered by our own
 * renderer, parsed by the format's importer and mapped by mapDocument; the imported report must
 * give back the agency, year, format, date, contact, every table cell and the narrative.
 *
 * Compared as a reader reads the printed report (as round-trip.test.ts and parse-pdf.test.ts do):
 * - cells by their normalized value (「减2」 → -2, 「1753802元」 → 175.3802), and a blank total by
 *   the total the project computes and prints;
 * - narrative with `{{table.row.col}}` references resolved to the values printed, whitespace
 *   removed (PDF line wraps), and per overview item (title exactly, text without whitespace);
 * - the preface as printed: the report's own, or the standard one generated from the metadata.
 *
 * Generator constraints — what the generated reports exclude, and why (each is something the
 * printed formats cannot express, not an importer gap):
 * - Text is drawn from CJK, digits, ASCII letters and 「，：」: no control characters, emoji or
 *   XML specials (render-properties.test.ts covers those for the renderers; `printable` drops
 *   some of them, so they cannot come back).
 * - A narrative paragraph ends with a sentence end (。！？；): a paragraph that does not is, in
 *   printed text, indistinguishable from a line wrapped onto the next one (narrative.ts joins
 *   them). Compared without whitespace this only matters for paragraph counts, which PDF
 *   cannot carry; keeping the rule makes the property meaningful for all three formats.
 * - No paragraph starts with a numbering (（一）, 一、), and none is a section heading: printed,
 *   it would be a sub-heading or a section, which is what a reader would see too.
 * - Overview titles are numbered sub-headings (（一）… without sentence ends, ≤ 40 characters),
 *   and only the first item may be untitled: PDF carries no heading style, so an unnumbered
 *   title or an untitled item after a titled one reads as a paragraph of the item before.
 * - An untitled overview item has text (an empty untitled item prints nothing).
 * - The agency does not end in a digit (its title 「…局2022年…」 could not be split) and is
 *   an agency-like name (ends in 局, 人民政府 …), as the signature the renderers print under the
 *   last section is recognised by that form when a date follows.
 * - Cells hold numbers or strings a reader reads as numbers (「+5」, 「减2」, 「1753802元」, 「３」,
 *   「无」), money with at most 4 decimals (the renderers print 4) and values within ±1e9 (larger
 *   ones print in exponent notation). Unreadable text in a number cell (「行政检查」) is excluded:
 *   the importer reads it as an improvised sub-row by design (round-trip.test.ts seed 000).
 */

const strip = (text: unknown) => String(text ?? "").replace(/\s+/g, "");

const WORDS = "本机关坚持以公开为常态不公开为例外围绕群众关切做好政府信息工作健全发布政策解读回应机制规范依申请办理流程按时答复提升政务质量和实效网站平台数据培训".split("");
const word = fc.array(fc.constantFrom(...WORDS, ..."0123456789abcXYZ"), { minLength: 1, maxLength: 12 }).map((c) => c.join(""));
/** References to cells and row groups; proactive.regulations.made exists in neither format and prints as written. */
const reference = fc.constantFrom("{{requests.received.total}}", "{{requests.granted.total}}", "{{requests.carried_over.total}}", "{{proactive.regulations.made}}");
const sentence = fc
  .tuple(fc.array(fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: reference }, { weight: 1, arbitrary: fc.constantFrom("，", "：") }), { minLength: 1, maxLength: 8 }), fc.constantFrom("。", "！", "？", "；"))
  // Never starts with punctuation or a reference's digits (「：…」 is not a paragraph a report prints).
  .map(([parts, end]) => `本${parts.join("")}${end}`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(""));
/** Narrative: paragraphs on their own lines, sometimes with blank lines or indentation between. */
const narrative = fc
  .tuple(fc.array(paragraph, { minLength: 1, maxLength: 3 }), fc.constantFrom("\n", "\n\n", "\n  "))
  .map(([ps, sep]) => ps.join(sep));
const NUMERALS = "一二三四五六七八九十";
const title = (i: number) => word.map((w) => `（${NUMERALS[i % 10]}）${w}`);

const agency = fc
  .tuple(fc.array(fc.constantFrom(..."海东西宁夏南北中山江河州县区市省"), { minLength: 1, maxLength: 12 }), fc.constantFrom("公安局", "人民政府", "教育局", "市场监督管理局", "人民政府办公室", "自然资源局"))
  .map(([place, kind]) => place.join("") + kind);

const date = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** A cell value as people write it, of the cell's kind. */
function cellValue(kind: ValueKind): fc.Arbitrary<number | string | null> {
  // Up to 10^7 a cell, so that a column's computed total stays within the schema's 10^9 (a total
  // beyond it would be refused on import, as any cell beyond it is).
  const n = fc.integer({ min: 0, max: 1e7 });
  const common = [fc.constant(null), fc.constantFrom("", "无", "-", "/"), n, n.map((v) => `${v}`)];
  if (kind === "count") {
    return fc.oneof(...common, fc.integer({ min: 0, max: 99 }).map((v) => String(v).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))), n.map((v) => `${v}件`), fc.integer({ min: -50, max: -1 }));
  }
  if (kind === "signed") {
    return fc.oneof(...common, fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 500 }).map((v) => `+${v}`), fc.integer({ min: 1, max: 500 }).map((v) => `减${v}`));
  }
  const money = fc.tuple(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 4 })).map(([int, frac, places]) =>
    places === 0 ? String(int) : `${int}.${String(frac).padStart(4, "0").slice(0, places)}`,
  );
  return fc.oneof(...common, money, money.map(Number), money.map((m) => `${m}万元`), money.map((m) => `${m} 万元`), fc.integer({ min: 0, max: 1e9 }).map((v) => `${v}元`));
}

interface Generated {
  input: TReportInput;
}

/** Schema-valid reports: the sample report of a year, its metadata, narrative and cells varied. */
const reports: fc.Arbitrary<Generated> = fc
  .record({
    year: fc.integer({ min: 2000, max: 2100 }),
    format: fc.constantFrom<FormatVersion | undefined>(undefined, "2019", "2021"),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    withTotals: fc.boolean(),
  })
  .chain(({ year, format, seed, withTotals }) => {
    const layout = format ?? formatForYear(year, TEMPLATES);
    const cells = [...templateCells(TEMPLATES[layout]).values()];
    const base = buildSampleReport({ year: TEMPLATES[layout].years.from, seed, withTotals });
    return fc.record({
      agency,
      date: fc.option(date, { nil: undefined }),
      contact: fc.option(fc.constant(base.contact!), { nil: undefined }),
      preface: fc.option(narrative, { nil: undefined }),
      overview: fc.option(
        fc
          .tuple(fc.boolean(), fc.integer({ min: 0, max: 5 }))
          .chain(([untitledFirst, titled]) =>
            fc.tuple(
              untitledFirst ? narrative.map((text) => [{ title: null, text }]) : fc.constant([]),
              fc.tuple(...Array.from({ length: titled }, (_, i) => fc.record({ title: title(i), text: fc.oneof({ weight: 4, arbitrary: narrative }, { weight: 1, arbitrary: fc.constant("") }) }))),
            ),
          )
          .map(([first, rest]) => [...first, ...rest]),
        { nil: undefined },
      ),
      notes: fc.record({ proactiveNote: narrative, requestsNote: narrative, reviewsNote: narrative, problems: narrative, other: narrative }, { requiredKeys: [] }),
      changes: fc.array(
        fc.nat({ max: cells.length - 1 }).chain((i) => cellValue(cells[i].kind).map((value) => ({ cell: cells[i], value }))),
        { maxLength: 40 },
      ),
    }).map(({ agency, date, contact, preface, overview, notes, changes }): Generated => {
      const tables = structuredClone(base.tables) as Record<string, Record<string, Record<string, number | string | null>>>;
      for (const { cell, value } of changes) ((tables[cell.table] ??= {})[cell.row] ??= {})[cell.col] = value;
      const input: TReportInput = {
        ...(format ? { format } : {}),
        agency,
        year,
        ...(date ? { date } : {}),
        ...(contact ? { contact } : {}),
        ...(preface !== undefined ? { preface } : {}),
        sections: { ...(overview ? { overview } : {}), ...notes },
        tables: tables as TReportInput["tables"],
      };
      return { input };
    });
  });

function prepared(input: unknown, what: string): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(`${what} does not validate: ${JSON.stringify(result.issues)}`);
  return result.report;
}

/** A cell as a reader reads it: its number (a blank total: the computed one), or an unreadable cell's text. */
function cellReading(report: PreparedReport, key: string, fill: boolean): number | string | null {
  const state = report.cells.get(key);
  const ref = parseCellKey(key)!;
  const value = fill ? (givenValue(report, ref) ?? computedValue(report, ref)) : givenValue(report, ref);
  if (value === null && state?.problem && typeof state.raw === "string") return state.raw.trim();
  return value;
}

/** Narrative as printed: references resolved, paragraphs as the document builder splits them. */
function printedText(report: PreparedReport, text: string | undefined): string {
  return strip(paragraphsOf(text).map((p) => resolveText(report, p)).join(""));
}

/** Every difference between the report and what came back from its rendering. */
function differences(expected: PreparedReport, doc: ImportDocument): string[] {
  const outcome = mapDocument(doc);
  const back = prepared(outcome.report, "the imported report");
  const want = expected.input;
  const got = back.input;
  const out: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${what}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`);
  };
  same("agency", want.agency, got.agency);
  same("year", want.year, got.year);
  same("format", expected.format, back.format);
  same("date", want.date, got.date);
  same("contact", want.preface === undefined ? want.contact : undefined, got.contact);
  same("preface", strip(resolveText(expected, paragraphsOf(want.preface ?? standardPreface(expected)).join(""))), strip(got.preface));
  for (const key of templateCells(expected.template).keys()) same(key, cellReading(expected, key, true), cellReading(back, key, false));
  const overview = (want.sections?.overview ?? [])
    .map((item) => ({ title: item.title?.trim() || null, text: printedText(expected, item.text) }))
    .filter((item) => item.title !== null || item.text !== "");
  same("overview", overview, (got.sections?.overview ?? []).map((item) => ({ title: item.title, text: strip(item.text) })));
  for (const key of ["proactiveNote", "requestsNote", "reviewsNote", "problems", "other"] as const) {
    same(`sections.${key}`, printedText(expected, want.sections?.[key]), strip(got.sections?.[key]));
  }
  return out;
}

/** Exploration: PROPERTY_SEED / PROPERTY_RUNS_SCALE override the fixed seed and the run counts. */
const SEED = Number(process.env.PROPERTY_SEED ?? 20250609);
const SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? 1);

type Parse = (doc: ReturnType<typeof buildDocument>) => Promise<ImportDocument>;

const FORMATS: { name: string; numRuns: number; timeout: number; parse: Parse }[] = [
  { name: "HTML", numRuns: 15, timeout: 60_000, parse: async (doc) => parseHtml(renderHtmlDocument(doc)) },
  { name: "DOCX", numRuns: 15, timeout: 60_000, parse: async (doc) => parseDocx(await renderDocx(doc)) },
  { name: "PDF", numRuns: 6, timeout: 120_000, parse: async (doc) => parsePdf(new Uint8Array(await renderPdf(doc))) },
];

describe("render → import on any schema-valid report", () => {
  it("the generator gives schema-valid reports", () => {
    fc.assert(
      fc.property(reports, ({ input }) => {
        prepared(input, "the generated report");
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  it("the comparison sees a changed cell and a changed sentence (it is not vacuous)", () => {
    const expected = prepared(buildSampleReport({ year: 2022, seed: 7 }), "the sample");
    const doc = parseHtml(renderHtmlDocument(buildDocument(expected)));
    expect(differences(expected, doc)).toEqual([]);
    const table = doc.blocks.find((b) => b.kind === "table")!;
    if (table.kind !== "table") throw new Error("unreachable");
    const cell = table.rows.flat().find((c) => /^\d+$/.test(c.text))!;
    cell.text = String(Number(cell.text) + 1);
    const paragraph = doc.blocks.find((b) => b.kind === "paragraph" && b.text.includes("二是"))!;
    if (paragraph.kind !== "paragraph") throw new Error("unreachable");
    paragraph.text = paragraph.text.replace("二是", "三是");
    const found = differences(expected, doc);
    expect(found.some((d) => d.startsWith("proactive."))).toBe(true);
    expect(found.some((d) => d.startsWith("sections.problems"))).toBe(true);
  });

  for (const { name, numRuns, timeout, parse } of FORMATS) {
    it(
      `${name}: gives back agency, year, format, date, every table cell and the narrative`,
      async () => {
        await fc.assert(
          fc.asyncProperty(reports, async ({ input }) => {
            const expected = prepared(input, "the generated report");
            const doc = await parse(buildDocument(expected));
            expect(differences(expected, doc)).toEqual([]);
          }),
          { numRuns: Math.ceil(numRuns * SCALE), seed: SEED, endOnFailure: false },
        );
      },
      timeout,
    );
  }
});
