import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import fc from "fast-check";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import { renderDocx } from "../../render/docx/render-docx";
import { loadSeed } from "../../test-support/seeds";
import type { Block, GridCell, ImportDocument } from "../intermediate";
import { mapDocument } from "../map/map-document";
import { convertDocToDocx, findSoffice, parseWordFile, SOFFICE_MISSING_MESSAGE } from "./convert-doc";
import { ImportInputError } from "./input-error";
import { isLegacyDoc, MAX_DOCX_BYTES, parseDocx } from "./parse-docx";
import { chineseNumber } from "./styles";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const NS = `${W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`;

/** A minimal DOCX package around a body (and optional styles and numbering parts). */
async function makeDocx(body: string, parts: { styles?: string; numbering?: string } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  zip.file("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const rels = [
    parts.styles && '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    parts.numbering && '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>',
  ].filter(Boolean);
  zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`);
  if (parts.styles) zip.file("word/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${parts.styles}</w:styles>`);
  if (parts.numbering) zip.file("word/numbering.xml", `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${parts.numbering}</w:numbering>`);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const p = (text: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (text: string, tcPr = "") => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${p(text)}</w:tc>`;
const blocksOf = (doc: ImportDocument) => doc.blocks.map((b) => (b.kind === "table" ? ["table", b.rows.length] : [b.kind, b.text, ...(b.kind === "heading" ? [b.level] : [])]));
const tables = (doc: ImportDocument) => doc.blocks.filter((b): b is Extract<Block, { kind: "table" }> => b.kind === "table");
const gridText = (rows: GridCell[][]) => rows.map((r) => r.map((c) => (c.mergedFrom ? `^${c.mergedFrom.row},${c.mergedFrom.col}` : c.text)));

describe("parseDocx: paragraphs", () => {
  it("reads heading styles, breaks, revisions, fields, hidden text, content controls and text boxes", async () => {
    const styles = `
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/></w:style>
      <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="我的标题"/><w:basedOn w:val="Base"/></w:style>
      <w:style w:type="paragraph" w:styleId="Base"><w:name w:val="基础"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
      <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="正文文本"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>`;
    const textBox = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>${p("文本框里的字")}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${p("文本框里的字")}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
    const doc = await parseDocx(
      await makeDocx(
        [
          p("某某局2023年政府信息公开工作年度报告", '<w:pStyle w:val="Title"/>'),
          p("一、总体情况", '<w:pStyle w:val="Heading1"/>'),
          p("（一）主动公开", '<w:pStyle w:val="a3"/>'),
          p("继承的标题", '<w:pStyle w:val="MyHeading"/>'),
          p("段落大纲级别", '<w:outlineLvl w:val="1"/>'),
          p("正文", '<w:pStyle w:val="Body"/>'),
          `<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r><w:r><w:cr/><w:t xml:space="preserve">  第三行　</w:t></w:r></w:p>`,
          `<w:p><w:r><w:t>规章</w:t><w:tab/><w:t>0</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的</w:t></w:r></w:ins></w:p>`,
          `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>域结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr="DATE"><w:r><w:t>简单域</w:t></w:r></w:fldSimple></w:p>`,
          `<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r><w:hyperlink w:anchor="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag><w:r><w:noBreakHyphen/><w:sym w:font="Wingdings" w:char="F0FC"/><w:t>尾</w:t></w:r></w:p>`,
          `<w:sdt><w:sdtPr/><w:sdtContent>${p("内容控件")}</w:sdtContent></w:sdt>`,
          `<w:p><w:r><w:t>锚定段落</w:t></w:r>${textBox}<w:r><w:drawing><a:graphic><a:graphicData><a:p><a:r><a:t>图表标签</a:t></a:r></a:p></a:graphicData></a:graphic></w:drawing></w:r></w:p>`,
          `<w:p/>`,
          p("　　"),
          p("最后一段"),
        ].join(""),
        { styles },
      ),
    );
    expect(blocksOf(doc)).toEqual([
      ["heading", "某某局2023年政府信息公开工作年度报告", 1],
      ["heading", "一、总体情况", 1],
      ["heading", "（一）主动公开", 2],
      ["heading", "继承的标题", 3],
      ["heading", "段落大纲级别", 2],
      ["paragraph", "正文"],
      ["paragraph", "第一行"],
      ["paragraph", "第二行"],
      ["paragraph", "第三行"],
      ["paragraph", "规章 0插入的"],
      ["paragraph", "域结果简单域"],
      ["paragraph", "显示链接标记-尾"],
      ["paragraph", "内容控件"],
      ["paragraph", "锚定段落"],
      ["paragraph", "文本框里的字"],
      ["paragraph", "最后一段"],
    ]);
    // Paragraph indices count every w:p in document order (the text box's after its anchor).
    const at = (text: string) => doc.blocks.find((b) => b.kind !== "table" && b.text === text)!.at;
    expect(at("一、总体情况")).toEqual({ kind: "docx", paragraph: 1 });
    expect(at("第二行")).toEqual({ kind: "docx", paragraph: 6 });
    expect(at("锚定段落")).toEqual({ kind: "docx", paragraph: 11 });
    expect(at("文本框里的字")).toEqual({ kind: "docx", paragraph: 12 });
    expect(at("最后一段")).toEqual({ kind: "docx", paragraph: 15 });
  });

  it("prints Word's automatic numbers (「一、」「（一）」「1.」) before the text", async () => {
    const numbering = `
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`;
    const styles = `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>`;
    const num = (ilvl: number, id = 1) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${id}"/></w:numPr>`;
    const doc = await parseDocx(
      await makeDocx(
        [
          p("总体情况", '<w:pStyle w:val="Heading1"/>'),
          p("主动公开", num(1)),
          p("依申请公开", num(1)),
          p("属于国家秘密", num(2)),
          p("主动公开政府信息情况", num(0)),
          p("规章", num(1)),
          p("要点", num(0, 2)),
          p("不编号", num(0, 0)),
        ].join(""),
        { numbering, styles },
      ),
    );
    expect(doc.blocks.map((b) => (b.kind === "table" ? "" : b.text))).toEqual(["一、总体情况", "（一）主动公开", "（二）依申请公开", "1.属于国家秘密", "二、主动公开政府信息情况", "（一）规章", "要点", "不编号"]);
    expect(chineseNumber(10)).toBe("十");
    expect(chineseNumber(12)).toBe("十二");
    expect(chineseNumber(21)).toBe("二十一");
  });
});

describe("parseDocx: tables", () => {
  it("expands w:gridSpan and w:vMerge per GridCell's contract", async () => {
    const doc = await parseDocx(
      await makeDocx(
        `<w:tbl><w:tblPr/><w:tblGrid/>
          <w:tr>${tc("角", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')}${tc("甲", '<w:gridSpan w:val="2"/>')}</w:tr>
          <w:tr>${tc("", '<w:gridSpan w:val="2"/><w:vMerge/>')}${tc("乙")}${tc("丙")}</w:tr>
          <w:tr>${tc("一")}${tc("二", '<w:vMerge w:val="restart"/>')}${tc("三")}${tc("四")}</w:tr>
          <w:tr>${tc("五")}${tc("续", '<w:vMerge w:val="continue"/>')}${tc("六")}${tc("七")}</w:tr>
          <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc("八")}${tc("九", '<w:gridSpan w:val="2"/>')}</w:tr>
          <w:tr>${tc("旧", '<w:hMerge w:val="restart"/>')}${tc("", "<w:hMerge/>")}${tc("x")}${tc("y")}</w:tr>
        </w:tbl>`,
      ),
    );
    const [table] = tables(doc);
    expect(gridText(table.rows)).toEqual([
      ["角", "^0,0", "甲", "^0,2"],
      ["^0,0", "^0,0", "乙", "丙"],
      ["一", "二续", "三", "四"],
      ["五", "^2,1", "六", "七"],
      ["", "八", "九", "^4,2"],
      ["旧", "^5,0", "x", "y"],
    ]);
    expect(table.rows[0][0]).toEqual({ text: "角", rowSpan: 2, colSpan: 2, at: { kind: "docx", table: 0, row: 0, cell: 0, paragraph: 0 } });
    expect(table.rows[1][1].at).toEqual(table.rows[0][0].at);
    expect(table.rows[2][1]).toMatchObject({ rowSpan: 2, at: { row: 2, cell: 1 } });
    expect(table.rows[4][0]).toEqual({ text: "", at: { kind: "docx", table: 0, row: 4 } });
  });

  it("flattens nested tables: a layout table's cells are read as blocks", async () => {
    const inner = `<w:tbl><w:tr>${tc("项目")}${tc("数量")}</w:tr><w:tr>${tc("规章")}${tc("1")}</w:tr></w:tbl>`;
    const doc = await parseDocx(await makeDocx(`${p("前")}<w:tbl><w:tr><w:tc>${p("三、收到和处理政府信息公开申请情况")}${inner}${p("说明。")}</w:tc></w:tr></w:tbl>${p("后")}`));
    expect(blocksOf(doc)).toEqual([["paragraph", "前"], ["paragraph", "三、收到和处理政府信息公开申请情况"], ["table", 2], ["paragraph", "说明。"], ["paragraph", "后"]]);
    expect(gridText(tables(doc)[0].rows)).toEqual([["项目", "数量"], ["规章", "1"]]);
  });

  it("reads the merged cells of our renderer's DOCX", async () => {
    const bytes = await renderDocx(buildDocument(loadSeed("002_d477ee84c8f7efa5")));
    const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    expect(xml).toContain("<w:gridSpan");
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
    const doc = await parseDocx(bytes);
    const [proactive, requests, reviews] = tables(doc);
    // Table 2 (2019): each 第二十条 heading spans the 4 columns.
    expect(proactive.rows[0][0]).toMatchObject({ text: "第二十条第（一）项", colSpan: 4 });
    expect(proactive.rows[0].slice(1).every((c) => c.mergedFrom?.col === 0)).toBe(true);
    // Table 3 (2019): corner 3×3, 三、本年度办理结果 over the 20 result rows, （三）不予公开 over 8.
    expect(requests.rows[0][0]).toMatchObject({ rowSpan: 3, colSpan: 3 });
    expect(requests.rows[5][0]).toMatchObject({ text: "三、本年度办理结果", rowSpan: 20 });
    expect(requests.rows[7][1]).toMatchObject({ text: "（三）不予公开", rowSpan: 8 });
    expect(requests.rows[14][1]).toEqual(expect.objectContaining({ text: "", mergedFrom: { row: 7, col: 1 } }));
    // Table 4: 行政复议 over 5 columns; its outcome headers span two header rows.
    expect(reviews.rows[0][0]).toMatchObject({ text: "行政复议", colSpan: 5 });
    expect(reviews.rows[1][0]).toMatchObject({ text: "结果维持", rowSpan: 2 });
    expect(reviews.rows[2][0]).toMatchObject({ mergedFrom: { row: 1, col: 0 } });
    expect(requests.rows.every((r) => r.length === requests.rows[0].length)).toBe(true);
  });
});

describe("parseDocx: files it cannot read", () => {
  const rejection = async (bytes: Uint8Array) => {
    try {
      await parseDocx(bytes);
    } catch (error) {
      return error;
    }
    throw new Error("parseDocx resolved");
  };

  it("rejects a corrupt or truncated zip with a clear Chinese message", async () => {
    const good = await makeDocx(p("正文"));
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode("这不是 Word 文档"), good.slice(0, good.length - 30), good.slice(0, 100)]) {
      const error = await rejection(bytes);
      expect(error).toBeInstanceOf(ImportInputError);
      expect(error).toMatchObject({ code: "docx.corrupt", message: expect.stringMatching(/^无法读取该 DOCX 文件：文件已损坏/) });
    }
  });

  it("rejects a zip without a Word document", async () => {
    const zip = new JSZip();
    zip.file("hello.txt", "你好");
    const error = await rejection(await zip.generateAsync({ type: "uint8array" }));
    expect(error).toMatchObject({ code: "docx.no-document", message: expect.stringContaining("word/document.xml") });
  });

  it("recognises a legacy .doc and says it needs converting", async () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(isLegacyDoc(doc)).toBe(true);
    expect(await rejection(doc)).toMatchObject({ code: "docx.legacy-doc", message: expect.stringContaining("旧版 Word 文档（.doc）") });
  });

  it("refuses a file over the size limit", async () => {
    expect(await rejection(new Uint8Array(MAX_DOCX_BYTES + 1))).toMatchObject({ code: "input.too-large", message: expect.stringContaining("DOCX 文件过大") });
  });

  it("refuses hostile nesting instead of parsing it for minutes", async () => {
    const started = performance.now();
    const error = await rejection(await makeDocx(`${"<w:sdt><w:sdtContent>".repeat(30_000)}${p("深")}`));
    expect(error).toMatchObject({ code: "docx.corrupt", message: expect.stringContaining("嵌套过深") });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  /** Resolves, or rejects with an ImportInputError, within the time limit; anything else fails. */
  async function settles(bytes: Uint8Array, limitMs = 5000): Promise<"parsed" | string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`parseDocx took over ${limitMs} ms`)), limitMs)));
    try {
      const doc = await Promise.race([parseDocx(bytes), timeout]);
      mapDocument(doc);
      return "parsed";
    } catch (error) {
      if (error instanceof ImportInputError) return error.code;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  let seedDocx: Uint8Array;
  beforeAll(async () => {
    seedDocx = new Uint8Array(await renderDocx(buildDocument(loadSeed("004_f8f28e4c849350e4"))));
  });

  it("never crashes or hangs on truncated and corrupted bytes of a real DOCX", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 20_000 }),
        fc.array(fc.tuple(fc.nat({ max: 20_000 }), fc.integer({ min: 0, max: 255 })), { maxLength: 30 }),
        async (cut, flips) => {
          const bytes = seedDocx.slice(0, Math.min(seedDocx.length, cut + 1));
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          expect(["parsed", "docx.corrupt", "docx.no-document", "input.too-large"]).toContain(await settles(bytes));
        },
      ),
      { numRuns: 80 },
    );
  });

  it("never crashes or hangs on malformed WordprocessingML inside a valid zip", async () => {
    const TOKENS = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>", '<w:gridSpan w:val="99999"/>', "<w:vMerge/>", '<w:vMerge w:val="restart"/>', "<w:tcPr>", "</w:tcPr>", '<w:pStyle w:val="Heading1"/>', "<w:pPr>", "</w:pPr>", "<w:br/>", "<w:txbxContent>", "</w:txbxContent>", "<mc:AlternateContent>", "<mc:Choice>", "<w:sdt>", "<w:sdtContent>", '<w:numPr><w:numId w:val="1"/><w:ilvl w:val="99"/></w:numPr>', '<w:gridBefore w:val="-5"/>', "一、总体情况", "规章", "0", "&amp;", "&bogus;", "<", ">", "<!--", "]]>", "<![CDATA[", "\u0000"];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }), async (tokens) => {
        expect(["parsed", "docx.no-document"]).toContain(await settles(await makeDocx(tokens.join(""))));
      }),
      { numRuns: 100 },
    );
  });
});

describe("legacy .doc through LibreOffice", () => {
  const soffice = findSoffice();

  it("says clearly that a .doc needs LibreOffice when it is missing", async () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(convertDocToDocx(doc, { soffice: null })).rejects.toMatchObject({ code: "doc.soffice-missing", message: SOFFICE_MISSING_MESSAGE });
    await expect(convertDocToDocx(doc, { soffice: "/nonexistent/soffice" })).rejects.toMatchObject({ code: "doc.soffice-missing" });
    expect(SOFFICE_MISSING_MESSAGE).toMatch(/^旧版 Word 文档（\.doc）需要 LibreOffice 才能导入/);
  });

  // The .doc fixture is made at test time: our own DOCX, saved as Word 97 by LibreOffice.
  it(
    soffice ? "converts a .doc made from our DOCX and imports the same report" : "without LibreOffice, a .doc import fails with the clear message",
    async () => {
      const seed = loadSeed("003_5f1914cbe288c934");
      const docx = await renderDocx(buildDocument(seed));
      if (!soffice) {
        await expect(parseWordFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).rejects.toMatchObject({ code: "doc.soffice-missing", message: SOFFICE_MISSING_MESSAGE });
        return;
      }
      const dir = await mkdtemp(join(tmpdir(), "gov-report-doc-test-"));
      try {
        await writeFile(join(dir, "report.docx"), docx);
        await promisify(execFile)(soffice, [`-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--headless", "--convert-to", "doc:MS Word 97", "--outdir", dir, join(dir, "report.docx")], { timeout: 120_000 });
        const doc = new Uint8Array(await readFile(join(dir, "report.doc")));
        expect(isLegacyDoc(doc)).toBe(true);
        const fromDoc = mapDocument(await parseWordFile(doc));
        const fromDocx = mapDocument(await parseDocx(docx));
        expect(fromDoc.report).toEqual(fromDocx.report);
        expect(fromDoc.report).toMatchObject({ agency: seed.input.agency, year: seed.input.year, preface: seed.input.preface });
        const requests = fromDoc.report.tables?.requests as Record<string, Record<string, unknown>> | undefined;
        expect(requests?.received?.natural_person).toBe(49);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );

  it.runIf(soffice)(
    "stops a conversion that exceeds the time limit",
    async () => {
      const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      await expect(convertDocToDocx(doc, { timeoutMs: 50 })).rejects.toMatchObject({ code: "doc.timeout", message: expect.stringContaining("超过 50 毫秒仍未完成") });
    },
    30_000,
  );
});
