import { access, writeFile } from "node:fs/promises";
import { basename, dirname, extname } from "node:path";
import type { PreparedReport } from "../report/prepare-report";
import { reportJsonSchema } from "../report/json-schema";
import { cellKey } from "../report/cell-ref";
import { checkReport, countFindings } from "../rules/check-report";
import type { Finding } from "../rules/types";
import { batchExitCode, batchLine, checkFiles, defaultJobs, expandInputs, progressBar } from "./batch";
import { describeLocation, type SourceLocation } from "../import/intermediate";
import { checkFile, labelLocation, readReportFile } from "./check-file";
import { formatImportSummary, formatProblem } from "./import-summary";
import { FORMAT_NAMES, readSourceFile, SourceError } from "./read-source";
import { summaryCsv, summaryTable, summaryXlsx, writeAtomically } from "./summary-output";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: the batch then draws a progress bar. */
  stderrIsTTY?: boolean;
}

const USAGE = `Usage:
  gov-report check <report> [--json] [--previous <last-year report>]
      Check a report against the official format and its balance rules. The report is the
      interchange JSON or a published report (.txt, .html, .htm, .docx, .doc, .pdf), which is
      imported first; its import problems and label deviations are listed with the findings.
      Exit 0 when there are no errors, 1 when there are errors, 2 on bad input.
  gov-report check <files or folders…> --summary [--out summary.xlsx|summary.csv] [--jobs N]
      Check many reports in one process, N at a time (default: the cores), folders searched
      recursively; one row per file. Exit 0 when all are free of errors, 1 when some have
      errors, 2 when some could not be checked.
  gov-report import <published report> [-o report.json] [--json]
      Import a published report: prints what was read, placed, deviating and unplaced;
      -o writes the interchange JSON, --json prints the whole import outcome.
      Exit 0 when imported without problems, 1 with problems, 2 on bad input.
  gov-report render <report> --format docx|pdf|html -o <file>
      Render the report in the standard six-section layout.
  gov-report schema [--draft]
      Print the JSON Schema of the interchange format (--draft: cells as people write them).
`;

/** An expected failure: printed as one line, never as a stack trace. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

function parseArgs(args: string[], valued: string[]): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const name = arg.replace(/^--?/, "");
    if (valued.includes(name)) {
      const value = args[++i];
      if (value === undefined) throw new CliError(`option ${arg} needs a value\n\n${USAGE}`);
      options.set(name, value);
    } else if (["json", "draft", "help", "h", "summary"].includes(name)) {
      options.set(name, true);
    } else {
      throw new CliError(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return { positional, options };
}

/** A report file of any kind the CLI reads, prepared for the rules. */
async function readReport(file: string): Promise<PreparedReport> {
  return readReportFile(file);
}

function formatFinding(finding: Finding, at?: SourceLocation): string {
  const label = finding.severity === "error" ? "ERROR  " : "WARNING";
  const lines = [`${label} [${finding.ruleId}] ${finding.message}`];
  if (at) lines.push(`        at: ${describeLocation(at)}`);
  if (finding.cells.length) {
    const cells = finding.cells.slice(0, 6).map(cellKey).join(", ");
    lines.push(`        cells: ${cells}${finding.cells.length > 6 ? `, … (${finding.cells.length} cells)` : ""}`);
  }
  if (finding.quote && !finding.message.includes(finding.quote)) lines.push(`        text: ${finding.quote}`);
  return lines.join("\n");
}

async function runCheck(args: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(args, ["previous", "out", "jobs"]);
  if (options.get("summary")) return runBatch(positional, options, io);
  if (options.has("out") || options.has("jobs")) throw new CliError(`--out and --jobs go with --summary\n\n${USAGE}`);
  if (positional.length !== 1) throw new CliError(`check needs exactly one report file (or --summary for many)\n\n${USAGE}`);
  const previousFile = options.get("previous");
  const previous = typeof previousFile === "string" ? await readReport(previousFile) : undefined;
  const checked = await checkFile(positional[0], { previous });
  const { report, findings, errors, warnings, imported } = checked;
  if (options.get("json")) {
    const extra = imported
      ? { import: { source: imported.format, encoding: imported.encoding, deviations: imported.outcome.deviations, unplaced: imported.outcome.unplaced, problems: imported.outcome.problems } }
      : {};
    io.stdout(`${JSON.stringify({ file: positional[0], format: report.format, errors, warnings, findings, ...extra }, null, 2)}\n`);
  } else {
    const head = [`${report.input.agency} ${report.input.year}年度报告（${report.format} 年版格式）：${errors} 个错误，${warnings} 个警告`];
    const blocks: string[] = [];
    if (imported) {
      const { deviations, unplaced, problems } = imported.outcome;
      head.push(
        `导入自 ${FORMAT_NAMES[imported.format]} 文件${imported.encoding ? `（${imported.encoding}）` : ""}：${deviations.length} 处标签或标题与官方格式不一致，${unplaced.length} 项未能放置，${problems.length} 个导入问题`,
      );
      blocks.push(...problems.map(formatProblem));
    }
    const deviations = imported?.outcome.deviations ?? [];
    io.stdout([head.join("\n"), ...blocks, ...findings.map((f) => formatFinding(f, labelLocation(f, deviations)))].join("\n\n") + "\n");
  }
  return errors > 0 ? 1 : 0;
}

async function runBatch(inputs: string[], options: Map<string, string | true>, io: Io): Promise<number> {
  if (!inputs.length) throw new CliError(`check --summary needs files or folders\n\n${USAGE}`);
  if (options.has("previous")) throw new CliError("--previous does not go with --summary");
  const out = options.get("out");
  const kind = typeof out === "string" ? extname(out).toLowerCase() : undefined;
  if (kind !== undefined && kind !== ".csv" && kind !== ".xlsx") throw new CliError(`--out must name a .csv or .xlsx file, not ${out}`);
  if (typeof out === "string") {
    await access(dirname(out)).catch(() => {
      throw new CliError(`${out}: cannot write there (no such folder: ${dirname(out)})`);
    });
  }
  const jobsOption = options.get("jobs");
  const jobs = jobsOption === undefined ? defaultJobs() : Number(jobsOption);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new CliError(`--jobs must be a whole number from 1 to 256, not ${String(jobsOption)}`);

  const started = performance.now();
  const files = await expandInputs(inputs);
  if (!files.length) throw new CliError(`no report files found in ${inputs.join(", ")} (looked for .json, .txt, .html, .htm, .docx, .doc, .pdf)`);
  const bar = io.stderrIsTTY ? progressBar(io.stderr, files.length) : undefined;
  bar?.update(0);
  const rows = await checkFiles(files, { jobs, onRow: (_row, done) => bar?.update(done) });
  bar?.end();

  if (typeof out === "string") {
    try {
      await writeAtomically(out, kind === ".csv" ? summaryCsv(rows) : await summaryXlsx(rows));
    } catch (error) {
      throw new CliError(`${out}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  } else if (options.get("json")) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    io.stdout(summaryTable(rows));
  }
  io.stderr(`${batchLine(rows, (performance.now() - started) / 1000)}${typeof out === "string" ? `; wrote ${out}` : ""}\n`);
  return batchExitCode(rows);
}

async function runImport(args: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(args, ["o", "output"]);
  if (positional.length !== 1) throw new CliError(`import needs exactly one file\n\n${USAGE}`);
  const file = positional[0];
  const source = await readSourceFile(file);
  if (source.kind === "json") throw new CliError(`${file}: already the interchange JSON; run "gov-report check ${file}"`);
  const output = options.get("o") ?? options.get("output");
  if (typeof output === "string") {
    try {
      await writeFile(output, `${JSON.stringify(source.outcome.report, null, 2)}\n`);
    } catch (error) {
      throw new CliError(`${output}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? "write error"})`);
    }
  }
  if (options.get("json")) {
    io.stdout(`${JSON.stringify({ file, source: source.format, encoding: source.encoding, ...source.outcome }, null, 2)}\n`);
  } else {
    io.stdout(formatImportSummary(file, source));
  }
  if (typeof output === "string") io.stderr(`wrote ${output}\n`);
  return source.outcome.problems.length ? 1 : 0;
}

const FORMATS = ["docx", "pdf", "html"] as const;
type OutputFormat = (typeof FORMATS)[number];

async function renderTo(format: OutputFormat, report: PreparedReport, draftMark: string | undefined): Promise<Uint8Array | string> {
  const { buildDocument } = await import("../document/build-document");
  const document = buildDocument(report, { draftMark });
  switch (format) {
    case "docx":
      return (await import("../render/docx/render-docx")).renderDocx(document);
    case "pdf":
      return (await import("../render/pdf/render-pdf")).renderPdf(document);
    case "html":
      return (await import("../render/html/render-html")).renderHtmlDocument(document);
  }
}

async function runRender(args: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(args, ["format", "f", "o", "output"]);
  if (positional.length !== 1) throw new CliError(`render needs exactly one report file\n\n${USAGE}`);
  const format = options.get("format") ?? options.get("f");
  const output = options.get("o") ?? options.get("output");
  if (typeof format !== "string" || !FORMATS.includes(format as OutputFormat)) {
    throw new CliError(`render needs --format docx, pdf or html\n\n${USAGE}`);
  }
  if (typeof output !== "string") throw new CliError(`render needs -o <file>\n\n${USAGE}`);
  const report = await readReport(positional[0]);
  const findings = checkReport(report);
  const { draftMarkFor } = await import("../document/draft-mark");
  const draftMark = draftMarkFor(report, findings);
  const content = await renderTo(format as OutputFormat, report, draftMark);
  try {
    await writeFile(output, content);
  } catch (error) {
    throw new CliError(`${output}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? "write error"})`);
  }
  const { errors, warnings } = countFindings(findings);
  const marked = draftMark ? ` marked "${draftMark}":` : ";";
  io.stderr(`wrote ${output} (${basename(output)})${marked} the report has ${errors} errors and ${warnings} warnings — run "gov-report check" to see them\n`);
  return 0;
}

/** Entry point: returns the exit code. Expected failures print one clear message, exit 2. */
export async function main(args: string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "check":
        return await runCheck(rest, io);
      case "import":
        return await runImport(rest, io);
      case "render":
        return await runRender(rest, io);
      case "schema": {
        const { options } = parseArgs(rest, []);
        io.stdout(`${JSON.stringify(reportJsonSchema(options.get("draft") ? "draft" : "strict"), null, 2)}\n`);
        return 0;
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`gov-report: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof SourceError) {
      io.stderr(`gov-report: ${[error.message, ...error.detail].join("\n")}\n`);
      return 2;
    }
    io.stderr(`gov-report: internal error: ${(error as Error).message ?? String(error)}\n`);
    return 3;
  }
}
