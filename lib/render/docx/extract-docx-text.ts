import JSZip from "jszip";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name] ?? whole;
  });
}

/*
 * Tokens of word/document.xml that matter for text: paragraph starts and ends (`<w:p>` but not
 * `<w:pPr>`), self-closed empty paragraphs, text runs and non-breaking hyphens.
 */
const TOKENS = /<w:p(?=[\s>/])[^>]*?(\/?)>|<\/w:p>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g;

/**
 * The text of a DOCX's main document: every `w:t` in document order, one line per paragraph
 * (table cells are paragraphs too, so a table reads row by row, cell by cell); a non-breaking
 * hyphen reads as "-" and zero-width spaces (break opportunities) are dropped. For tests and checks.
 */
export async function extractDocxText(buffer: Buffer | Uint8Array | ArrayBuffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const entry = zip.file("word/document.xml");
  if (!entry) throw new Error("extractDocxText: word/document.xml is missing");
  const xml = await entry.async("string");
  const lines: string[] = [];
  let line = "";
  for (const match of xml.matchAll(TOKENS)) {
    const [token, selfClosed, text] = match;
    if (text !== undefined) line += unescapeXml(text).replaceAll("\u200b", "");
    else if (token === "<w:noBreakHyphen/>") line += "-";
    else if (token === "</w:p>") {
      lines.push(line);
      line = "";
    } else if (selfClosed) lines.push("");
    else line = "";
  }
  return lines.join("\n");
}
