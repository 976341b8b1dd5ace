import { readFileSync } from "node:fs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import { renderHtmlDocument } from "../../render/html/render-html";
import { loadSeed, loadSeedJson } from "../../test-support/seeds";
import { ImportInputError } from "../docx/input-error";
import type { Block, GridCell, ImportDocument } from "../intermediate";
import { mapDocument } from "../map/map-document";
import { cmsPage } from "./fixtures/cms-page";
import { MAX_GRID_CELLS } from "./grid";
import { decodeHtml, MAX_HTML_BYTES, parseHtml, parseHtmlFile } from "./parse-html";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const texts = (doc: ImportDocument) => doc.blocks.filter((b): b is Exclude<Block, { kind: "table" }> => b.kind !== "table").map((b) => b.text);
/** A grid without locations: text, or ^row,col for a covered position. */
const gridText = (rows: GridCell[][]) => rows.map((r) => r.map((c) => (c.mergedFrom ? `^${c.mergedFrom.row},${c.mergedFrom.col}` : c.text)));
const tables = (doc: ImportDocument) => doc.blocks.filter((b): b is Extract<Block, { kind: "table" }> => b.kind === "table");

interface SeedJson {
  agency: string;
  year: number;
  preface: string;
  sections: { overview: { title: string | null; text: string }[]; problems: string; other?: string };
}

/** A seed's text as a CMS editor holds it: one `<p>` per paragraph, bold section headings. */
function seedArticle(seed: SeedJson): { title: string; body: string } {
  const p = (text: string) => text.split(/\n\n+/).map((t) => `<p style="text-indent:2em;">${t}</p>`).join("\n");
  const heading = (text: string) => `<p style="text-indent:2em;"><strong>${text}</strong></p>`;
  const overview = seed.sections.overview.map((o) => (o.title ? heading(o.title) : "") + p(o.text)).join("\n");
  const body = [
    p(seed.preface),
    heading("一、总体情况"),
    overview,
    heading("五、存在的主要问题及改进情况"),
    p(seed.sections.problems),
    heading("六、其他需要报告的事项"),
    p(seed.sections.other ?? "无。"),
  ].join("\n");
  return { title: `${seed.agency}${seed.year}年政府信息公开工作年度报告`, body };
}

describe("decodeHtml", () => {
  const seed = loadSeedJson("003_5f1914cbe288c934") as SeedJson;
  const { title, body } = seedArticle(seed);

  it.each([
    ['<meta charset="gbk">', { charset: "gbk" }],
    ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', { charset: "gb2312", httpEquiv: true }],
    ['<meta charset="GB18030">', { charset: "GB18030" }],
  ])("reads a GBK page declared by %s", (_, declaration) => {
    const page = cmsPage({ title, body, ...declaration });
    const decoded = decodeHtml(iconv.encode(page, "gbk"));
    expect(decoded).toMatchObject({ encoding: "gb18030", detectedBy: "meta" });
    expect(decoded.text).toBe(page);
  });

  it("reads a GBK page without any declaration from its content", () => {
    const page = cmsPage({ title, body, charset: null });
    const decoded = decodeHtml(iconv.encode(page, "gbk"));
    expect(decoded).toMatchObject({ encoding: "gb18030", detectedBy: "content" });
    expect(decoded.text).toBe(page);
    // …and the report reads as from the UTF-8 original.
    const { report } = mapDocument(parseHtml(decoded.text));
    expect(report).toMatchObject({ agency: seed.agency, year: seed.year, preface: seed.preface });
    expect(report.sections?.overview).toEqual(seed.sections.overview);
    expect(report.sections?.problems).toBe(seed.sections.problems);
  });

  it("reads GB18030's four-byte characters (Ext. B Hanzi, €)", () => {
    const page = cmsPage({ title, body: "<p>𠀀𪚥 €100 䶮</p>", charset: "gb18030" });
    expect(decodeHtml(iconv.encode(page, "gb18030")).text).toBe(page);
  });

  it("reads UTF-8 with and without a BOM or declaration", () => {
    const page = cmsPage({ title, body, charset: null });
    const bytes = new TextEncoder().encode(page);
    expect(decodeHtml(bytes)).toEqual({ text: page, encoding: "utf-8", detectedBy: "content" });
    expect(decodeHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ text: page, encoding: "utf-8", detectedBy: "bom" });
    const declared = cmsPage({ title, body });
    expect(decodeHtml(new TextEncoder().encode(declared))).toEqual({ text: declared, encoding: "utf-8", detectedBy: "meta" });
  });

  it("reads UTF-16 with a BOM", () => {
    const page = cmsPage({ title, body, charset: "utf-16" });
    const le = iconv.encode(page, "utf-16le");
    expect(decodeHtml(new Uint8Array([0xff, 0xfe, ...le]))).toMatchObject({ text: page, encoding: "utf-16le", detectedBy: "bom" });
  });

  it("lets the content overrule a declaration it contradicts", () => {
    // A copied template says gb2312 but the page is UTF-8 …
    const utf8Page = cmsPage({ title, body, charset: "gb2312", httpEquiv: true });
    expect(decodeHtml(new TextEncoder().encode(utf8Page))).toEqual({ text: utf8Page, encoding: "utf-8", detectedBy: "content" });
    // … or says utf-8 but the page is GBK.
    const gbkPage = cmsPage({ title, body, charset: "utf-8" });
    expect(decodeHtml(iconv.encode(gbkPage, "gbk"))).toEqual({ text: gbkPage, encoding: "gb18030", detectedBy: "content" });
    // … or says iso-8859-1, as an untouched old template does.
    const latinPage = cmsPage({ title, body, charset: "iso-8859-1", httpEquiv: true });
    expect(decodeHtml(iconv.encode(latinPage, "gbk"))).toEqual({ text: latinPage, encoding: "gb18030", detectedBy: "content" });
  });

  it("keeps reading UTF-8 cut off in the middle of a character (a truncated download)", () => {
    const bytes = new TextEncoder().encode(`<p>${seed.preface}</p>`);
    const cut = bytes.subarray(0, bytes.length - 6); // inside 「。」 or the Hanzi before it
    expect(decodeHtml(cut).encoding).toBe("utf-8");
  });

  it("refuses a file over the size limit with a Chinese message", () => {
    const big = new Uint8Array(MAX_HTML_BYTES + 1);
    expect(() => decodeHtml(big)).toThrow(ImportInputError);
    expect(() => decodeHtml(big)).toThrow(/HTML 文件过大（10\.0 MB），不能超过 10\.0 MB/);
  });
});

describe("parseHtml: the article of a CMS page", () => {
  const seed = loadSeedJson("001_c4d8e41b12f6790a") as SeedJson;
  const { title, body } = seedArticle(seed);

  it.each(["h1", "meta", "title"] as const)("reads the body only, with the title from the %s", (titleIn) => {
    const doc = parseHtml(cmsPage({ title, body, titleIn }));
    const lines = texts(doc);
    expect(lines[0]).toBe(title);
    expect(doc.blocks[0].kind).toBe("heading");
    expect(lines[1]).toBe(seed.preface);
    const all = lines.join("\n");
    for (const chrome of ["首页", "当前位置", "相关文章", "发布日期", "分享到", "主办单位", "脚本写入", "样式表", "隐藏的文字", "打印本页"]) {
      expect(all, chrome).not.toContain(chrome);
    }
    expect(lines.at(-1)).toBe(seed.sections.other ?? "无。");
  });

  it.each([".TRS_Editor", "#zoom", "#UCAP-CONTENT", ".article-content", ".content", "article"])("finds the body in %s", (selector) => {
    const container = selector.startsWith("#") ? `x" id="${selector.slice(1)}` : selector === "article" ? "x" : selector.slice(1);
    let page = cmsPage({ title, body, container });
    if (selector === "article") page = page.replace(`<div class="x">`, "<article>").replace(/<\/div>(\s*<div class="share">)/, "</article>$1");
    const lines = texts(parseHtml(page));
    expect(lines.slice(0, 2)).toEqual([title, seed.preface]);
    expect(lines.join("")).not.toContain("主办单位");
  });

  it("finds the body of a page without a known container by its Chinese text", () => {
    const page = cmsPage({ title, body, container: "wz_zw_xx" });
    const lines = texts(parseHtml(page));
    expect(lines.slice(0, 2)).toEqual([title, seed.preface]);
    expect(lines.join("")).not.toMatch(/主办单位|相关文章/);
  });

  it("maps a CMS page like the report it carries", () => {
    const { report, problems } = mapDocument(parseHtml(cmsPage({ title, body })));
    expect(report).toMatchObject({ agency: seed.agency, year: seed.year, preface: seed.preface });
    expect(report.sections?.overview).toEqual(seed.sections.overview);
    // The article has no 二、三、四 (the seed's tables are not in this page).
    expect(problems.map((p) => p.code)).toEqual(["section.missing", "section.missing", "section.missing"]);
  });
});

describe("parseHtml: blocks", () => {
  it("emits h1–h6 as headings, other blocks as paragraphs, and splits lines at <br>", () => {
    const doc = parseHtml(`<body><h1>标题</h1><h3>（一）小标题</h3><p><strong>二、主动公开政府信息情况</strong></p>
      <p>第一行<br>第二行<br/><br>  第三行&nbsp;</p><div>块<span>内联</span><b>加粗</b></div><ul><li>甲</li><li>乙</li></ul>
      <p>&nbsp;　</p><div><p>嵌套</p>尾巴</div></body>`);
    expect(doc.blocks.map((b) => [b.kind, b.kind === "table" ? "" : b.text, b.kind === "heading" ? b.level : undefined])).toEqual([
      ["heading", "标题", 1],
      ["heading", "（一）小标题", 3],
      ["paragraph", "二、主动公开政府信息情况", undefined],
      ["paragraph", "第一行", undefined],
      ["paragraph", "第二行", undefined],
      ["paragraph", "第三行", undefined],
      ["paragraph", "块内联加粗", undefined],
      ["paragraph", "甲", undefined],
      ["paragraph", "乙", undefined],
      ["paragraph", "嵌套", undefined],
      ["paragraph", "尾巴", undefined],
    ]);
  });

  it("collapses whitespace as a browser shows it, and drops a line break between Hanzi", () => {
    const doc = parseHtml("<p>  2021 年，\n   市公安局\n坚持   以人民为中心 </p><p>Email:\n a@b.cn</p>");
    expect(texts(doc)).toEqual(["2021 年，市公安局坚持 以人民为中心", "Email: a@b.cn"]);
  });

  it("locates blocks by element index in document order", () => {
    const html = "<html><head><title>t</title></head><body><div><p>甲</p><p>乙<br>丙</p></div></body></html>";
    const doc = parseHtml(html);
    // html 0, head 1, title 2, body 3, div 4, p 5, p 6, br 7
    expect(doc.blocks.map((b) => b.at)).toEqual([
      { kind: "html", element: 5 },
      { kind: "html", element: 6 },
      { kind: "html", element: 6 },
    ]);
  });

  it("reads a layout table as the blocks in its cells, and the data table in it as a table", () => {
    const doc = parseHtml(`<body><table width="100%"><tr><td>
      <p>三、收到和处理政府信息公开申请情况</p>
      <table border="1"><tr><th>项目</th><th>数量</th></tr><tr><td>规章</td><td>1</td></tr></table>
      <p>说明文字。</p></td></tr></table></body>`);
    expect(doc.blocks.map((b) => b.kind)).toEqual(["paragraph", "table", "paragraph"]);
    expect(tables(doc)[0].rows.map((r) => r.map((c) => c.text))).toEqual([["项目", "数量"], ["规章", "1"]]);
    expect(tables(doc)[0].at).toMatchObject({ kind: "html", table: 0 });
  });

  it("keeps the lines of preformatted text, and skips hidden rows", () => {
    const doc = parseHtml('<pre>规章  0  0  1\n行政许可  12\n</pre><table><tr><td>甲</td></tr><tr style="display: none"><td>藏</td></tr><tr><td>乙</td></tr></table>');
    expect(texts(doc)).toEqual(["规章 0 0 1", "行政许可 12"]);
    expect(gridText(tables(doc)[0].rows)).toEqual([["甲"], [], ["乙"]]);
  });

  it("emits a table's caption as a paragraph before it", () => {
    const doc = parseHtml("<table><caption>表三</caption><tr><td>a</td></tr></table>");
    expect(doc.blocks.map((b) => b.kind)).toEqual(["paragraph", "table"]);
    expect(texts(doc)).toEqual(["表三"]);
  });
});

describe("parseHtml: tables with merged cells", () => {
  it("expands rowspan and colspan per GridCell's contract", () => {
    const doc = parseHtml(`<table>
      <tr><td rowspan="2" colspan="2">角</td><td colspan="2">甲</td></tr>
      <tr><td>乙</td><td>丙</td></tr>
      <tr><td>一</td><td rowspan="3">二</td><td>三</td><td>四</td></tr>
      <tr><td>五</td><td>六</td></tr></table>`);
    const [table] = tables(doc);
    expect(gridText(table.rows)).toEqual([
      ["角", "^0,0", "甲", "^0,2"],
      ["^0,0", "^0,0", "乙", "丙"],
      ["一", "二", "三", "四"],
      ["五", "^2,1", "六"],
    ]);
    expect(table.rows[0][0]).toEqual({ text: "角", rowSpan: 2, colSpan: 2, at: { kind: "html", element: expect.any(Number), table: 0, row: 0, cell: 0 } });
    // A covered position carries its origin's location; rowspan="3" is clipped to the table.
    expect(table.rows[1][1].at).toEqual(table.rows[0][0].at);
    expect(table.rows[2][1]).toMatchObject({ rowSpan: 2 });
    expect(table.rows[3][2].at).toMatchObject({ row: 3, cell: 1 });
  });

  it("clips spans to their row group, honours rowspan=0, and fills holes", () => {
    const doc = parseHtml(`<table><thead><tr><th rowspan="5">头</th><th>a</th></tr></thead>
      <tbody><tr><td rowspan="0">全</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></tbody>
      <tbody><tr><td>x</td><td rowspan="2">y</td></tr><tr><td colspan="3">z</td></tr></tbody></table>`);
    expect(gridText(tables(doc)[0].rows)).toEqual([
      ["头", "a"],
      ["全", "1"],
      ["^1,0", "2"],
      ["^1,0", "3"],
      ["x", "y"],
      ["z", "^4,1", "^5,0"],
    ]);
  });

  it("reads table 3 in the official layout as published (Word markup pasted into a TRS editor)", () => {
    const doc = parseHtml(fixture("table3-official.html"));
    const [table] = tables(doc);
    expect(table.rows).toHaveLength(28);
    expect(table.rows.every((r) => r.length === 10)).toBe(true);
    expect(table.rows[0][0]).toMatchObject({ text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowSpan: 3, colSpan: 3 });
    expect(table.rows[0][3]).toMatchObject({ text: "申请人情况", colSpan: 7 });
    expect(table.rows[1][3]).toMatchObject({ text: "自然人", rowSpan: 2 });
    expect(table.rows[2][3]).toMatchObject({ text: "", mergedFrom: { row: 1, col: 3 } });
    // 「三、本年度<br>办理结果」 and a label split over two paragraphs read as one label each.
    expect(table.rows[5][0]).toMatchObject({ text: "三、本年度办理结果", rowSpan: 22 });
    expect(table.rows[6][1].text).toBe("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    expect(table.rows[7][1]).toMatchObject({ text: "（三）不予公开", rowSpan: 8 });
    expect(table.rows[8][1]).toMatchObject({ mergedFrom: { row: 7, col: 1 } });
    expect(table.rows[8].slice(2).map((c) => c.text)).toEqual(["2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"]);

    const { report, problems, unplaced, deviations, provenance } = mapDocument(doc);
    expect(report).toMatchObject({ agency: "示例市教育局", year: 2022, format: "2021", date: "2023-01-16" });
    const requests = report.tables?.requests as Record<string, Record<string, number | null>>;
    const row = (...v: (number | null)[]) => Object.fromEntries(["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"].map((c, i) => [c, v[i]]));
    const zero = row(0, 0, 0, 0, 0, 0, 0);
    const expected: Record<string, Record<string, number | null>> = {
      received: row(12, 1, 0, 0, 2, 0, 15),
      carried_over: row(1, 0, 0, 0, 0, 0, 1),
      granted: row(5, 1, 0, 0, 1, 0, 7),
      partly_granted: row(2, 0, 0, 0, 0, 0, 2),
      withheld_third_party: row(1, 0, 0, 0, 0, 0, 1),
      withheld_process_info: row(1, 0, 0, 0, 0, 0, 1),
      withheld_enforcement_file: row(null, null, null, null, null, null, null),
      unable_not_held: row(2, 0, 0, 0, 1, 0, 3),
      not_processed_repeat: row(1, 0, 0, 0, 0, 0, 1),
      total_processed: row(12, 1, 0, 0, 2, 0, 15),
      carried_forward: row(1, 0, 0, 0, 0, 0, 1),
    };
    for (const id of Object.keys(requests)) expect(requests[id], id).toEqual(expected[id] ?? zero);
    expect(Object.keys(requests)).toHaveLength(25);
    expect(provenance["requests.granted.legal_services"]).toMatchObject({ kind: "html", table: 0, row: 5, cell: 6 });
    expect(deviations).toEqual([]);
    expect(unplaced.map((u) => u.reason)).toEqual(["signature"]);
    expect(problems.map((p) => p.code)).toEqual(["table.missing", "table.missing"]);
  });

  it("reads tables flattened into paragraphs (one row per line, one cell per line)", () => {
    const doc = parseHtml(fixture("flattened-tables.html"));
    expect(tables(doc)).toEqual([]);
    const { report, problems, unplaced } = mapDocument(doc);
    expect(report).toMatchObject({ agency: "示例区卫生健康局", year: 2022, format: "2021" });
    expect(report.tables?.proactive).toEqual({
      regulations: { issued: 0, repealed: 0, in_force: 0 },
      normative_documents: { issued: 2, repealed: 1, in_force: 15 },
      licensing: { decisions: 1234 },
      penalties: { decisions: 56 },
      enforcement: { decisions: 7 },
      fees: { amount: 12.5 },
    });
    const requests = report.tables?.requests as Record<string, Record<string, number | null>>;
    expect(requests.received).toEqual({ natural_person: 9, commercial: 1, research: 0, public_interest: 0, legal_services: 0, other_org: 0, total: 10 });
    expect(requests.unable_not_held.natural_person).toBe(3);
    expect(requests.other_misc.natural_person).toBe(1);
    expect(requests.total_processed.total).toBe(9);
    expect(requests.carried_forward.total).toBe(1);
    expect(report.tables?.reviews).toEqual({
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
      litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
      litigation_after_reconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    });
    expect(problems).toEqual([]);
    expect(unplaced).toEqual([]);
  });

  it("bounds a hostile table's grid", () => {
    const rows = Array.from({ length: 400 }, () => '<tr><td colspan="1000" rowspan="65534">x</td></tr>').join("");
    const started = performance.now();
    const [table] = tables(parseHtml(`<table><tr><td colspan="99999">a</td></tr>${rows}</table>`));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(table.rows[0][0].colSpan).toBe(1000);
    expect(table.rows.reduce((n, r) => n + r.length, 0)).toBeLessThanOrEqual(MAX_GRID_CELLS + 401);
  });
});

describe("parseHtml never throws and never hangs", () => {
  const TOKENS = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=2>", '<td rowspan="3">', "<td rowspan=0 colspan=1000>", '<td colspan="-1">', "<thead>", "<tbody>", "<caption>",
    "<p>", "</p>", "<br>", "<div class=TRS_Editor>", '<div id="zoom">', "</div>", "<h2>", "</h2>", "<h1>", "<script>", "</script>", "<style>", "<!--", "-->",
    "<", ">", "&", "&nbsp;", "&#x1F600;", "&#0;", "<![CDATA[", "]]>", "<svg>", "<math>", "<template>", "<select><option>", "<o:p>", "<font>", "<b>", "<i>", "</b>",
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "（一）予以公开", "规章", "0", "12", " ", "\n", "\u0000", "\ud800", "报告", "年",
  ];
  const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 400 }).map((t) => t.join(""));

  const timed = (run: () => unknown) => {
    const started = performance.now();
    run();
    return performance.now() - started;
  };

  it("on tag soup", () => {
    fc.assert(
      fc.property(soup, (html) => {
        let doc: ImportDocument | undefined;
        expect(timed(() => (doc = parseHtml(html)))).toBeLessThan(1000);
        expect(doc!.source).toBe("html");
        expect(() => mapDocument(doc!)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: "grapheme" }), (html) => {
        expect(parseHtml(html).source).toBe("html");
      }),
      { numRuns: 300 },
    );
  });

  const page = new TextEncoder().encode(renderHtmlDocument(buildDocument(loadSeed("002_d477ee84c8f7efa5"))));

  it("on truncated and corrupted bytes of a real page", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: page.length }),
        fc.array(fc.tuple(fc.nat({ max: page.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        (cut, flips) => {
          const bytes = page.slice(0, cut);
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          expect(timed(() => mapDocument(parseHtmlFile(bytes).document))).toBeLessThan(2000);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("on deep nesting", () => {
    // Beyond MAX_NESTING the page is read as lines of text: parse5 is quadratic in the depth.
    for (const open of ["<div>", "<table><tr><td>", "<b><i>", "<p><span>", "<ul><li>", "<font>"]) {
      const html = `${open.repeat(20_000)}深处的文字`;
      let doc: ImportDocument | undefined;
      expect(timed(() => (doc = parseHtml(html))), open).toBeLessThan(3000);
      expect(texts(doc!).join("")).toContain("深处的文字");
    }
  });
});
