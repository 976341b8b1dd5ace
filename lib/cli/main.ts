import { access, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, extname } from "node:path";
import type { PreparedReport } from "../report/prepare-report";
import { reportJsonSchema } from "../report/json-schema";
import { cellKey } from "../report/cell-ref";
import { checkReport, countFindings } from "../rules/check-report";
import { crossYearStatus } from "../rules/cross-year";
import { parseRuleLevels, type RuleLevels } from "../rules/rule-levels";
import type { Finding } from "../rules/types";
import { batchExitCode, batchLine, checkFiles, defaultJobs, expandInputs, progressBar } from "./batch";
import { describeLocation, type SourceLocation } from "../import/intermediate";
import { decodeText, TextEncodingError } from "../import/decode-text";
import { checkFile, labelLocation, readReportFile } from "./check-file";
import { formatImportSummary, formatProblem } from "./import-summary";
import { FORMAT_NAMES, readSourceFile, SourceError } from "./read-source";
import { summaryCsv, summaryTable, summaryXlsx, writeAtomically } from "./summary-output";
import { terminalOutput, type TerminalOutput } from "./terminal-text";

/**
 * Where the CLI writes. Everything but the progress bar is written through terminal-text.ts
 * (`TerminalOutput`), which escapes the control characters of text from the input.
 */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: the batch then draws a progress bar. */
  stderrIsTTY?: boolean;
}

const USAGE = `Usage:
  gov-report check <report> [--json] [--previous <last-year report>] [--rules <levels.json>]
      Check a report against the official format and its balance rules. The report is the
      interchange JSON or a published report (.txt, .html, .htm, .docx, .doc, .pdf), which is
      imported first; its import problems and label deviations are listed with the findings.
      Exit 0 when there are no errors, 1 when there are errors, 2 on bad input.
      --previous: the same agency's report of the year before, for the cross-year rules.
      --rules: rule levels ({"rule.id": "error"|"warning"|"off"}, as the admin page downloads).
  gov-report check <files or folders…> --summary [--out summary.xlsx|summary.csv] [--jobs N] [--rules <levels.json>]
      Check many reports in one process, N at a time (default: the cores), folders searched
      recursively; one row per file. Exit 0 when all are free of errors, 1 when some have
      errors, 2 when some could not be checked.
  gov-report import <published report> [-o report.json] [--json]
      Import a published report: prints what was read, placed, deviating and unplaced;
      -o writes the interchange JSON, --json prints the whole import outcome.
      Exit 0 when imported without problems, 1 with problems, 2 on bad input.
  gov-report render <report> --format docx|pdf|html -o <file> [--rules <levels.json>]
      Render the report in the standard six-section layout.
  gov-report schema [--draft]
      Print the JSON Schema of the interchange format (--draft: cells as people write them).
`;

/** An expected failure: printed as one line, never as a stack trace (bad usage: then the usage). */
class CliError extends Error {
  constructor(
    message: string,
    readonly options: { exitCode?: number; usage?: boolean } = {},
  ) {
    super(message);
  }
}

/** Bad usage: the line, then the usage. */
function usageError(message: string): CliError {
  return new CliError(message, { usage: true });
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
      if (value === undefined) throw usageError(`option ${arg} needs a value`);
      options.set(name, value);
    } else if (["json", "draft", "help", "h", "summary"].includes(name)) {
      options.set(name, true);
    } else {
      throw usageError(`unknown option ${arg}`);
    }
  }
  return { positional, options };
}

/** A report file of any kind the CLI reads, prepared for the rules; a decoding other than UTF-8 is noted. */
async function readReport(file: string, out: TerminalOutput): Promise<PreparedReport> {
  return readReportFile(file, { note: out.note });
}

/** The rule levels of a `--rules` file, or none. A file that is not a valid levels file is one line. */
async function readRuleLevels(file: string | true | undefined): Promise<RuleLevels | undefined> {
  if (file === undefined) return undefined;
  if (file === true) throw usageError("--rules needs a file");
  let text: string;
  try {
    text = (await decodeText(new Uint8Array(await readFile(file)))).text;
  } catch (error) {
    const reason = error instanceof TextEncodingError ? error.message : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    throw new CliError(`${file}: cannot read the rule levels (${reason})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file}: not JSON; a rules file is {"rule.id": "error" | "warning" | "off"}`);
  }
  const parsed = parseRuleLevels(json);
  if (!parsed.ok) throw new CliError(`${file}: ${parsed.message}`);
  return parsed.levels;
}

/** A finding's lines. */
function formatFinding(finding: Finding, at?: SourceLocation): string[] {
  const label = finding.severity === "error" ? "ERROR  " : "WARNING";
  const lines = [`${label} [${finding.ruleId}] ${finding.message}`];
  if (at) lines.push(`        at: ${describeLocation(at)}`);
  if (finding.cells.length) {
    const cells = finding.cells.slice(0, 6).map(cellKey).join(", ");
    lines.push(`        cells: ${cells}${finding.cells.length > 6 ? `, … (${finding.cells.length} cells)` : ""}`);
  }
  if (finding.quote && !finding.message.includes(finding.quote)) lines.push(`        text: ${finding.quote}`);
  return lines;
}

/** Blocks of lines with a blank line between them. */
function blocks(parts: string[][]): string[] {
  return parts.flatMap((part, i) => (i ? ["", ...part] : part));
}

async function runCheck(args: string[], io: Io, out: TerminalOutput): Promise<number> {
  const { positional, options } = parseArgs(args, ["previous", "out", "jobs", "rules"]);
  if (options.get("summary")) return runBatch(positional, options, io, out);
  if (options.has("out") || options.has("jobs")) throw usageError("--out and --jobs go with --summary");
  if (positional.length !== 1) throw usageError("check needs exactly one report file (or --summary for many)");
  const previousFile = options.get("previous");
  const previous = typeof previousFile === "string" ? await readReport(previousFile, out) : undefined;
  const ruleLevels = await readRuleLevels(options.get("rules"));
  const checked = await checkFile(positional[0], { previous, ruleLevels, note: out.note });
  const { report, findings, errors, warnings, imported } = checked;
  const crossYear = crossYearStatus(report, previous);
  if (options.get("json")) {
    const extra = imported
      ? { import: { source: imported.format, encoding: imported.encoding, deviations: imported.outcome.deviations, unplaced: imported.outcome.unplaced, problems: imported.outcome.problems } }
      : {};
    out.json({ file: positional[0], format: report.format, errors, warnings, findings, crossYear, ...extra });
  } else {
    const head = [`${report.input.agency} ${report.input.year}年度报告（${report.format} 年版格式）：${errors} 个错误，${warnings} 个警告`];
    const problemLines: string[][] = [];
    if (imported) {
      const { deviations, unplaced, problems } = imported.outcome;
      head.push(
        `导入自 ${FORMAT_NAMES[imported.format]} 文件${imported.encoding ? `（${imported.encoding}）` : ""}：${deviations.length} 处标签或标题与官方格式不一致，${unplaced.length} 项未能放置，${problems.length} 个导入问题`,
      );
      problemLines.push(...problems.map((p) => [formatProblem(p)]));
    }
    const deviations = imported?.outcome.deviations ?? [];
    // Cross-year rules skipped, for any reason, are said so, last.
    const crossYearLines = crossYear.compared ? [] : [[crossYear.reason === "none" ? `${crossYear.message}（--previous）` : crossYear.message]];
    out.lines(blocks([head, ...problemLines, ...findings.map((f) => formatFinding(f, labelLocation(f, deviations))), ...crossYearLines]));
  }
  return errors > 0 ? 1 : 0;
}

async function runBatch(inputs: string[], options: Map<string, string | true>, io: Io, out: TerminalOutput): Promise<number> {
  if (!inputs.length) throw usageError("check --summary needs files or folders");
  if (options.has("previous")) throw new CliError("--previous does not go with --summary");
  const target = options.get("out");
  const kind = typeof target === "string" ? extname(target).toLowerCase() : undefined;
  if (kind !== undefined && kind !== ".csv" && kind !== ".xlsx") throw new CliError(`--out must name a .csv or .xlsx file, not ${target}`);
  if (typeof target === "string") {
    await access(dirname(target)).catch(() => {
      throw new CliError(`${target}: cannot write there (no such folder: ${dirname(target)})`);
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
  const ruleLevels = await readRuleLevels(options.get("rules"));
  const rows = await checkFiles(files, { jobs, ruleLevels, onRow: (_row, done) => bar?.update(done) });
  bar?.end();

  if (typeof target === "string") {
    try {
      await writeAtomically(target, kind === ".csv" ? summaryCsv(rows) : await summaryXlsx(rows));
    } catch (error) {
      throw new CliError(`${target}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  } else if (options.get("json")) {
    out.json(rows);
  } else {
    out.lines(summaryTable(rows));
  }
  out.note(`${batchLine(rows, (performance.now() - started) / 1000)}${typeof target === "string" ? `; wrote ${target}` : ""}`);
  return batchExitCode(rows);
}

async function runImport(args: string[], out: TerminalOutput): Promise<number> {
  const { positional, options } = parseArgs(args, ["o", "output"]);
  if (positional.length !== 1) throw usageError("import needs exactly one file");
  const file = positional[0];
  const source = await readSourceFile(file, { note: out.note });
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
    out.json({ file, source: source.format, encoding: source.encoding, ...source.outcome });
  } else {
    out.lines(formatImportSummary(file, source));
  }
  if (typeof output === "string") out.note(`wrote ${output}`);
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

async function runRender(args: string[], out: TerminalOutput): Promise<number> {
  const { positional, options } = parseArgs(args, ["format", "f", "o", "output", "rules"]);
  if (positional.length !== 1) throw usageError("render needs exactly one report file");
  const format = options.get("format") ?? options.get("f");
  const output = options.get("o") ?? options.get("output");
  if (typeof format !== "string" || !FORMATS.includes(format as OutputFormat)) {
    throw usageError("render needs --format docx, pdf or html");
  }
  if (typeof output !== "string") throw usageError("render needs -o <file>");
  const report = await readReport(positional[0], out);
  const findings = checkReport(report, { ruleLevels: await readRuleLevels(options.get("rules")) });
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
  out.note(`wrote ${output} (${basename(output)})${marked} the report has ${plural(errors, "error")} and ${plural(warnings, "warning")} — run "gov-report check" to see them`);
  return 0;
}

const USAGE_LINES = USAGE.trimEnd().split("\n");

/**
 * Entry point: returns the exit code. Expected failures — bad input, bad usage — print one line
 * on stderr (bad usage then the usage), exit 2; nothing prints a stack trace.
 */
export async function main(args: string[], io: Io): Promise<number> {
  const out = terminalOutput(io);
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "check":
        return await runCheck(rest, io, out);
      case "import":
        return await runImport(rest, out);
      case "render":
        return await runRender(rest, out);
      case "schema": {
        const { options } = parseArgs(rest, []);
        out.json(reportJsonSchema(options.get("draft") ? "draft" : "strict"));
        return 0;
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        out.lines(USAGE_LINES);
        return command === undefined ? 2 : 0;
      default:
        throw usageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof CliError) {
      out.error(error.message);
      if (error.options.usage) out.errorLines(["", ...USAGE_LINES]);
      return error.options.exitCode ?? 2;
    }
    if (error instanceof SourceError) {
      out.error(error.message);
      return 2;
    }
    out.error(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 3;
  }
}

/** 「1 error」, 「2 errors」. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
