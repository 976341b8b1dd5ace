/**
 * Import benchmark (issue 9): parse + map time of the largest seed rendered as HTML and as DOCX,
 * medians over repeated runs after a warm-up. Goals: HTML ≤ 20 ms, DOCX ≤ 50 ms.
 *
 *   npx tsx lib/import/html/bench-import.ts [runs]
 */
import { buildDocument } from "../../document/build-document";
import { renderDocx } from "../../render/docx/render-docx";
import { renderHtmlDocument } from "../../render/html/render-html";
import { SEED_NAMES, seedPath, loadSeed } from "../../test-support/seeds";
import { parseDocx } from "../docx/parse-docx";
import { mapDocument } from "../map/map-document";
import { statSync } from "node:fs";
import { decodeHtml, parseHtml } from "./parse-html";

const GOALS = { html: 20, docx: 50 };

async function time(run: () => unknown | Promise<unknown>, runs: number): Promise<{ median: number; p90: number; min: number }> {
  for (let i = 0; i < Math.min(20, runs); i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p90: samples[Math.floor(samples.length * 0.9)], min: samples[0] };
}

async function main() {
  const runs = Number(process.argv[2] ?? 100);
  const largest = [...SEED_NAMES].sort((a, b) => statSync(seedPath(b)).size - statSync(seedPath(a)).size)[0];
  const doc = buildDocument(loadSeed(largest));
  const html = renderHtmlDocument(doc);
  const htmlBytes = new TextEncoder().encode(html);
  const docx = new Uint8Array(await renderDocx(doc));
  const intermediate = parseHtml(html);
  const results = {
    "html: parse + map": await time(() => mapDocument(parseHtml(html)), runs),
    "html: decode + parse + map": await time(() => mapDocument(parseHtml(decodeHtml(htmlBytes).text)), runs),
    "html: parse only": await time(() => parseHtml(html), runs),
    "docx: parse + map": await time(async () => mapDocument(await parseDocx(docx)), runs),
    "docx: parse only": await time(() => parseDocx(docx), runs),
    "map only (html intermediate)": await time(() => mapDocument(intermediate), runs),
  };
  console.log(`largest seed ${largest}: HTML ${(htmlBytes.length / 1024).toFixed(1)} KB, DOCX ${(docx.length / 1024).toFixed(1)} KB; ${runs} runs`);
  for (const [name, r] of Object.entries(results)) {
    const goal = name.startsWith("html: parse + map") ? GOALS.html : name.startsWith("docx: parse + map") ? GOALS.docx : undefined;
    const verdict = goal === undefined ? "" : r.median <= goal ? `  (goal ≤ ${goal} ms: met)` : `  (goal ≤ ${goal} ms: MISSED)`;
    console.log(`${name.padEnd(30)} median ${r.median.toFixed(2)} ms  p90 ${r.p90.toFixed(2)} ms  min ${r.min.toFixed(2)} ms${verdict}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
