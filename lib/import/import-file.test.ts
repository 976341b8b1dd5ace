import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../document/build-document";
import { renderDocx } from "../render/docx/render-docx";
import { renderHtmlDocument } from "../render/html/render-html";
import { loadSeed } from "../test-support/seeds";
import { SOFFICE_MISSING_MESSAGE } from "./docx/convert-doc";
import { garbageBytes, legacyDocHeader, pdfWithoutText, seedText } from "./fixtures/sample-files";
import { chooseImportKind, fileExtension, ImportFileError, importFile, sniffImportKind, type ImportFileInput } from "./import-file";

const SEED = "003_5f1914cbe288c934";
const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(input: ImportFileInput): Promise<ImportFileError> {
  const error = await importFile(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected an ImportFileError").toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe("importFile: one dispatcher for files and pasted text", () => {
  it("imports pasted text and a .txt file of the same report alike, with the parser's blocks", async () => {
    const pasted = await importFile({ text: seedText(SEED) });
    expect(pasted.kind).toBe("text");
    expect(pasted.outcome.report).toMatchObject({ agency: "海东市公安局", year: 2021, format: "2021" });
    expect(pasted.document.source).toBe("text");
    expect(pasted.document.blocks.length).toBeGreaterThan(20);

    const file = await importFile({ bytes: utf8(seedText(SEED)), filename: "年报.TXT" });
    expect(file).toMatchObject({ kind: "text", encoding: "utf-8" });
    expect(file.outcome.report).toEqual(pasted.outcome.report);
  });

  it("reads text in GB18030 and in UTF-16 without a BOM", async () => {
    const gb = await importFile({ bytes: new Uint8Array(iconv.encode(seedText(SEED), "gb18030")), filename: "report.txt" });
    expect(gb.encoding).toBe("gb18030");
    expect(gb.outcome.report.agency).toBe("海东市公安局");
    const utf16 = await importFile({ bytes: new Uint8Array(iconv.encode(seedText(SEED), "utf-16le")), filename: "report.txt" });
    expect(utf16.encoding).toBe("utf-16le");
    expect(utf16.outcome.report.year).toBe(2021);
  });

  it("chooses HTML, DOCX and PDF by extension, and by content when the name says otherwise", async () => {
    const document = buildDocument(loadSeed(SEED));
    const html = renderHtmlDocument(document);
    const asHtml = await importFile({ bytes: utf8(html), filename: "report.htm" });
    expect(asHtml.kind).toBe("html");
    expect(asHtml.document.source).toBe("html");
    expect(asHtml.outcome.report).toMatchObject({ agency: "海东市公安局", year: 2021 });
    // A page saved under a Word name (CMS exports do this) or a text name is read as HTML.
    expect(await importFile({ bytes: utf8(html), filename: "report.doc" })).toMatchObject({ kind: "html", declared: "doc" });
    expect(await importFile({ bytes: utf8(html), filename: "report.txt" })).toMatchObject({ kind: "html", declared: "text" });

    const docx = new Uint8Array(await renderDocx(document));
    const asDocx = await importFile({ bytes: docx, filename: "report.docx" });
    expect(asDocx.kind).toBe("docx");
    expect(asDocx.outcome.report).toMatchObject({ agency: "海东市公安局", year: 2021 });
    expect(await importFile({ bytes: docx, filename: "report.pdf" })).toMatchObject({ kind: "docx", declared: "pdf" });
    // Without an extension the content decides.
    expect(await importFile({ bytes: docx, filename: "report" })).toMatchObject({ kind: "docx" });
  });

  it("sniffs the kinds it reads from their first bytes", () => {
    expect(sniffImportKind(pdfWithoutText())).toBe("pdf");
    expect(sniffImportKind(legacyDocHeader())).toBe("doc");
    expect(sniffImportKind(utf8("\uFEFF  <!DOCTYPE html><html>"))).toBe("html");
    expect(sniffImportKind(utf8("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"))).toBe("html");
    expect(sniffImportKind(utf8("# 示例市公安局2021年政府信息公开工作年度报告"))).toBeUndefined();
    // A page under a PDF name stays a PDF, so the PDF parser says it is not one.
    expect(chooseImportKind("a.pdf", utf8("<html><body>404</body></html>"))).toEqual({ kind: "pdf" });
    expect(chooseImportKind("a.docx", legacyDocHeader())).toEqual({ kind: "doc", declared: "docx" });
    expect(fileExtension("C:\\上传\\年报.PDF")).toBe(".pdf");
    expect(fileExtension(".txt")).toBe("");
  });

  it("refuses what it cannot read with a stable code and a Chinese message", async () => {
    const scan = await refusal({ bytes: pdfWithoutText(), filename: "扫描件.pdf" });
    expect(scan).toMatchObject({ code: "pdf.no-text-layer", kind: "pdf" });
    expect(scan.message).toMatch(/没有文字层.*扫描件/);

    const corrupt = await refusal({ bytes: utf8("%PDF-1.4 truncated"), filename: "broken.pdf" });
    expect(corrupt.code).toBe("pdf.corrupt");
    expect(corrupt.message).toContain("不是有效的 PDF");
    expect((await refusal({ bytes: garbageBytes(), filename: "garbage.pdf" })).code).toBe("pdf.corrupt");

    const docx = await refusal({ bytes: utf8("not a zip"), filename: "broken.docx" });
    expect(docx.code).toBe("docx.corrupt");
    expect(docx.message).toMatch(/^无法读取该 DOCX 文件/);

    const doc = await refusal({ bytes: legacyDocHeader(), filename: "旧版.doc", soffice: null });
    expect(doc).toMatchObject({ code: "doc.soffice-missing", message: SOFFICE_MISSING_MESSAGE });

    const binary = await refusal({ bytes: garbageBytes(), filename: "garbage.txt" });
    expect(binary.code).toBe("text.binary");
    expect(binary.message).toContain("不是文本文件");

    const odt = await refusal({ bytes: utf8("PK"), filename: "notes.odt" });
    expect(odt).toMatchObject({ code: "source.unsupported" });
    expect(odt.message).toBe("不支持「.odt」文件。请上传 .txt、.html、.htm、.docx、.doc 或 .pdf 文件，或将报告内容复制为文本后粘贴导入。");
    expect((await refusal({ bytes: utf8("plain words"), filename: "README" })).message).toMatch(/没有扩展名/);
    expect((await refusal({ bytes: new Uint8Array(0), filename: "empty.txt" })).code).toBe("source.empty");
  });

  it("never throws for text: an unreadable text is an outcome with problems", async () => {
    const outcome = (await importFile({ text: "这不是一份年度报告。" })).outcome;
    expect(outcome.report.sections).toBeUndefined();
    expect(outcome.problems.map((p) => p.code)).toEqual(expect.arrayContaining(["agency.missing", "year.missing"]));
  });
});
