/**
 * `npm run bench:batch`: throughput of `gov-report check <folder> --summary` on 1,000 report
 * files, process start included (issue 9: goal ≥ 50 reports/s on 2 cores), and the start time
 * of a single `check` call, bundled and through tsx.
 *
 * The folder holds copies and variants of the five seeds, half interchange JSON
 * (fixtures/seeds) and half published text (lib/import/fixtures/seeds), the agency renamed in
 * every other copy. The CLI runs as a child process through its bin, on the bundle (built first
 * when it is missing or stale). BENCH_FILES and BENCH_JOBS override 1,000 and the cores.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedText } from "../import/fixtures/seed-texts";
import { SEED_NAMES, loadSeedJson } from "../test-support/seeds";
import { freshBundle } from "../cli/bundle.mjs";

const FILES = Number(process.env.BENCH_FILES ?? 1000);
const JOBS = Number(process.env.BENCH_JOBS ?? availableParallelism());
const GOAL_PER_SECOND = 50;
const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "lib/cli/gov-report.mjs");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Writes the corpus: FILES files, alternating JSON and text, cycling through the seeds. */
function writeCorpus(dir: string): void {
  const json = SEED_NAMES.map((name) => loadSeedJson(name) as { agency: string });
  const text = SEED_NAMES.map((name) => seedText(name));
  for (let i = 0; i < FILES; i++) {
    const seed = Math.floor(i / 2) % SEED_NAMES.length;
    const copy = Math.floor(i / (2 * SEED_NAMES.length));
    const name = `${String(i).padStart(4, "0")}_${SEED_NAMES[seed]}`;
    if (i % 2 === 0) {
      const report = copy % 2 ? { ...json[seed], agency: json[seed].agency.replace(/公安局$/, `第${copy}分局`) } : json[seed];
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(report, null, 2));
    } else {
      const agency = json[seed].agency;
      writeFileSync(join(dir, `${name}.txt`), copy % 2 ? text[seed].replaceAll(agency, agency.replace(/公安局$/, `第${copy}分局`)) : text[seed]);
    }
  }
}

/** Wall time of one run of the bin, in ms. */
function timeRun(args: string[], env: Record<string, string> = {}): { ms: number; status: number | null; stderr: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - start, status: result.status, stderr: result.stderr };
}

if (!freshBundle("gov-report")) {
  console.log("building the CLI bundle (scripts/build-cli.mjs) …");
  execFileSync(process.execPath, [join(root, "scripts/build-cli.mjs"), "--quiet"], { stdio: "inherit" });
}

const single = [join(root, "fixtures/seeds/004_f8f28e4c849350e4.json")];
timeRun(["check", ...single]);
const bundled = median(Array.from({ length: 7 }, () => timeRun(["check", ...single]).ms));
const tsx = median(Array.from({ length: 3 }, () => timeRun(["check", ...single], { GOV_REPORT_CLI_BUNDLE: "0" }).ms));
console.log(`single check call (node lib/cli/gov-report.mjs check 004…json), median wall time: bundled ${bundled.toFixed(0)} ms, through tsx ${tsx.toFixed(0)} ms`);

const dir = mkdtempSync(join(tmpdir(), "gov-report-batch-"));
try {
  writeCorpus(dir);
  const out = join(dir, "summary.csv");
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = timeRun(["check", dir, "--summary", "--out", out, "--jobs", String(JOBS)]);
    if (run.status === null || run.status > 2 || !/checked \d+ files/.test(run.stderr)) throw new Error(`the batch failed (exit ${run.status}): ${run.stderr}`);
    samples.push(run.ms);
    console.log(`  run ${i + 1}: ${run.stderr.trim().split("\n").pop()}`);
  }
  const rows = readFileSync(out, "utf8").trim().split("\r\n").length - 1;
  if (rows !== FILES) throw new Error(`the summary has ${rows} rows for ${FILES} files`);
  const ms = median(samples);
  const rate = FILES / (ms / 1000);
  console.log(
    `batch: ${FILES} files (${FILES / 2} JSON, ${FILES / 2} text), --jobs ${JOBS} on ${availableParallelism()} cores: median ${(ms / 1000).toFixed(2)} s including process start = ${rate.toFixed(0)} reports/s (goal ≥ ${GOAL_PER_SECOND}/s) ${rate >= GOAL_PER_SECOND ? "ok" : "SLOW"}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
