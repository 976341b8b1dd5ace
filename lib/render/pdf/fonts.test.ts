import { describe, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import { buildSampleReport } from "../../report/sample-report";
import { prepareReport } from "../../report/prepare-report";
import { SEED_NAMES, loadSeed } from "../../test-support/seeds";
import { PLAIN_TEXT, ROLE_FONTS, shapedLayout, sharedLayout, type FontRole } from "./fonts";
import type { ReportDocument } from "../../document/types";
import { documentTexts } from "../../test-support/document-texts";

function sampleDocuments(): ReportDocument[] {
  return [2020, 2022].map((year) => {
    const prepared = prepareReport(buildSampleReport({ year }));
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
    return buildDocument(prepared.report);
  });
}

describe("plain text layout", () => {
  const documents = [...SEED_NAMES.map((name) => buildDocument(loadSeed(name))), ...sampleDocuments()];
  // The plain runs the documents print, and each plain character on its own.
  const runs = [...new Set(documents.flatMap((doc) => documentTexts(doc)).flatMap((text) => text.match(/[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]+/g) ?? []))];
  const characters = [...new Set(runs.flatMap((run) => [...run]))];

  it("covers what the documents print", () => {
    expect(runs.length).toBeGreaterThan(500);
    expect(characters.length).toBeGreaterThan(800);
    expect(characters).toEqual(expect.arrayContaining(["，", "。", "（", "）", "：", "；", "、", "《", "》", "年", "件"]));
    for (const run of runs) expect(run).toMatch(PLAIN_TEXT);
  });

  it.each(Object.keys(ROLE_FONTS) as FontRole[])("gives the shaper's glyphs and advances, with no offsets, in the %s font", (role) => {
    for (const text of [...runs, ...characters]) {
      const plain = sharedLayout(role, text);
      const shaped = shapedLayout(role, text);
      expect(plain.glyphs, text).toEqual(shaped.glyphs);
      expect(plain.advances, text).toEqual(shaped.advances);
      expect(shaped.offsets.every((o) => o === 0), `the shaper moves a glyph of 「${text}」`).toBe(true);
    }
  });

  it("leaves other text to the shaper", () => {
    expect("Noto 2021").not.toMatch(PLAIN_TEXT);
    expect(sharedLayout("fangsong", "AV")).toEqual(shapedLayout("fangsong", "AV"));
  });
});
