import { TEMPLATES } from "../../templates";
import { formatForYear, templateCells, type CellDef } from "../template/cells";
import type { FormatVersion, ReportTemplate } from "../template/types";
import { normalizeValue, type ValueProblem } from "./normalize-value";
import { validateReportInput } from "./input-shape";
import type { SchemaMode, TReportInput } from "./schema";
import type { ShapeIssue } from "./shape";

/** A numeric cell as given and as read. */
export interface CellState {
  def: CellDef;
  /** What the input held (number, string as written, or null/absent). */
  raw: unknown;
  value: number | null;
  rewritten: boolean;
  problem?: ValueProblem;
}

/** A validated report with its format resolved and every cell normalized. */
export interface PreparedReport {
  input: TReportInput;
  template: ReportTemplate;
  /** The format the report is laid out in: `format` when given, else the year's. */
  format: FormatVersion;
  /** The format the year calls for. */
  formatForYear: FormatVersion;
  cells: Map<string, CellState>;
  /** Memo of computed sums, filled lazily by values.ts. */
  computed: Map<string, number | null>;
}

/** A problem with the shape of the input JSON, located by its JSON path. */
export interface InputIssue {
  path: string;
  message: string;
}

export type PrepareResult = { ok: true; report: PreparedReport } | { ok: false; issues: InputIssue[] };

function pathOf(path: PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "(root)";
}

function describeIssue(issue: ShapeIssue, format: FormatVersion): InputIssue[] {
  if (issue.code === "unrecognized_keys") {
    const where = issue.path[0] === "tables" ? ` (not an id of the ${format} format)` : "";
    return issue.keys!.map((key) => ({ path: pathOf([...issue.path, key]), message: `unknown key "${key}"${where}` }));
  }
  if (issue.code === "invalid_union") {
    // Report the branch that got furthest instead of a bare "invalid input": one whose type
    // matched (its issues are not a wrong type at the value itself), with the fewest issues.
    const branches = issue.errors!;
    const typeMatched = branches.filter((branch) => !branch.every((inner) => inner.code === "invalid_type" && inner.path.length === 0));
    const candidates = typeMatched.length ? typeMatched : branches;
    const best = candidates.reduce((a, b) => (a.length <= b.length ? a : b), candidates[0] ?? []);
    if (best?.length) return best.flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, format));
  }
  return [{ path: pathOf(issue.path), message: issue.message }];
}

/** Which format a raw input asks for, before validation (so the right schema can validate it). */
function requestedFormat(input: unknown): FormatVersion | null {
  if (typeof input !== "object" || input === null) return null;
  const { format, year } = input as { format?: unknown; year?: unknown };
  if (format === "2019" || format === "2021") return format;
  if (typeof year === "number" && Number.isInteger(year)) return formatForYear(year, TEMPLATES);
  return "2021";
}

/**
 * Validates an interchange JSON value against its format's schema and normalizes every cell.
 * Shape errors (wrong types, unknown ids) are returned as issues; content problems are left to
 * the rule engine.
 */
export function prepareReport(input: unknown, mode: SchemaMode = "draft"): PrepareResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: "(root)", message: "expected a JSON object" }] };
  }
  const format = requestedFormat(input)!;
  const parsed = validateReportInput(format, mode, input);
  if (!parsed.success) return { ok: false, issues: parsed.issues.flatMap((issue) => describeIssue(issue, format)) };

  const template = TEMPLATES[format];
  const data = parsed.data;
  const cells = new Map<string, CellState>();
  for (const [key, def] of templateCells(template)) {
    const table = data.tables?.[def.table] as Record<string, Record<string, unknown> | undefined> | undefined;
    const raw = table?.[def.row]?.[def.col] ?? null;
    cells.set(key, { def, raw, ...normalizeValue(raw, def.kind) });
  }
  return {
    ok: true,
    report: {
      input: data,
      template,
      format,
      formatForYear: formatForYear(data.year, TEMPLATES),
      cells,
      computed: new Map(),
    },
  };
}
