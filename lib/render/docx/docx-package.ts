import { Packer, type Document } from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

/*
 * The DOCX package around a report's body.
 *
 * Everything but the body — styles, settings, font table, theme, footers, the draft header, the
 * section properties and the relationships between the parts — is the same for every report.
 * docx writes those parts once per process (`packageTemplate`); each render then writes only the
 * body's XML and the core properties and zips the package (`packDocx`). Compiling the whole
 * document through docx took about 12 ms of a 20 ms render, most of it for the body's few
 * thousand elements; the body's XML is plain string building (render-docx.ts).
 *
 * The package leaves out what docx adds that a report does not use: every style no paragraph
 * names (docx's tables of contents, footnotes, list paragraphs…, and ours a report has no
 * paragraph in, such as the date line), and the empty footnotes, endnotes, numbering and
 * custom-properties parts.
 */

/** Stand-ins for the report's title and agency in the template's core properties. */
const TITLE_TOKEN = "@@gov-report-title@@";
const AUTHOR_TOKEN = "@@gov-report-author@@";

/** Parts docx always writes that a report does not use, with the relationship files of their own. */
const UNUSED_PARTS = ["word/footnotes.xml", "word/endnotes.xml", "word/numbering.xml", "docProps/custom.xml"];

export interface PackageTemplate {
  /** The package's parts in docx's order, with `word/document.xml` and `docProps/core.xml` still to fill. */
  files: Map<string, Uint8Array>;
  /** word/document.xml up to and including `<w:body>`. */
  documentHead: string;
  /** word/document.xml from the section properties on. */
  documentTail: string;
  /** docProps/core.xml with the title and author tokens. */
  core: string;
  /** word/styles.xml with every style docx wrote, to prune to the ones a report uses. */
  styles: string;
  /** Styles the parts other than the body use (the footers' and headers'). */
  partStyles: string[];
}

/** XML character data and attribute values: markup escaped, the characters XML 1.0 forbids dropped (as docx does). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "",
  );
}

/** The part a relationship's target names, from the folder of the part that holds the relationship. */
function relationshipPart(relsPath: string, target: string): string {
  const folder = relsPath.replace(/_rels\/[^/]*$/, "");
  return `${folder}${target}`.replace(/^\//, "");
}

/** Removes a part, its own relationships, its content type and every relationship that points at it. */
function dropPart(parts: Map<string, string>, path: string): void {
  parts.delete(path);
  parts.delete(path.replace(/([^/]+)$/, "_rels/$1.rels"));
  const types = parts.get("[Content_Types].xml");
  if (types) parts.set("[Content_Types].xml", types.replace(new RegExp(`<Override [^>]*PartName="/${escapeRegExp(path)}"[^>]*/>`), ""));
  for (const [relsPath, xml] of parts) {
    if (!relsPath.endsWith(".rels")) continue;
    parts.set(
      relsPath,
      xml.replace(/<Relationship [^>]*\/>/g, (rel) => {
        const target = /Target="([^"]*)"/.exec(rel)?.[1];
        return target !== undefined && relationshipPart(relsPath, target) === path ? "" : rel;
      }),
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The paragraph styles an XML part names. */
export function stylesNamed(xml: string): string[] {
  return [...xml.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((m) => m[1]);
}

/**
 * styles.xml with only the styles in `keep`, those they are based on or linked to, and the
 * defaults (w:default: the paragraph and table styles of everything that names none).
 */
export function pruneStyles(xml: string, keep: Iterable<string>): string {
  const styles = new Map<string, string>();
  for (const match of xml.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g)) styles.set(match[1], match[0]);
  const kept = new Set<string>();
  const visit = (id: string) => {
    if (kept.has(id) || !styles.has(id)) return;
    kept.add(id);
    for (const ref of styles.get(id)!.matchAll(/<w:(?:basedOn|link|next) w:val="([^"]+)"\/>/g)) visit(ref[1]);
  };
  for (const id of keep) visit(id);
  for (const [id, style] of styles) if (/^<w:style\b[^>]*\bw:default="(?:1|true)"/.test(style)) visit(id);
  return xml.replace(/<w:style\b[^>]*\bw:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g, (style, id: string) => (kept.has(id) ? style : ""));
}

/**
 * The template of a package from a document docx builds with no body and the title and author
 * tokens (see `templateTokens`); `overrides` replace parts docx writes.
 */
export async function packageTemplate(document: Document, overrides: { path: string; data: string }[] = []): Promise<PackageTemplate> {
  const zipped = unzipSync(new Uint8Array(await Packer.toBuffer(document, false, overrides)));
  const parts = new Map(Object.entries(zipped).map(([path, data]) => [path, strFromU8(data)]));
  for (const path of UNUSED_PARTS) dropPart(parts, path);

  const xml = parts.get("word/document.xml")!;
  const bodyStart = xml.indexOf("<w:body>") + "<w:body>".length;
  const sectionStart = xml.indexOf("<w:sectPr", bodyStart);
  if (bodyStart < "<w:body>".length || sectionStart < 0) throw new Error("docx-package: the template document has no body or section");
  const core = parts.get("docProps/core.xml")!;
  if (!core.includes(TITLE_TOKEN) || !core.includes(AUTHOR_TOKEN)) throw new Error("docx-package: the template's core properties lack the tokens");
  const partStyles = [...parts].flatMap(([path, text]) => (path === "word/document.xml" ? [] : stylesNamed(text)));
  return {
    files: new Map([...parts].map(([path, text]) => [path, strToU8(text)])),
    styles: parts.get("word/styles.xml")!,
    partStyles,
    documentHead: xml.slice(0, bodyStart),
    documentTail: xml.slice(sectionStart),
    core,
  };
}

/** The title and author to build a template document with. */
export const templateTokens = { title: TITLE_TOKEN, author: AUTHOR_TOKEN } as const;

export interface PackProperties {
  title: string;
  author: string;
  /** When the document was made (core properties' created and modified). */
  date: Date;
}

/** The DOCX file: the template with `bodyXml` (the children of `<w:body>` before the section) and the properties. */
export function packDocx(template: PackageTemplate, bodyXml: string, properties: PackProperties): Buffer {
  const stamp = properties.date.toISOString();
  const core = template.core
    .replaceAll(TITLE_TOKEN, xmlEscape(properties.title))
    .replaceAll(AUTHOR_TOKEN, xmlEscape(properties.author))
    .replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of template.files) files[path] = data;
  files["word/document.xml"] = strToU8(template.documentHead + bodyXml + template.documentTail);
  files["docProps/core.xml"] = strToU8(core);
  files["word/styles.xml"] = strToU8(pruneStyles(template.styles, [...stylesNamed(bodyXml), ...template.partStyles]));
  const zip = zipSync(files);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
