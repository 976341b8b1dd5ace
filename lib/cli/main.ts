import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { prepareReport, type InputIssue, type PreparedReport } from "../report/prepare-report";
import { reportJsonSchema } from "../report/json-schema";
import { cellKey } from "../report/cell-ref";
import { checkReport, countFindings } from "../rules/check-report";
import type { Finding } from "../rules/types";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `Usage:
  gov-report check <report.json> [--json] [--previous <last-year.json>]
      Check a report against the official format and its balance rules.
      Exit 0 when there are no errors, 1 when there are errors, 2 on bad input.
  gov-report render <report.json> --format docx|pdf|html -o <file>
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
    } else if (["json", "draft", "help", "h"].includes(name)) {
      options.set(name, true);
    } else {
      throw new CliError(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return { positional, options };
}

async function readReport(file: string): Promise<PreparedReport> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read the file (${code === "ENOENT" ? "no such file" : code ?? "read error"})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const result = prepareReport(json);
  if (!result.ok) throw new CliError(formatIssues(file, result.issues));
  return result.report;
}

function formatIssues(file: string, issues: InputIssue[]): string {
  const lines = issues.slice(0, 20).map((issue) => `  at ${issue.path}: ${issue.message}`);
  if (issues.length > 20) lines.push(`  … and ${issues.length - 20} more`);
  return `${file}: not a valid report\n${lines.join("\n")}`;
}

function formatFinding(finding: Finding): string {
  const label = finding.severity === "error" ? "ERROR  " : "WARNING";
  const lines = [`${label} [${finding.ruleId}] ${finding.message}`];
  if (finding.cells.length) {
    const cells = finding.cells.slice(0, 6).map(cellKey).join(", ");
    lines.push(`        cells: ${cells}${finding.cells.length > 6 ? `, … (${finding.cells.length} cells)` : ""}`);
  }
  if (finding.quote && !finding.message.includes(finding.quote)) lines.push(`        text: ${finding.quote}`);
  return lines.join("\n");
}

async function runCheck(args: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(args, ["previous"]);
  if (positional.length !== 1) throw new CliError(`check needs exactly one report file\n\n${USAGE}`);
  const report = await readReport(positional[0]);
  const previousFile = options.get("previous");
  const previous = typeof previousFile === "string" ? await readReport(previousFile) : undefined;
  const findings = checkReport(report, { previous });
  const { errors, warnings } = countFindings(findings);
  if (options.get("json")) {
    io.stdout(`${JSON.stringify({ file: positional[0], format: report.format, errors, warnings, findings }, null, 2)}\n`);
  } else {
    const head = `${report.input.agency} ${report.input.year}年度报告（${report.format} 年版格式）：${errors} 个错误，${warnings} 个警告`;
    io.stdout([head, ...findings.map(formatFinding)].join("\n\n") + "\n");
  }
  return errors > 0 ? 1 : 0;
}

const FORMATS = ["docx", "pdf", "html"] as const;
type OutputFormat = (typeof FORMATS)[number];

async function renderTo(format: OutputFormat, report: PreparedReport): Promise<Uint8Array | string> {
  const { buildDocument } = await import("../document/build-document");
  const document = buildDocument(report);
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
  const content = await renderTo(format as OutputFormat, report);
  try {
    await writeFile(output, content);
  } catch (error) {
    throw new CliError(`${output}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? "write error"})`);
  }
  const { errors, warnings } = countFindings(checkReport(report));
  io.stderr(`wrote ${output} (${basename(output)}); the report has ${errors} errors and ${warnings} warnings — run "gov-report check" to see them\n`);
  return 0;
}

/** Entry point: returns the exit code. Expected failures print one clear message, exit 2. */
export async function main(args: string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "check":
        return await runCheck(rest, io);
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
    io.stderr(`gov-report: internal error: ${(error as Error).message ?? String(error)}\n`);
    return 3;
  }
}
