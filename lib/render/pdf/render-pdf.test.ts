import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import type { Block, DocTable, ReportDocument } from "../../document/types";
import { prepareReport } from "../../report/prepare-report";
import { contactTokenBreaks, contactTokens } from "../../test-support/contact-tokens";
import { documentTexts, tableTexts } from "../../test-support/document-texts";
import { extractPdfText, runPdfTool, withoutPageNumbers } from "./extract-pdf-text";
import { fontMemoHits } from "./fonts";
import type { PdfLayout, PdfText } from "./page-layout";
import { paragraphFlow, pdfLayout, renderPdf, spreadPieces } from "./render-pdf";

const SEED_DIR = fileURLToPath(new URL("../../../fixtures/seeds/", import.meta.url));
const SEEDS = readdirSync(SEED_DIR).filter((f) => f.endsWith(".json")).sort();

function seedDocument(file: string): ReportDocument {
  const prepared = prepareReport(JSON.parse(readFileSync(SEED_DIR + file, "utf8")));
  if (!prepared.ok) throw new Error(`${file} does not prepare`);
  return buildDocument(prepared.report);
}

const strip = (text: string) => text.replace(/\s+/g, "");

/** The phone numbers, e-mail addresses (never to be split) and URLs the document's paragraphs hold. */
/** Every text run of a layout. */
function layoutTexts(layout: PdfLayout): PdfText[] {
  return layout.pages.flatMap((page) => page.items.filter((item): item is PdfText => item.kind === "text"));
}

/** The first text of `expected` that is not found in `actual` after the previous ones, or null. */
function firstMissingInOrder(actual: string, expected: string[]): string | null {
  const haystack = strip(withoutPageNumbers(actual));
  let from = 0;
  for (const text of expected.map(strip).filter(Boolean)) {
    const at = haystack.indexOf(text, from);
    if (at < 0) return text;
    from = at + text.length;
  }
  return null;
}

function pageCount(info: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

interface Word {
  text: string;
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

async function words(pdf: Buffer): Promise<Word[]> {
  const html = await runPdfTool("pdftotext", pdf, ["-bbox"]);
  const result: Word[] = [];
  let page = 0;
  for (const line of html.split("\n")) {
    if (line.includes("<page ")) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) result.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] });
  }
  return result;
}

describe("spreadPieces", () => {
  it("spreads runs of CJK characters only, never a Latin run or the gap beside it", () => {
    expect(spreadPieces("联系电话:0527-84352050,电子邮箱")).toEqual([
      { text: "联系电话", spread: true },
      { text: ":0527-84352050,", spread: false },
      { text: "电子邮箱", spread: true },
    ]);
    expect(spreadPieces("路81号，")).toEqual([
      { text: "路", spread: false },
      { text: "81", spread: false },
      { text: "号，", spread: true },
    ]);
    expect(spreadPieces("政府信息")).toEqual([{ text: "政府信息", spread: true }]);
  });
});

describe("paragraphFlow", () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ height: 28.95, items: [{ kind: "text" as const, x: 0, y: 0, text: `l${i}`, role: "fangsong" as const, size: 16, spacing: 0 }] }));
  const shape = (n: number) => paragraphFlow(lines(n)).map((item) => `${item.bands.length}${item.keep ? "k" : ""}`);

  it("never leaves one line of a paragraph alone at a page's foot or top", () => {
    expect(shape(1)).toEqual(["1k"]);
    expect(shape(3)).toEqual(["3k"]);
    expect(shape(4)).toEqual(["2k", "2k"]);
    expect(shape(7)).toEqual(["2k", "3", "2k"]);
  });
});

describe("widows and orphans", () => {
  it("starts no page with the last line of a longer paragraph and ends none with the first line or a heading", () => {
    for (const seed of SEEDS) {
      const doc = seedDocument(seed);
      const paragraphs = doc.blocks.flatMap((b) => (b.type === "paragraph" && b.role === "body" ? [strip(b.inlines.map((i) => i.text).join(""))] : []));
      const headings = new Set(doc.blocks.flatMap((b) => (b.type === "heading" ? [strip(b.text)] : [])));
      const layout = pdfLayout(doc);
      const lastTop: number[] = [];
      const pages = layout.pages.map((page) => {
        const lines = new Map<number, string>();
        for (const item of page.items) if (item.kind === "text" && item.size === 16 && item.y < 740) lines.set(item.y, (lines.get(item.y) ?? "") + item.text);
        lastTop.push(Math.max(...lines.keys()));
        return [...lines.values()].map(strip);
      });
      pages.forEach((page, i) => {
        if (i === 0) return;
        const [first] = page;
        const last = pages[i - 1].at(-1)!;
        // A page that starts with the last line of a paragraph begun on the page before (a widow),
        // or a page before it that ends with the first line of a paragraph going on here (an orphan).
        const widow = paragraphs.find((p) => p !== first && p.endsWith(first));
        const orphan = paragraphs.find((p) => p !== last && p.startsWith(last));
        expect(widow, `${seed} page ${i + 1} starts with 「${first}」`).toBeUndefined();
        expect(orphan, `${seed} page ${i} ends with 「${last}」`).toBeUndefined();
        // Nothing, not even a table, below a heading at a page's foot.
        const below = layout.pages[i - 1].items.some((item) => item.kind === "text" && item.y < 740 && item.y > lastTop[i - 1]);
        expect(headings.has(last) && !below, `${seed} page ${i} ends with the heading 「${last}」`).toBe(false);
      });
    }
  });
});

describe("poppler-utils", () => {
  it("is installed (tests read PDFs back with pdftotext/pdffonts; apt-get install poppler-utils)", () => {
    expect(() => execFileSync("pdftotext", ["-v"], { stdio: "pipe" })).not.toThrow();
    expect(() => execFileSync("pdffonts", ["-v"], { stdio: "pipe" })).not.toThrow();
  });
});

describe.each(SEEDS)("renderPdf(%s)", (seed) => {
  let doc: ReportDocument;
  let pdf: Buffer;
  beforeAll(async () => {
    doc = seedDocument(seed);
    pdf = await renderPdf(doc);
  });

  it("prints every table label and cell, in order", async () => {
    const text = await extractPdfText(pdf);
    const tables = doc.blocks.filter((b) => b.type === "table");
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(firstMissingInOrder(text, tableTexts(table.table))).toBeNull();
  });

  it("prints the whole document in reading order", async () => {
    expect(firstMissingInOrder(await extractPdfText(pdf), documentTexts(doc))).toBeNull();
  });

  it("embeds only subset Unicode TrueType fonts", async () => {
    const rows = (await runPdfTool("pdffonts", pdf)).trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).not.toMatch(/Type 3/);
      // name, type…, encoding, then emb sub uni object-id generation
      expect(row).toMatch(/^[A-Z]{6}\+(Noto(Serif|Sans)SC|LXGWWenKai)-\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
  });

  it("never splits a phone number or an e-mail address, and breaks a URL only after a “/”", async () => {
    // Lines of text, the blank lines between pages left out: a URL may go on over a page break.
    const lines = withoutPageNumbers(await extractPdfText(pdf)).split("\n");
    if (seed.startsWith("000")) expect(contactTokens(doc).whole).toEqual(expect.arrayContaining(["0952-2216049", "sgaj110@126.com"]));
    expect(contactTokenBreaks(doc, lines)).toEqual([]);
  });

  it("spreads justified lines between CJK characters only, never inside a run of Latin or digits", () => {
    const spread = layoutTexts(pdfLayout(doc)).filter((t) => t.spacing > 0);
    expect(spread.length).toBeGreaterThan(0);
    for (const t of spread) expect(t.text, `letter-spaced Latin in 「${t.text}」`).not.toMatch(/[\u0000-\u2e7f]/);
  });

  it("centres every cell's text vertically in its cell, row spans included", () => {
    const cells = new Map<PdfText["cell"], PdfText[]>();
    for (const text of layoutTexts(pdfLayout(doc))) if (text.cell) cells.set(text.cell, [...(cells.get(text.cell) ?? []), text]);
    expect(cells.size).toBeGreaterThan(20);
    let spanning = 0;
    for (const [cell, texts] of cells) {
      const top = Math.min(...texts.map((t) => t.y));
      const bottom = Math.max(...texts.map((t) => t.y)) + 1.15 * 10.5;
      // The room above the text is the room below it.
      expect(Math.abs(top - cell!.top - (cell!.top + cell!.height - bottom)), texts[0].text).toBeLessThan(0.01);
      if (cell!.height > 3 * (bottom - top)) spanning++;
    }
    // Tall cells (row spans) are among them: their text is moved well down.
    expect(spanning).toBeGreaterThan(0);
  });

  it("fills every page but the last at least three quarters: a table flows on from the foot of a page", () => {
    const top = 37 * (72 / 25.4);
    const height = 225 * (72 / 25.4);
    const fill = pdfLayout(doc).pages.map((page) => {
      const bottoms = page.items.flatMap((item) =>
        item.kind === "text" && item.y < top + height ? [item.y + item.size] : item.kind === "rules" ? item.segments.map((s) => Math.max(s[1], s[3])) : [],
      );
      return (Math.max(...bottoms) - top) / height;
    });
    expect(fill.length).toBeGreaterThan(1);
    for (const [i, share] of fill.slice(0, -1).entries()) expect(share, `page ${i + 1}`).toBeGreaterThan(0.75);
  });

  it("leaves no table label a last line of one or two characters when its lines hold more", () => {
    const cells = new Map<PdfText["cell"], PdfText[]>();
    for (const text of layoutTexts(pdfLayout(doc))) if (text.cell) cells.set(text.cell, [...(cells.get(text.cell) ?? []), text]);
    let wrapped = 0;
    for (const texts of cells.values()) {
      const lines = [...new Set(texts.map((t) => t.y))].sort((a, b) => a - b).map((y) => texts.filter((t) => t.y === y).map((t) => t.text).join(""));
      if (lines.length < 2 || [...lines[0]].length < 5) continue;
      wrapped++;
      expect([...lines[lines.length - 1]].length, lines.join(" / ")).toBeGreaterThan(2);
    }
    expect(wrapped).toBeGreaterThan(3);
  });

  it("stays under 300 KB", () => {
    expect(pdf.length).toBeLessThan(300 * 1024);
  });

  it("has the report title and creator in its info", async () => {
    const info = await runPdfTool("pdfinfo", pdf);
    expect(info).toMatch(new RegExp(`^Title:\\s+${doc.title}$`, "m"));
    expect(info).toMatch(/^Creator:\s+gov-report$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
  });
});

describe("page layout (GB/T 9704)", () => {
  let pdf: Buffer;
  let all: Word[];
  beforeAll(async () => {
    pdf = await renderPdf(seedDocument(SEEDS.find((s) => s.startsWith("002"))!));
    all = await words(pdf);
  });

  it("numbers pages “— N —” below the text block, odd right and even left, 1 字 in", async () => {
    const pages = pageCount(await runPdfTool("pdfinfo", pdf));
    expect(pages).toBeGreaterThan(1);
    const text = await extractPdfText(pdf);
    const pageTexts = text.split("\f");
    expect(strip(pageTexts[0])).toContain("—1—");
    expect(strip(pageTexts[1])).toContain("—2—");
    const number = (page: number) => all.filter((w) => w.page === page && w.yMin > 742.7);
    const one = number(1);
    const two = number(2);
    expect(one.map((w) => w.text).join(" ")).toBe("— 1 —");
    expect(two.map((w) => w.text).join(" ")).toBe("— 2 —");
    // Right edge 1 字 (14 pt) inside the right margin on odd pages; left edge on even pages.
    expect(Math.max(...one.map((w) => w.xMax))).toBeCloseTo(595.28 - 73.7 - 14, 0);
    expect(Math.min(...two.map((w) => w.xMin))).toBeCloseTo(79.37 + 14, 0);
    // The number sits below the text block, in the upper part of the 35 mm bottom margin.
    for (const w of [...one, ...two]) {
      expect(w.yMin).toBeGreaterThan(841.89 - 99.21 + 5);
      expect(w.yMin).toBeLessThan(841.89 - 99.21 + 30);
    }
  });

  it("sets body text on a 28.95 pt line pitch, justified between the margins", () => {
    // Page 2 of seed 002 is body text only.
    const lines = new Map<number, Word[]>();
    // Words of the 16 pt serif and sans faces (pdftotext boxes a word by its face's ascent and
    // descent, so a 楷体 heading's box, of another face, has other edges on the same baseline).
    const grid = all.filter((w) => w.page === 2 && w.yMin < 742.7 && Math.abs(w.yMax - w.yMin - 23.1) < 0.3);
    for (const w of grid) {
      const key = Math.round(w.yMin * 10);
      lines.set(key, [...(lines.get(key) ?? []), w]);
    }
    const tops = [...lines.keys()].sort((a, b) => a - b).map((k) => k / 10);
    expect(tops.length).toBeGreaterThan(15);
    // On the grid: one line pitch apart, or whole pitches where a 楷体 line was left out.
    for (let i = 1; i < tops.length; i++) {
      const pitches = (tops[i] - tops[i - 1]) / 28.95;
      expect(Math.round(pitches)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(tops[i] - tops[i - 1] - Math.round(pitches) * 28.95)).toBeLessThan(0.11 * Math.round(pitches));
    }
    const full = [...lines.values()].filter((ws) => Math.min(...ws.map((w) => w.xMin)) < 80.5);
    expect(full.length).toBeGreaterThan(10);
    for (const ws of full) expect(Math.min(...ws.map((w) => w.xMin))).toBeGreaterThan(79.37 - 1);
    // Most full lines end at the right margin (the last line of a paragraph may not).
    const flush = full.filter((ws) => Math.abs(Math.max(...ws.map((w) => w.xMax)) - (595.28 - 73.7)) < 1.5);
    expect(flush.length).toBeGreaterThan(full.length / 2);
  });
});

describe("tables taller than a page", () => {
  it("split into parts that repeat the header and lose no cell", async () => {
    const doc = seedDocument(SEEDS.find((s) => s.startsWith("003"))!);
    // Triple every row label of table 3 so that it needs at least two pages.
    const blocks = doc.blocks.map((block): Block => {
      if (block.type !== "table" || block.table.header.length === 0) return block;
      const lengthen = (rows: DocTable["header"]) =>
        rows.map((row) => ({
          cells: row.cells.map((cell) => (cell.role === "row-header" ? { ...cell, text: cell.text.repeat(3) } : cell)),
        }));
      return { ...block, table: { ...block.table, bodyGroups: block.table.bodyGroups.map(lengthen) } };
    });
    const long: ReportDocument = { ...doc, blocks };
    const table = blocks.find((b) => b.type === "table" && b.table.id === "requests") as Extract<Block, { type: "table" }>;
    const pdf = await renderPdf(long);
    const text = await extractPdfText(pdf);
    expect(firstMissingInOrder(text, documentTexts(long))).toBeNull();
    // Each page the table is on repeats its header.
    const corner = strip(table.table.header[0].cells[0].text);
    const pagesWithHeader = text.split("\f").filter((page) => strip(page).includes(corner));
    expect(pagesWithHeader.length).toBeGreaterThanOrEqual(2);
  });
});

describe("heading faces", () => {
  const headingRoles = (doc: ReportDocument) => {
    const layout = pdfLayout(doc);
    const texts = layoutTexts(layout);
    return (text: string) => texts.filter((t) => text.startsWith(t.text) && t.size === 16).map((t) => t.role);
  };

  it("sets level-1 headings in 黑体 and level-2 headings in the 楷体 face (LXGW WenKai), embedded", async () => {
    const doc = seedDocument(SEEDS.find((s) => s.startsWith("003"))!);
    const roles = headingRoles(doc);
    expect(roles("五、存在的主要问题及改进情况")).toEqual(["heiti"]);
    expect(roles("(一) 存在的主要问题")).toEqual(["kaiti"]);
    const pdf = await renderPdf(doc);
    expect(await runPdfTool("pdffonts", pdf)).toMatch(/\+LXGWWenKai-Regular\s/);
    // Its baseline (box bottom less the face's descent) is on the body text's grid (drawn at the
    // line's top like the body, it would be 3.6 pt above it).
    const all = await words(pdf);
    // The heading's words: the 楷体 face's box, (0.928 + 0.256) em tall.
    const heading = all.find((w) => w.text === "存在的主要问题" && Math.abs(w.yMax - w.yMin - 1.184 * 16) < 0.05)!;
    // Body words: the serif face's box, (1.151 + 0.286) em tall.
    const body = all.filter((w) => w.page === heading.page && Math.abs(w.yMax - w.yMin - 1.437 * 16) < 0.05);
    expect(body.length).toBeGreaterThan(5);
    const offGrid = (baseline: number) => {
      const pitches = (baseline - (body[0].yMax - 0.286 * 16)) / 28.95;
      return Math.abs(pitches - Math.round(pitches)) * 28.95;
    };
    expect(offGrid(heading.yMax - 0.256 * 16)).toBeLessThan(0.05);
  });

  it("sets a level-2 heading the 楷体 face lacks a character of in the bold serif, whole", () => {
    const doc = seedDocument(SEEDS[0]);
    const heading = "（一）关于𠀀字的说明";
    const at = doc.blocks.findIndex((b) => b.type === "heading" && b.level === 1);
    const withRare: ReportDocument = { ...doc, blocks: [...doc.blocks.slice(0, at + 1), { type: "heading", level: 2, text: heading, anchor: "rare" }, ...doc.blocks.slice(at + 1)] };
    expect(headingRoles(withRare)(heading)).toEqual(["xiaobiaosong"]);
  });
});

describe("a table continued on the next page", () => {
  it("repeats the header rows and names the row groups it continues", () => {
    // Seed 000's table 3 starts on page 4 and goes on on page 5 inside 三、本年度办理结果.
    const layout = pdfLayout(seedDocument(SEEDS.find((s) => s.startsWith("000"))!));
    const pageOf = (start: string) =>
      layout.pages.flatMap((page, i) => (page.items.some((item) => item.kind === "text" && item.cell && item.text.startsWith(start)) ? [i + 1] : []));
    expect(pageOf("申请人情况")).toEqual([4, 5]);
    expect(pageOf("三、")).toEqual([4, 5]);
    expect(pageOf("（七）总计")).toEqual([5]);
  });
});

describe("resource access", () => {
  let server: Server;
  let requests = 0;
  let base = "";
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end("not an image");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("prints URL- and path-like report text as text, fetching and reading nothing", async () => {
    const url = `${base}/x.png`;
    const doc = seedDocument(SEEDS[0]);
    const payload: ReportDocument = {
      ...doc,
      blocks: [
        ...doc.blocks.slice(0, 2),
        { type: "paragraph", role: "body", anchor: "payload", inlines: [{ text: `见${url}与/etc/passwd` }] },
        { type: "heading", level: 2, text: `（一）${url}`, anchor: "payload-heading" },
        ...doc.blocks.slice(2),
      ],
    };
    const text = strip(await extractPdfText(await renderPdf(payload)));
    expect(text).toContain(strip(`见${url}与/etc/passwd`));
    expect(text).toContain(strip(`（一）${url}`));
    expect(text).not.toContain("root:x:0:0");
    expect(requests).toBe(0);
  });
});

describe("font memo", () => {
  it("gives later documents the already parsed fonts", async () => {
    const doc = seedDocument(SEEDS[0]);
    await renderPdf(doc);
    const before = fontMemoHits();
    await renderPdf(doc);
    // Body serif, bold serif and sans are each opened once per document.
    expect(fontMemoHits() - before).toBeGreaterThanOrEqual(3);
  });
});
