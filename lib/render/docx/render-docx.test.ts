import { execFile, execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import type { Block, DocRow, DocTable, ReportDocument } from "../../document/types";
import { prepareReport } from "../../report/prepare-report";
import { contactTokenBreaks, contactTokens } from "../../test-support/contact-tokens";
import { documentTexts } from "../../test-support/document-texts";
import { fontconfigFile } from "../../test-support/fontconfig";
import { extractDocxText } from "./extract-docx-text";
import { renderPdf } from "../pdf/render-pdf";
import { renderDocx } from "./render-docx";

const SEED_DIR = join(__dirname, "../../../fixtures/seeds");
const SEEDS = readdirSync(SEED_DIR).filter((f) => f.endsWith(".json")).sort();

function loadDocument(file: string): ReportDocument {
  const prepared = prepareReport(JSON.parse(readFileSync(join(SEED_DIR, file), "utf8")));
  if (!prepared.ok) throw new Error(`fixture ${file} does not prepare`);
  return buildDocument(prepared.report);
}

/** Millimetres to twips, unrounded, to compare against what the renderer rounded. */
const twips = (mm: number) => (mm * 1440) / 25.4;

// --- Small readers for WordprocessingML (regex-based: docx writes no nested tables or text boxes). ---

const attr = (xml: string, element: string, name: string): string | undefined =>
  new RegExp(`<${element}\\b[^>]*?\\s${name}="([^"]*)"`).exec(xml)?.[1];

const elements = (xml: string, tag: string): string[] =>
  xml.match(new RegExp(`<${tag}(?=[\\s>/])(?:[^>]*/>|[\\s\\S]*?</${tag}>)`, "g")) ?? [];

/** The text of some XML: its w:t, a non-breaking hyphen as "-", without the zero-width spaces that mark breaks. */
const textOf = (xml: string): string =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)]
    .map((m) => m[1] ?? "-")
    .join("")
    .replaceAll("\u200b", "");

interface Styles {
  /** Style id → its XML. */
  byId: Map<string, string>;
  defaults: string;
}

function readStyles(xml: string): Styles {
  const byId = new Map<string, string>();
  for (const style of elements(xml, "w:style")) byId.set(attr(style, "w:style", "w:styleId")!, style);
  return { byId, defaults: elements(xml, "w:docDefaults")[0] ?? "" };
}

/**
 * A paragraph's effective value of an attribute: direct formatting on its first run or paragraph,
 * then its style and the styles it is based on, then the document defaults.
 */
function effective(paragraph: string, styles: Styles, element: string, name: string): string | undefined {
  const pPr = elements(paragraph, "w:pPr")[0] ?? "";
  const runPr = elements(elements(paragraph, "w:r")[0] ?? "", "w:rPr")[0] ?? "";
  const direct = attr(runPr, element, name) ?? attr(pPr.replace(/<w:rPr>[\s\S]*?<\/w:rPr>/, ""), element, name);
  if (direct !== undefined) return direct;
  for (let id = attr(pPr, "w:pStyle", "w:val"); id; ) {
    const style = styles.byId.get(id);
    if (!style) break;
    const value = attr(style, element, name);
    if (value !== undefined) return value;
    id = attr(style, "w:basedOn", "w:val");
  }
  return attr(styles.defaults, element, name);
}

/** Whether an on/off paragraph property (such as keepNext) is on, directly or through the style. */
function hasFlag(paragraph: string, styles: Styles, element: string): boolean {
  const on = (xml: string) => {
    const match = new RegExp(`<${element}(?: w:val="(\\w+)")?\\/>`).exec(xml);
    return match ? !["0", "false", "off"].includes(match[1] ?? "true") : undefined;
  };
  const pPr = elements(paragraph, "w:pPr")[0] ?? "";
  const direct = on(pPr);
  if (direct !== undefined) return direct;
  for (let id = attr(pPr, "w:pStyle", "w:val"); id; ) {
    const style = styles.byId.get(id);
    if (!style) break;
    const value = on(style);
    if (value !== undefined) return value;
    id = attr(style, "w:basedOn", "w:val");
  }
  return false;
}

interface Rendered {
  doc: ReportDocument;
  buffer: Buffer;
  zip: JSZip;
  document: string;
  styles: Styles;
  paragraphs: string[];
  tables: string[];
}

async function render(file: string): Promise<Rendered> {
  const doc = loadDocument(file);
  const buffer = await renderDocx(doc);
  const zip = await JSZip.loadAsync(buffer);
  const document = await zip.file("word/document.xml")!.async("string");
  const styles = readStyles(await zip.file("word/styles.xml")!.async("string"));
  const body = document.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  return { doc, buffer, zip, document, styles, paragraphs: elements(body, "w:p"), tables: elements(document, "w:tbl") };
}

const allRows = (table: DocTable): DocRow[] => [...table.header, ...table.bodyGroups.flat()];
const tablesOf = (doc: ReportDocument): DocTable[] => doc.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));

interface Placed {
  row: number;
  col: number;
  colSpan: number;
  rowSpan: number;
  text: string;
}

/** Where the model's cells sit in the grid (covered positions are omitted from its rows). */
function modelGrid(table: DocTable): Placed[] {
  const taken = new Set<string>();
  const placed: Placed[] = [];
  allRows(table).forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (taken.has(`${r},${c}`)) c++;
      placed.push({ row: r, col: c, colSpan: cell.colSpan, rowSpan: cell.rowSpan, text: cell.text });
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      c += cell.colSpan;
    }
  });
  return placed;
}

/** Where a DOCX table's cells sit, resolving gridSpan and vMerge as Word does. */
function docxGrid(tableXml: string): Placed[] {
  const rows = elements(tableXml, "w:tr").map((tr) => {
    let col = 0;
    return elements(tr, "w:tc").map((tc) => {
      const colSpan = Number(attr(tc, "w:gridSpan", "w:val") ?? 1);
      const vMerge = /<w:vMerge\b/.test(tc) ? (attr(tc, "w:vMerge", "w:val") ?? "continue") : undefined;
      const cell = { col, colSpan, vMerge, text: textOf(tc) };
      col += colSpan;
      return cell;
    });
  });
  const placed: Placed[] = [];
  rows.forEach((cells, r) => {
    for (const cell of cells) {
      if (cell.vMerge === "continue") continue;
      let rowSpan = 1;
      if (cell.vMerge === "restart") {
        while (rows[r + rowSpan]?.some((c) => c.col === cell.col && c.colSpan === cell.colSpan && c.vMerge === "continue")) rowSpan++;
      }
      placed.push({ row: r, col: cell.col, colSpan: cell.colSpan, rowSpan, text: cell.text });
    }
  });
  return placed;
}

describe.each(SEEDS)("renderDocx(%s)", (seed) => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(seed);
  });

  it("is a DOCX package whose text is the model's, in order, table cells row by row", async () => {
    expect(r.buffer.subarray(0, 2).toString()).toBe("PK");
    for (const part of ["[Content_Types].xml", "word/document.xml", "word/styles.xml", "docProps/core.xml"]) {
      expect(r.zip.file(part), part).not.toBeNull();
    }
    const lines = (await extractDocxText(r.buffer)).split("\n").filter(Boolean);
    expect(lines).toEqual(documentTexts(r.doc).filter(Boolean));
  });

  it("names the document and, as its author, the agency", async () => {
    const core = await r.zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain(`<dc:title>${r.doc.title}</dc:title>`);
    expect(core).toContain(`<dc:creator>${r.doc.meta.agency}</dc:creator>`);
  });

  it("declares each font it names, with the alternates a PC without the 公文 fonts has", async () => {
    const table = await r.zip.file("word/fontTable.xml")!.async("string");
    for (const [name, alternates] of [
      ["仿宋_GB2312", "仿宋,FangSong"],
      ["楷体_GB2312", "楷体,KaiTi"],
      ["黑体", "SimHei"],
      ["方正小标宋简体", "宋体,SimSun"],
    ]) {
      expect(table).toMatch(new RegExp(`<w:font w:name="${name}"><w:altName w:val="${alternates}[^"]*"/><w:charset w:val="86"/>`));
    }
    expect(table).toContain('<w:font w:name="Times New Roman">');
    // Every font a run names is declared.
    const named = new Set([...r.document.matchAll(/w:eastAsia="([^"]+)"/g)].map((m) => m[1]));
    for (const name of named) expect(table, name).toContain(`w:name="${name}"`);
  });

  it("defines only the styles its paragraphs use (and the defaults), none of the library's", async () => {
    const parts = await Promise.all(
      Object.keys(r.zip.files)
        .filter((path) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(path))
        .map((path) => r.zip.file(path)!.async("string")),
    );
    const used = new Set(parts.flatMap((xml) => [...xml.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((m) => m[1])));
    expect(used.size).toBeGreaterThan(5);
    const defined = [...r.styles.byId.keys()];
    const basedOn = new Set(defined.map((id) => attr(r.styles.byId.get(id)!, "w:basedOn", "w:val")));
    for (const id of defined) expect(used.has(id) || basedOn.has(id) || id === "TableNormal", `style ${id}`).toBe(true);
    for (const id of used) expect(r.styles.byId.has(id), `used style ${id}`).toBe(true);
  });

  it("is a consistent package without the library's empty parts", async () => {
    const paths = Object.keys(r.zip.files).filter((path) => !r.zip.files[path].dir);
    for (const unused of ["word/footnotes.xml", "word/endnotes.xml", "word/numbering.xml", "docProps/custom.xml"]) {
      expect(paths, unused).not.toContain(unused);
    }
    const types = await r.zip.file("[Content_Types].xml")!.async("string");
    for (const [, part] of types.matchAll(/PartName="\/([^"]+)"/g)) expect(paths, `content type of ${part}`).toContain(part);
    for (const relsPath of paths.filter((path) => path.endsWith(".rels"))) {
      const folder = relsPath.replace(/_rels\/[^/]*$/, "");
      const rels = await r.zip.file(relsPath)!.async("string");
      for (const [, target] of rels.matchAll(/Target="([^"]+)"/g)) expect(paths, `${relsPath} → ${target}`).toContain(folder + target);
    }
    // Each relationship id the body refers to (the footers) is declared.
    const documentRels = await r.zip.file("word/_rels/document.xml.rels")!.async("string");
    for (const [, id] of r.document.matchAll(/r:id="([^"]+)"/g)) expect(documentRels).toContain(`Id="${id}"`);
  });

  it("leaves no empty paragraph after a table", () => {
    expect(r.document).not.toMatch(/<\/w:tbl><w:p(?: [^>]*)?(?:\/>|>(?:<w:pPr>(?:(?!<w:r>).)*<\/w:pPr>)?<\/w:p>)/);
  });

  it("sets A4 with the GB/T 9704 margins", () => {
    const sectPr = elements(r.document, "w:sectPr").at(-1)!;
    expect(attr(sectPr, "w:pgSz", "w:w")).toBe("11906");
    expect(attr(sectPr, "w:pgSz", "w:h")).toBe("16838");
    const margins = { "w:top": 37, "w:bottom": 35, "w:left": 28, "w:right": 26 };
    for (const [side, mm] of Object.entries(margins)) {
      expect(Math.abs(Number(attr(sectPr, "w:pgMar", side)) - twips(mm)), side).toBeLessThanOrEqual(1);
    }
  });

  it("sets title, headings and body in their fonts and sizes, Latin in Times New Roman", () => {
    const paragraphWith = (text: string) => {
      const found = r.paragraphs.find((p) => textOf(p) === text);
      if (!found) throw new Error(`no paragraph reads ${text}`);
      return found;
    };
    const font = (p: string) => effective(p, r.styles, "w:rFonts", "w:eastAsia");
    const size = (p: string) => effective(p, r.styles, "w:sz", "w:val");

    const title = r.doc.blocks.find((b) => b.type === "title")!;
    for (const line of title.type === "title" ? title.lines : []) {
      const p = paragraphWith(line);
      expect(font(p)).toBe("方正小标宋简体");
      expect(size(p)).toBe("44");
      expect(effective(p, r.styles, "w:jc", "w:val")).toBe("center");
    }
    for (const block of r.doc.blocks) {
      // A level-2 heading typed in the text (seed 003's 「(一) 存在的主要问题」) is set as a heading.
      const typedHeading = block.type === "paragraph" && block.heading === 2;
      if (block.type === "heading" || typedHeading) {
        const text = block.type === "heading" ? block.text : block.inlines.map((i) => i.text).join("");
        const level = block.type === "heading" ? block.level : 2;
        const p = paragraphWith(text);
        expect(font(p), text).toBe(level === 1 ? "黑体" : "楷体_GB2312");
        expect(size(p)).toBe("32");
        expect(hasFlag(p, r.styles, "w:keepNext"), `${text} keepNext`).toBe(true);
        continue;
      }
      if (block.type === "paragraph" && block.role === "body") {
        const p = paragraphWith(block.inlines.map((i) => i.text).join(""));
        expect(font(p)).toBe("仿宋_GB2312");
        expect(size(p)).toBe("32");
        expect(effective(p, r.styles, "w:ind", "w:firstLine")).toBe("640");
        expect(effective(p, r.styles, "w:jc", "w:val")).toBe("both");
        expect(effective(p, r.styles, "w:spacing", "w:line")).toBe("579");
        expect(effective(p, r.styles, "w:spacing", "w:lineRule")).toBe("exact");
      }
    }
    const body = r.paragraphs.find((p) => attr(p, "w:pStyle", "w:val") === "BodyText")!;
    expect(effective(body, r.styles, "w:rFonts", "w:ascii")).toBe("Times New Roman");
    expect(effective(body, r.styles, "w:rFonts", "w:hAnsi")).toBe("Times New Roman");
    expect(effective(body, r.styles, "w:rFonts", "w:hint")).toBe("eastAsia");
  });

  it("right-aligns the signature and sets the date 4 字 in from the right", () => {
    for (const block of r.doc.blocks) {
      if (block.type !== "paragraph" || block.role === "body") continue;
      // The last match: a short title's first line may be the agency name too.
      const p = r.paragraphs.findLast((x) => textOf(x) === block.inlines.map((i) => i.text).join(""))!;
      expect(effective(p, r.styles, "w:jc", "w:val"), block.role).toBe("right");
      if (block.role === "date") expect(effective(p, r.styles, "w:ind", "w:right")).toBe("1280");
    }
  });

  it("numbers pages “— N —” in 4号宋体, odd pages right and even pages left", async () => {
    const settings = await r.zip.file("word/settings.xml")!.async("string");
    expect(settings).toMatch(/<w:evenAndOddHeaders\/>/);
    const sectPr = elements(r.document, "w:sectPr").at(-1)!;
    const rels = await r.zip.file("word/_rels/document.xml.rels")!.async("string");
    const footer = async (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"`).exec(sectPr)?.[1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      expect(target, `${type} footer`).toBeDefined();
      return r.zip.file(`word/${target}`)!.async("string");
    };
    for (const [type, side] of [
      ["default", "right"],
      ["even", "left"],
    ] as const) {
      const xml = await footer(type);
      const p = elements(xml, "w:p")[0];
      expect(xml).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|w:instr="\s*PAGE\s*"/);
      // “— ”, the PAGE field (no cached text), “ —”.
      expect(textOf(xml)).toBe("\u2014  \u2014");
      expect(effective(p, r.styles, "w:jc", "w:val")).toBe(side);
      expect(Number(effective(p, r.styles, "w:ind", `w:${side}`))).toBe(280);
      expect(effective(p, r.styles, "w:rFonts", "w:eastAsia")).toBe("宋体");
      expect(effective(p, r.styles, "w:rFonts", "w:ascii")).toBe("宋体");
      expect(effective(p, r.styles, "w:sz", "w:val")).toBe("28");
    }
  });

  it("lays out every table on the full 版心 width with the model's merged cells", () => {
    const tables = tablesOf(r.doc);
    expect(r.tables).toHaveLength(tables.length);
    tables.forEach((table, t) => {
      const xml = r.tables[t];
      const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
      expect(grid).toHaveLength(table.columnWidths.length);
      expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 1587 - 1474);
      const unit = grid.reduce((a, b) => a + b, 0) / table.columnWidths.reduce((a, b) => a + b, 0);
      grid.forEach((w, i) => expect(Math.abs(w - table.columnWidths[i] * unit)).toBeLessThanOrEqual(1));
      const borders = elements(xml, "w:tblBorders")[0];
      for (const side of ["top", "left", "bottom", "right", "insideH", "insideV"]) {
        expect(attr(borders, `w:${side}`, "w:val"), side).toBe("single");
        expect(attr(borders, `w:${side}`, "w:sz"), side).toBe("4"); // eighths of a point
      }
      expect(docxGrid(xml)).toEqual(modelGrid(table));

      const rows = elements(xml, "w:tr");
      expect(rows).toHaveLength(allRows(table).length);
      rows.forEach((row, i) => {
        expect(/<w:tblHeader\/>/.test(row), `${table.id} row ${i + 1} tableHeader`).toBe(i < table.header.length);
        expect(row, `${table.id} row ${i + 1} cantSplit`).toMatch(/<w:cantSplit\/>/);
      });
    });
  });

  it("sets table text in 五号: labels in 黑体, row labels flush left, values centred", () => {
    const tables = tablesOf(r.doc);
    for (const table of r.tables) expect(table).toContain('<w:tblCellMar><w:top w:type="dxa" w:w="40"/>');
    tables.forEach((table, t) => {
      const cells = elements(r.tables[t], "w:tc").filter((tc) => !/<w:vMerge\/>|<w:vMerge w:val="continue"/.test(tc));
      const model = allRows(table).flatMap((row) => row.cells);
      expect(cells).toHaveLength(model.length);
      model.forEach((cell, i) => {
        const p = elements(cells[i], "w:p")[0];
        const where = `${table.id} ${cell.role} ${cell.text}`;
        expect(effective(p, r.styles, "w:sz", "w:val"), where).toBe("21");
        // Exact 12.1 pt lines and 2 pt cell margins: rows as tall as the PDF's, whatever the font.
        expect(effective(p, r.styles, "w:spacing", "w:lineRule"), where).toBe("exact");
        expect(effective(p, r.styles, "w:spacing", "w:line"), where).toBe("242");
        expect(effective(p, r.styles, "w:rFonts", "w:eastAsia"), where).toBe(
          cell.role === "value" || cell.role === "row-header" ? "仿宋_GB2312" : "黑体",
        );
        const jc = effective(p, r.styles, "w:jc", "w:val");
        if (cell.role === "value" || cell.role === "column-header") expect(jc, where).toBe("center");
        if (cell.role === "row-header") expect(jc, where).toBe("left");
      });
    });
  });
});

describe("renderDocx: statutory tables", () => {
  it("merges table 3's corner note over 3 columns and 3 rows, repeated as header", async () => {
    const r = await render(SEEDS[0]);
    const index = tablesOf(r.doc).findIndex((t) => t.id === "requests");
    const rows = elements(r.tables[index], "w:tr").map((tr) => elements(tr, "w:tc"));
    expect(textOf(rows[0][0])).toMatch(/^（本列数据的勾稽关系为/);
    expect(attr(rows[0][0], "w:gridSpan", "w:val")).toBe("3");
    expect(attr(rows[0][0], "w:vMerge", "w:val")).toBe("restart");
    for (const row of [rows[1], rows[2]]) {
      expect(attr(row[0], "w:gridSpan", "w:val")).toBe("3");
      expect(row[0]).toMatch(/<w:vMerge(?: w:val="continue")?\/>/);
      expect(textOf(row[0])).toBe("");
    }
    expect(rows.slice(0, 3).every((_, i) => /<w:tblHeader\/>/.test(elements(r.tables[index], "w:tr")[i]))).toBe(true);
  });

  it("centres cells vertically where a row is taller than one line", async () => {
    const r = await render(SEEDS[0]);
    const index = tablesOf(r.doc).findIndex((t) => t.id === "requests");
    const cells = elements(r.tables[index], "w:tc");
    for (const tc of cells.filter((c) => /<w:vMerge w:val="restart"/.test(c))) {
      expect(attr(tc, "w:vAlign", "w:val"), textOf(tc)).toBe("center");
    }
    // A long row label wraps, so the values beside it are centred on it.
    const wrapped = elements(r.tables[index], "w:tr").find((tr) => textOf(tr).includes("部分公开（区分处理的"))!;
    const values = elements(wrapped, "w:tc").slice(-7);
    expect(values.every((tc) => attr(tc, "w:vAlign", "w:val") === "center")).toBe(true);
  });

  it("keeps table 2's 第二十条 rows and their column labels with the rows below", async () => {
    const r = await render(SEEDS[0]);
    const index = tablesOf(r.doc).findIndex((t) => t.id === "proactive");
    const table = tablesOf(r.doc)[index];
    expect(table.header).toHaveLength(0);
    const rows = elements(r.tables[index], "w:tr");
    allRows(table).forEach((row, i) => {
      const labelsOnly = row.cells.every((c) => c.role === "group-header" || c.role === "column-header");
      const keep = elements(rows[i], "w:p").every((p) => /<w:keepNext\/>/.test(p));
      expect(keep, `row ${i + 1}: ${row.cells[0].text}`).toBe(labelsOnly);
    });
    expect(allRows(table).filter((row) => row.cells[0].role === "group-header").length).toBeGreaterThan(0);
  });

  it("prints a table's caption unless the heading before it already says it", async () => {
    const base = loadDocument(SEEDS[0]);
    const table = tablesOf(base)[0];
    const withHeading = await extractDocxText(await renderDocx({ ...base, blocks: [{ type: "heading", level: 1, text: `二、${table.caption}`, anchor: "h" }, { type: "table", table }] }));
    expect(withHeading.split("\n").filter((l) => l === table.caption)).toHaveLength(0);
    const alone = await extractDocxText(await renderDocx({ ...base, blocks: [{ type: "table", table }] }));
    expect(alone.split("\n")[0]).toBe(table.caption);
  });

  it("reports a block type it does not know instead of dropping it silently, and renders the rest", async () => {
    const doc = loadDocument(SEEDS[0]);
    const bogus = { ...doc, blocks: [...doc.blocks, { type: "figure" } as unknown as Block] };
    const skipped: unknown[] = [];
    const text = await extractDocxText(await renderDocx(bogus, { onUnknownBlock: ({ renderer, index, type }) => skipped.push({ renderer, index, type }) }));
    expect(skipped).toEqual([{ renderer: "docx", index: doc.blocks.length, type: "figure" }]);
    expect(text).toBe(await extractDocxText(await renderDocx(doc)));
  });
});

describe("extractDocxText", () => {
  it("reads w:t in order, one line per paragraph, unescaping entities", async () => {
    const zip = new JSZip();
    zip.file(
      "word/document.xml",
      '<w:document><w:body><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>A &amp; </w:t></w:r><w:r><w:t xml:space="preserve">B&#x2014;&lt;</w:t></w:r></w:p>' +
        "<w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>c1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>c2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" +
        "<w:p><w:r><w:t>end</w:t></w:r></w:p></w:body></w:document>",
    );
    const text = await extractDocxText(await zip.generateAsync({ type: "nodebuffer" }));
    expect(text).toBe("A & B\u2014<\n\nc1\nc2\nend");
  });
});

describe("renderDocx: LibreOffice", () => {
  // Every seed converted in one soffice run (a start of LibreOffice is most of the time).
  const pdfs = new Map<string, string>();
  let dir = "";
  beforeAll(async () => {
    const probe = spawnSync("soffice", ["--version"], { encoding: "utf8" });
    if (probe.error) {
      throw new Error(
        "LibreOffice (soffice) is not installed, so the DOCX cannot be checked: install it with `apt-get install libreoffice-writer-nogui`",
      );
    }
    dir = mkdtempSync(join(tmpdir(), "render-docx-"));
    const files = await Promise.all(
      SEEDS.map(async (seed) => {
        const file = join(dir, seed.replace(/\.json$/, ".docx"));
        writeFileSync(file, await renderDocx(loadDocument(seed)));
        return file;
      }),
    );
    // A private profile, so parallel runs do not fight over one; the npm CJK fonts, as the machine
    // may have none (then LibreOffice sets the Chinese in a fallback of other widths).
    const profile = `-env:UserInstallation=file://${join(dir, "profile")}`;
    const env = { ...process.env, FONTCONFIG_FILE: fontconfigFile() };
    await promisify(execFile)("soffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", dir, ...files], { timeout: 140_000, env });
    for (const seed of SEEDS) pdfs.set(seed, join(dir, seed.replace(/\.json$/, ".pdf")));
  }, 150_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pdfText = (seed: string) => execFileSync("pdftotext", [pdfs.get(seed)!, "-"], { encoding: "utf8" });

  it("converts every rendered seed to PDF", () => {
    for (const seed of SEEDS) {
      const pdf = readFileSync(pdfs.get(seed)!);
      expect(pdf.subarray(0, 5).toString(), seed).toBe("%PDF-");
      expect(pdf.length, seed).toBeGreaterThan(10_000);
    }
  });

  it("sets 28 字 a full line of body text", () => {
    // 5.2.3: lines of Chinese only mostly hold 28 (without the body's −0.25 pt spacing LibreOffice
    // sets 27; a line ending in punctuation may hold one more).
    const lengths = pdfText(SEEDS[2] ?? SEEDS[0])
      .split("\n")
      .filter((line) => line.length > 10 && !/[\u0000-\u2e7f]/.test(line))
      .map((line) => [...line].length);
    expect(lengths.length).toBeGreaterThan(10);
    const count = (n: number) => lengths.filter((l) => l === n).length;
    expect(count(28)).toBeGreaterThan(count(27) + count(29));
  });

  it("has as many pages as the PDF of the same report, for every seed", async () => {
    const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
    for (const seed of SEEDS) {
      const ours = join(dir, seed.replace(/\.json$/, ".ours.pdf"));
      writeFileSync(ours, await renderPdf(loadDocument(seed)));
      expect(pages(pdfs.get(seed)!), seed).toBe(pages(ours));
    }
  });

  it("never leaves the signature alone on the last page", () => {
    for (const seed of SEEDS) {
      const doc = loadDocument(seed);
      const closing = doc.blocks.flatMap((b) =>
        b.type === "paragraph" && (b.role === "signature" || b.role === "date") ? [b.inlines.map((i) => i.text).join("")] : [],
      );
      const pages = pdfText(seed).split("\f").filter((page) => page.trim());
      const lines = pages.at(-1)!.split("\n").map((line) => line.replace(/\s+/g, "")).filter(Boolean);
      const text = lines.filter((line) => !/^—\d+—$/.test(line) && !closing.includes(line));
      expect(text.length, `${seed}: the last page has only ${lines.join(" / ")}`).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(SEEDS)("never splits a phone number or an e-mail address of %s, and breaks a URL only after a “/”", (seed) => {
    const doc = loadDocument(seed);
    if (seed.startsWith("000")) expect(contactTokens(doc).whole).toEqual(expect.arrayContaining(["0952-2216049", "sgaj110@126.com"]));
    const lines = pdfText(seed)
      .split("\n")
      .filter((line) => !/^\s*— \d+ —\s*$/.test(line) && !line.includes("\f"));
    expect(contactTokenBreaks(doc, lines)).toEqual([]);
  });
});
