/**
 * `npm run bench`: medians of warm runs for the largest seed and a long synthetic report —
 * rule check, document build, DOCX/PDF/HTML render, PDF size — and, when LibreOffice is
 * installed, soffice's DOCX→PDF conversion of the same report for comparison.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDocument } from "../document/build-document";
import { importBenchmark } from "../import/bench-hook";
import { parseDocx } from "../import/docx/parse-docx";
import { parseHtml } from "../import/html/parse-html";
import { mapDocument } from "../import/map/map-document";
import { pdfImportBenchmark } from "../import/pdf/bench-hook";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import { renderDocx } from "../render/docx/render-docx";
import { renderHtmlDocument } from "../render/html/render-html";
import { renderPdf } from "../render/pdf/render-pdf";
import { checkReport } from "../rules/check-report";
import { SEED_NAMES, seedPath } from "../test-support/seeds";

const WARMUP = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const SOFFICE_RUNS = Number(process.env.BENCH_SOFFICE_RUNS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function time(fn: () => unknown | Promise<unknown>, runs = RUNS): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function prepared(input: unknown): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}

function pdfPages(file: string): number | undefined {
  if (!hasCommand("pdfinfo")) return undefined;
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

async function bench(name: string, input: unknown, dir: string) {
  const report = prepared(input);
  const document = buildDocument(report);
  const docx = await renderDocx(document);
  const pdf = await renderPdf(document);
  const docxFile = join(dir, `${name}.docx`);
  const pdfFile = join(dir, `${name}.pdf`);
  writeFileSync(docxFile, docx);
  writeFileSync(pdfFile, pdf);

  const result = {
    name,
    pages: pdfPages(pdfFile),
    checkMs: await time(() => checkReport(prepared(input)), RUNS * 4),
    checkOnlyMs: await time(() => checkReport({ ...report, computed: new Map() }), RUNS * 4),
    prepareMs: await time(() => prepared(input), RUNS * 4),
    buildMs: await time(() => buildDocument(report)),
    docxMs: await time(() => renderDocx(buildDocument(report))),
    pdfMs: await time(() => renderPdf(buildDocument(report))),
    htmlMs: await time(() => renderHtmlDocument(buildDocument(report))),
    pdfKB: statSync(pdfFile).size / 1024,
    docxKB: statSync(docxFile).size / 1024,
    sofficeMs: undefined as number | undefined,
  };

  if (hasCommand("soffice")) {
    const profile = `file://${join(dir, "lo-profile")}`;
    const convert = () => {
      const run = spawnSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", join(dir, "lo"), docxFile], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
    };
    convert(); // creates the profile; not counted
    const samples: number[] = [];
    for (let i = 0; i < SOFFICE_RUNS; i++) {
      const start = performance.now();
      convert();
      samples.push(performance.now() - start);
    }
    result.sofficeMs = median(samples);
  }
  return result;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "gov-report-bench-"));
  const largest = [...SEED_NAMES].sort((a, b) => statSync(seedPath(b)).size - statSync(seedPath(a)).size)[0];
  const results = [
    await bench(`seed ${largest}`, JSON.parse(readFileSync(seedPath(largest), "utf8")), dir),
    await bench("synthetic long narrative", buildSampleReport({ year: 2023, paragraphs: 6, withTotals: true }), dir),
  ];

  const fmt = (n: number | undefined, digits = 2) => (n === undefined ? "n/a" : n.toFixed(digits));
  console.log(`gov-report benchmark — medians of ${RUNS} warm runs (checks: ${RUNS * 4}), Node ${process.version}\n`);
  for (const r of results) {
    console.log(`${r.name}${r.pages ? ` (${r.pages} PDF pages)` : ""}`);
    console.log(`  full check (parse + normalize + rules)  ${fmt(r.checkMs, 3)} ms   [rules only ${fmt(r.checkOnlyMs, 3)} ms, parse ${fmt(r.prepareMs, 3)} ms]  goal ≤ 1 ms`);
    console.log(`  build document model                    ${fmt(r.buildMs, 3)} ms`);
    console.log(`  render DOCX                             ${fmt(r.docxMs)} ms   goal ≤ 20 ms   (${fmt(r.docxKB, 1)} KB)`);
    console.log(`  render PDF                              ${fmt(r.pdfMs)} ms   goal ≤ 60 ms   (${fmt(r.pdfKB, 1)} KB, goal ≤ 300 KB)`);
    console.log(`  render HTML                             ${fmt(r.htmlMs)} ms`);
    if (r.sofficeMs !== undefined) {
      console.log(`  soffice --convert-to pdf (our DOCX)     ${fmt(r.sofficeMs, 0)} ms   median of ${SOFFICE_RUNS}; PDF is ${fmt(r.sofficeMs / r.pdfMs, 1)}× faster (goal ≥ 20×)`);
    } else {
      console.log("  soffice: not installed (apt-get install libreoffice-writer-nogui) — comparison skipped");
    }
    console.log("");
  }

  // Import (issue 9): one warm import of the largest seed text.
  const largestSeed = prepared(JSON.parse(readFileSync(seedPath(largest), "utf8")));
  const html = renderHtmlDocument(buildDocument(largestSeed));
  const docx = new Uint8Array(await renderDocx(buildDocument(largestSeed)));
  const imports = [
    importBenchmark(),
    { name: `import ${largest}.html (our renderer)`, goalMs: 20, run: () => mapDocument(parseHtml(html)) },
    { name: `import ${largest}.docx (our renderer)`, goalMs: 50, run: async () => mapDocument(await parseDocx(docx)) },
    await pdfImportBenchmark(),
  ];
  console.log("import of published reports");
  for (const hook of imports) console.log(`  ${hook.name.padEnd(46)}  ${fmt(await time(hook.run), 2)} ms   goal ≤ ${hook.goalMs} ms`);
  console.log("");
}

main().catch((error) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
