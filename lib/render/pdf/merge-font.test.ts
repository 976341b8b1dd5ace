import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { kaiFontPath } from "./kai-font";
import { mergeSubsets, type SourceFont } from "./merge-font";

const require = createRequire(import.meta.url);
/** What the tests read of a fontkit font besides what merging reads. */
interface OpenedFont extends Omit<SourceFont, "glyphForCodePoint"> {
  postscriptName: string;
  familyName: string;
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; path: { toSVG(): string } };
}
const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as { create(buffer: Buffer): OpenedFont };
const dir = join(dirname(require.resolve("lxgw-wenkai-webfont/package.json")), "files");

describe("mergeSubsets", () => {
  // Four subsets: common Hanzi, punctuation, Latin.
  const files = readdirSync(dir).filter((f) => /^lxgwwenkai-regular-subset-(4|50|118|119)\.woff2$/.test(f));
  const subsets = files.map((f) => fontkit.create(readFileSync(join(dir, f))));
  const merged = fontkit.create(mergeSubsets(subsets as unknown as SourceFont[], { family: "LXGW WenKai", subfamily: "Regular", postscript: "LXGWWenKai-Regular" }));

  it("holds every character of every subset with the subset's outline and advance", () => {
    expect(files).toHaveLength(4);
    // Every character a subset has a glyph for (a cmap may also list U+FFFF, mapped to none).
    const characters = new Set(subsets.flatMap((s) => s.characterSet.filter((cp) => s.glyphForCodePoint(cp).id !== 0)));
    expect(new Set(merged.characterSet)).toEqual(characters);
    let compared = 0;
    for (const subset of subsets) {
      for (const cp of subset.characterSet.filter((c) => characters.has(c))) {
        const source = subset.glyphForCodePoint(cp);
        const glyph = merged.glyphForCodePoint(cp);
        expect(glyph.advanceWidth, String.fromCodePoint(cp)).toBe(source.advanceWidth);
        expect(glyph.path.toSVG(), String.fromCodePoint(cp)).toBe(source.path.toSVG());
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it("is named as given and keeps the typeface's metrics and copyright", () => {
    expect(merged.postscriptName).toBe("LXGWWenKai-Regular");
    expect(merged.familyName).toBe("LXGW WenKai");
    expect(merged.unitsPerEm).toBe(subsets[0].unitsPerEm);
    expect(merged.hhea.ascent).toBe(subsets[0].hhea.ascent);
    expect(merged.name.records.copyright?.en).toContain("LXGW");
    expect(merged["OS/2"].typoAscender).toBe(subsets[0]["OS/2"].typoAscender);
  });

  it("refuses subsets of different units per em, and no subsets", () => {
    const first = subsets[0] as unknown as SourceFont;
    const other = { ...first, unitsPerEm: 2048 } as SourceFont;
    expect(() => mergeSubsets([first, other], { family: "x", subfamily: "y", postscript: "z" })).toThrow(/units per em/);
    expect(() => mergeSubsets([], { family: "x", subfamily: "y", postscript: "z" })).toThrow(/no subsets/);
  });
});

describe("the installed 楷体 font", () => {
  it("is merged from all of the package's regular subsets", () => {
    const font = fontkit.create(readFileSync(kaiFontPath()));
    expect(font.postscriptName).toBe("LXGWWenKai-Regular");
    // GB2312's 6,763 Hanzi and more.
    expect(font.characterSet.length).toBeGreaterThan(13_000);
    for (const ch of "政府信息公开工作年度报告存在的主要问题及改进情况镕") expect(font.characterSet).toContain(ch.codePointAt(0));
  });
});
