import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { SEED_NAMES, seedPath } from "../test-support/seeds";
import { checkFiles, expandInputs, progressBar } from "./batch";
import type { SummaryRow } from "./check-file";
import { main } from "./main";
import { csvField, displayWidth, summaryCsv } from "./summary-output";

const dir = mkdtempSync(join(tmpdir(), "gov-report-batch-"));
const fixtureSeeds = fileURLToPath(new URL("../../fixtures/seeds", import.meta.url));
/** The published texts: shared/seeds beside the project, else the importer's copy of them. */
const sharedSeeds = [fileURLToPath(new URL("../../../shared/seeds", import.meta.url)), fileURLToPath(new URL("../import/fixtures/seeds", import.meta.url))].find((d) =>
  existsSync(d),
)!;

async function run(args: string[], options: { tty?: boolean } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: options.tty });
  return { code, stdout, stderr };
}

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else {
      field += ch;
    }
  }
  return records;
}

const corrupt = join(dir, "inputs", "corrupt.pdf");
const unknown = join(dir, "inputs", "notes.odt");
mkdirSync(join(dir, "inputs"));
writeFileSync(corrupt, "%PDF-1.7\n this is not really a PDF");
writeFileSync(unknown, "whatever");
const inputs = [fixtureSeeds, sharedSeeds, corrupt, unknown];
const HEADER = ["file", "source", "agency", "year", "format", "errors", "warnings", "finding ids", "import problems", "deviations", "unplaced", "error"];

describe("gov-report check --summary", () => {
  it("writes a CSV with one row per file (UTF-8 with BOM, RFC 4180) and exits 2 when some file could not be checked", async () => {
    const out = join(dir, "summary.csv");
    const { code, stdout, stderr } = await run(["check", ...inputs, "--summary", "--out", out, "--jobs", "2"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    // Seed 001 in both copies has no error since its extra section is a warning (issue 12.5).
    expect(stderr).toMatch(/^checked 12 files in [\d.]+ s \([\d.]+ files\/s\): 4 without errors, 6 with errors, 2 could not be checked; wrote .*summary\.csv\n$/);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(HEADER);
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => relative(dir, r[0]).startsWith("inputs") ? relative(dir, r[0]) : r[0].split(/[\\/]/).pop())).toEqual([
      ...SEED_NAMES.map((n) => `${n}.json`),
      ...SEED_NAMES.map((n) => `${n}.txt`),
      join("inputs", "corrupt.pdf"),
      join("inputs", "notes.odt"),
    ]);
    const byName = (name: string) => rows.find((r) => r[0].endsWith(name))!;
    expect(byName("003_5f1914cbe288c934.json").slice(1, 7)).toEqual(["json", "海东市公安局", "2021", "2021", "1", "7"]);
    expect(byName("003_5f1914cbe288c934.json")[7]).toBe("overview.topics-missing, stated.preface-parts, stated.preface-title, text.half-width-punctuation, value.blank ×3, value.text-in-cell");
    const text003 = byName("003_5f1914cbe288c934.txt");
    expect(text003.slice(1, 6)).toEqual(["text", "海东市公安局", "2021", "2021", "1"]);
    expect(text003[7]).toBe("overview.topics-missing, stated.label-wording ×41, stated.preface-parts, stated.preface-title, text.half-width-punctuation, value.blank ×3, value.text-in-cell");
    expect(text003.slice(8, 11)).toEqual(["table.no-data", "41", "1"]);
    expect(byName("corrupt.pdf").slice(1, 3)).toEqual(["pdf", ""]);
    expect(byName("corrupt.pdf")[11]).toMatch(/^cannot import the PDF file \(pdf\.corrupt\): /);
    expect(byName("notes.odt").slice(1, 2)).toEqual([""]);
    expect(byName("notes.odt")[11]).toBe('".odt" files are not supported (use .json, .txt, .html, .htm, .docx, .doc or .pdf)');
  });

  it("writes an XLSX with a frozen header row, an auto-filter and one row per file", async () => {
    const out = join(dir, "summary.xlsx");
    const { code } = await run(["check", ...inputs, "--summary", "--out", out, "--jobs", "1"]);
    expect(code).toBe(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("summary")!;
    expect(sheet.rowCount).toBe(13);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const row = sheet.getRow(2).values as unknown[];
    expect(row.slice(2, 8)).toEqual(["json", "石嘴山市公安局", 2019, "2019", 2, 2]);
    const last = sheet.getRow(13).values as unknown[];
    expect(String(last[1])).toMatch(/notes\.odt$/);
    expect(String(last[12])).toContain("files are not supported");
    expect(sheet.getColumn(1).width).toBeGreaterThan(20);
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(16); // 7 Chinese characters, 2 columns each
  });

  it("exits 1 when some report has errors and 0 when none has, and prints a table without --out", async () => {
    const errors = await run(["check", fixtureSeeds, "--summary", "--jobs", "2"]);
    expect(errors.code).toBe(1);
    const lines = errors.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^file\s+source\s+agency\s+year\s+format\s+E\s+W\s+findings \/ import problems$/);
    expect(lines[3]).toMatch(/002_d477ee84c8f7efa5\.json\s+json\s+六盘水市公安局\s+2020\s+2019\s+0\s+17\s+stated\.title-wording, text\.half-width-punctuation ×13, value\.text-in-cell ×3$/);
    // Columns line up in display width (Chinese characters take two).
    const yearColumn = displayWidth(lines[0].slice(0, lines[0].indexOf("year")));
    for (const line of lines.slice(1)) {
      const year = /\s{2}(20\d\d)\s{2}/.exec(line)!;
      expect(displayWidth(line.slice(0, year.index + 2)), line).toBe(yearColumn);
    }
    const clean = await run(["check", seedPath("002_d477ee84c8f7efa5"), join(sharedSeeds, "002_d477ee84c8f7efa5.txt"), "--summary", "--json"]);
    expect(clean.code).toBe(0);
    const rows = JSON.parse(clean.stdout) as SummaryRow[];
    expect(rows.map((r) => [r.source, r.status, r.errors])).toEqual([
      ["json", "ok", 0],
      ["text", "ok", 0],
    ]);
  });

  it("draws a progress bar on a terminal and only the final line otherwise", async () => {
    const tty = await run(["check", fixtureSeeds, "--summary", "--json", "--jobs", "2"], { tty: true });
    expect(tty.stderr).toMatch(/^\r\[ {30}\] 0\/5/);
    expect(tty.stderr).toContain(`\r[${"#".repeat(30)}] 5/5\nchecked 5 files in `);
    const plain = await run(["check", fixtureSeeds, "--summary", "--json", "--jobs", "2"]);
    expect(plain.stderr).not.toContain("\r");
    expect(plain.stderr.split("\n")).toHaveLength(2);
    let drawn = "";
    const bar = progressBar((t) => (drawn += t), 1000, 10);
    bar.update(0);
    bar.update(123);
    bar.end();
    expect(drawn).toBe(`\r[          ] 0/1000\r[##########] 1000/1000\n`);
  });

  it("rejects bad batch usage with one line, exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["check", "--summary"], /check --summary needs files or folders/],
      [["check", fixtureSeeds, "--summary", "--out", join(dir, "x.ods")], /--out must name a \.csv or \.xlsx file, not .*x\.ods$/],
      [["check", fixtureSeeds, "--summary", "--out", join(dir, "no", "such", "x.csv")], /cannot write there \(no such folder: /],
      [["check", fixtureSeeds, "--summary", "--jobs", "zero"], /--jobs must be a whole number from 1 to 256, not zero$/],
      [["check", join(dir, "inputs", "empty"), "--summary"], /no report files found in /],
    ];
    mkdirSync(join(dir, "inputs", "empty"));
    for (const [args, message] of cases) {
      const { code, stderr } = await run(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.split("\n")[0], args.join(" ")).toMatch(message);
    }
  });
});

describe("batch helpers", () => {
  it("expands folders recursively to supported files, sorted, skipping hidden ones, each file once", async () => {
    const root = join(dir, "tree");
    for (const sub of ["b", "a/deep", ".hidden", "node_modules/x"]) mkdirSync(join(root, sub), { recursive: true });
    for (const name of ["b/2.json", "b/1.TXT", "a/deep/r.pdf", "a/z.docx", "a/notes.md", ".hidden/h.json", "node_modules/x/n.json", "top.htm"]) {
      writeFileSync(join(root, name), "");
    }
    const files = await expandInputs([root, join(root, "top.htm"), join(root, "missing.json")]);
    expect(files.map((f) => relative(root, f))).toEqual([join("a", "deep", "r.pdf"), join("a", "z.docx"), join("b", "1.TXT"), join("b", "2.json"), "top.htm", "missing.json"]);
  });

  it("gives a file whose worker crashes, exits or hangs a row with the reason, and goes on", async () => {
    const script = join(dir, "flaky-worker.mjs");
    writeFileSync(
      script,
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ index, file }) => {
  if (file.endsWith("crash.json")) throw new Error("boom");
  if (file.endsWith("exit.json")) process.exit(7);
  if (file.endsWith("hang.json")) return;
  parentPort.postMessage({ index, row: { file, source: "json", findings: "", problems: "", status: "ok", ms: 0 } });
});
`,
    );
    const files = ["a.json", "crash.json", "b.json", "exit.json", "hang.json", "c.json", "d.json"];
    const seen: number[] = [];
    const rows = await checkFiles(files, { jobs: 2, workerScript: pathToFileURL(script), timeoutMs: 1500, onRow: (_row, done) => seen.push(done) });
    expect(rows.map((r) => [r.file, r.status, r.error])).toEqual([
      ["a.json", "ok", undefined],
      ["crash.json", "failed", "internal error: the worker failed (boom)"],
      ["b.json", "ok", undefined],
      ["exit.json", "failed", "internal error: the worker stopped (exit 7)"],
      ["hang.json", "failed", "timed out after 1.5 s"],
      ["c.json", "ok", undefined],
      ["d.json", "ok", undefined],
    ]);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("quotes CSV fields per RFC 4180 and defuses formulas", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(3)).toBe("3");
    expect(csvField(undefined)).toBe("");
    const row: SummaryRow = { file: "a,b.json", source: "json", findings: "", problems: "", status: "failed", error: "x", ms: 0 };
    expect(summaryCsv([row]).split("\r\n")[1]).toBe('"a,b.json",json,,,,,,,,,,x');
  });
});
