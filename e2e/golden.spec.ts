import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { buildDocument } from "../lib/document/build-document";
import type { ReportDocument } from "../lib/document/types";
import { renderHtmlDocument } from "../lib/render/html/render-html";
import { renderPdf } from "../lib/render/pdf/render-pdf";
import { loadSeed, type SeedName } from "../lib/test-support/seeds";
import { fontconfigFile } from "../lib/test-support/fontconfig";

/*
 * Golden images (issue 11): the first page and the table-3 pages of two seeds as PDF (rendered
 * by poppler's pdftoppm, which uses the fonts the PDF embeds) and their HTML at 1280 and 390 px
 * (Chromium with the npm fonts only), compared with the PNGs in e2e/golden.spec.ts-snapshots
 * within a small tolerance. After a deliberate change of the output: look at the new images,
 * then `npx playwright test e2e/golden.spec.ts --update-snapshots`.
 */

const SEEDS: SeedName[] = ["000_dbcc449a2218d1f4", "003_5f1914cbe288c934"];
/** Share of pixels that may differ (anti-aliasing of another poppler or Chromium build). */
const TOLERANCE = { maxDiffPixelRatio: 0.01, threshold: 0.2 };

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    env: { ...process.env, FONTCONFIG_FILE: fontconfigFile({ system: false }) },
    args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  },
});

function documentOf(seed: SeedName): ReportDocument {
  return buildDocument(loadSeed(seed));
}

/** Pages (1-based) whose text holds table 3's header. */
function pagesWith(pdf: string, text: string): number[] {
  return execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" })
    .split("\f")
    .flatMap((page, i) => (page.replace(/\s+/g, "").includes(text) ? [i + 1] : []));
}

for (const seed of SEEDS) {
  const short = seed.slice(0, 3);

  test(`seed ${short}: PDF first page and table-3 pages match their golden images`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "golden-"));
    try {
      const pdf = join(dir, "report.pdf");
      writeFileSync(pdf, await renderPdf(documentOf(seed)));
      const pages = [1, ...pagesWith(pdf, "申请人情况")];
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        execFileSync("pdftoppm", ["-r", "60", "-png", "-f", String(page), "-l", String(page), "-singlefile", pdf, join(dir, `p${page}`)]);
        expect(readFileSync(join(dir, `p${page}.png`))).toMatchSnapshot(`pdf-${short}-page-${page}.png`, TOLERANCE);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const width of [1280, 390]) {
    test(`seed ${short}: HTML at ${width} px matches its golden images`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.setContent(renderHtmlDocument(documentOf(seed)));
      // The first screen (title, preface) and table 3 (on a phone: label columns kept, scroll hint).
      expect(await page.screenshot({ animations: "disabled" })).toMatchSnapshot(`html-${short}-${width}-top.png`, TOLERANCE);
      const table = page.locator("table[data-table=requests]");
      await expect(table).toBeVisible();
      expect(await page.locator(".table-scroll:has(table[data-table=requests])").screenshot({ animations: "disabled" })).toMatchSnapshot(`html-${short}-${width}-table-3.png`, TOLERANCE);
    });
  }
}
