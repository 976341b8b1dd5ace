import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import { buildSampleReport } from "../../report/sample-report";
import { prepareReport } from "../../report/prepare-report";
import { extractDocxText } from "./extract-docx-text";
import { pruneStyles, xmlEscape } from "./docx-package";
import { renderDocx } from "./render-docx";

const style = (id: string, inner = "", attrs = "") => `<w:style w:type="paragraph"${attrs} w:styleId="${id}"><w:name w:val="${id}"/>${inner}</w:style>`;

describe("pruneStyles", () => {
  const xml =
    "<w:styles><w:docDefaults/>" +
    style("Normal", "", ' w:default="1"') +
    style("Base") +
    style("Body", '<w:basedOn w:val="Base"/>') +
    style("Linked") +
    style("WithLink", '<w:link w:val="Linked"/>') +
    style("TOC1") +
    "</w:styles>";

  it("keeps the styles asked for, what they are based on or linked to, and the defaults", () => {
    const pruned = pruneStyles(xml, ["Body", "WithLink"]);
    const ids = [...pruned.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["Normal", "Base", "Body", "Linked", "WithLink"]);
    expect(pruned).toContain("<w:docDefaults/>");
  });

  it("ignores a style asked for that is not defined", () => {
    expect([...pruneStyles(xml, ["Missing"]).matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1])).toEqual(["Normal"]);
  });
});

describe("xmlEscape", () => {
  it("escapes markup and drops the characters XML 1.0 forbids, keeping tab and newline", () => {
    expect(xmlEscape('a<b>&"c"\u0000\u0007\u000b\ufffe\td\ne')).toBe("a&lt;b&gt;&amp;&quot;c&quot;\td\ne");
  });
});

describe("renderDocx: text the XML must escape", () => {
  it("keeps markup characters as text and drops control characters, in the body and the properties", async () => {
    const input = buildSampleReport({ year: 2023 });
    const prepared = prepareReport(input);
    if (!prepared.ok) throw new Error("sample report does not prepare");
    const doc = buildDocument(prepared.report);
    const hostile = 'A&B <w:t>"x"</w:t> \u0001]]>';
    const first = doc.blocks.findIndex((b) => b.type === "paragraph" && b.role === "body");
    const block = doc.blocks[first];
    if (block.type !== "paragraph") throw new Error("no body paragraph");
    const edited = {
      ...doc,
      title: `${doc.title}${hostile}`,
      meta: { ...doc.meta, agency: `${doc.meta.agency}${hostile}` },
      blocks: doc.blocks.map((b, i) => (i === first ? { ...block, inlines: [{ ...block.inlines[0], text: hostile }] } : b)),
    };
    const buffer = await renderDocx(edited);
    const zip = await JSZip.loadAsync(buffer);
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain(`<dc:creator>${doc.meta.agency}A&amp;B &lt;w:t&gt;&quot;x&quot;&lt;/w:t&gt; ]]&gt;</dc:creator>`);
    expect(await extractDocxText(buffer)).toContain('A&B <w:t>"x"</w:t> ]]>');
    const document = await zip.file("word/document.xml")!.async("string");
    expect(document).not.toContain("\u0001");
  });
});
