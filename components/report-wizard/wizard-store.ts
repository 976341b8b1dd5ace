import { cellKey, parseCellKey, type CellRef } from "@/lib/report/cell-ref";
import { prepareReport, type InputIssue, type PreparedReport } from "@/lib/report/prepare-report";
import type { TReportInput } from "@/lib/report/schema";
import { computedValue, effectiveValue, givenValue, sumRuleFor } from "@/lib/report/values";
import { stepStatuses, type StepStatus, type WizardStepId } from "@/lib/wizard/wizard-steps";
import { checkReport } from "@/lib/rules/check-report";
import type { RuleLevels } from "@/lib/rules/rule-levels";
import type { Finding, Severity } from "@/lib/rules/types";
import type { AgencyKind } from "@/lib/workflow/deadline";

/** What one table cell shows; the object keeps its identity while nothing about it changes. */
export interface CellView {
  /** As stored (a number, null, or text imported from a published report). */
  raw: unknown;
  /** What the report prints: the given value, or the computed one for a blank total. */
  value: number | null;
  /** For totals: the sum of the terms. */
  computed: number | null;
  /** For totals: a value stored in the draft (imported), which may disagree with the sum. */
  given: number | null;
  readOnly: boolean;
  severity: Severity | null;
  messages: string[];
  /** The only finding is the blank-cell warning: shown quietly, it is the normal state of a new table. */
  blankOnly: boolean;
}

export interface WizardSnapshot {
  /** Increases with every recompute. */
  revision: number;
  values: TReportInput;
  /** Null while the draft does not validate (see `issues`). */
  prepared: PreparedReport | null;
  issues: InputIssue[];
  /** Identity is kept while the findings stay the same, so the panels re-render only on change. */
  findings: Finding[];
  statuses: Record<WizardStepId, StepStatus>;
  /** How long prepare + check took, in ms. */
  checkMs: number;
}

/**
 * The blank-cell warning lists every blank cell of a table; beside one cell the short form says
 * what to do (and stays the same while other cells are filled, so those cells do not re-render).
 */
const BLANK_CELL_MESSAGE = "此单元格空白。没有发生的事项应填 0，不应留空。";

const EMPTY_VIEW: CellView = { raw: null, value: null, computed: null, given: null, readOnly: false, severity: null, messages: [], blankOnly: false };

function sameView(a: CellView, b: CellView): boolean {
  return (
    a.raw === b.raw &&
    a.value === b.value &&
    a.computed === b.computed &&
    a.given === b.given &&
    a.readOnly === b.readOnly &&
    a.severity === b.severity &&
    a.blankOnly === b.blankOnly &&
    a.messages.length === b.messages.length &&
    a.messages.every((m, i) => m === b.messages[i])
  );
}

/** What makes two findings the same for the screen: rule, level, message, cells, figures, place. */
function findingSignature(f: Finding): string {
  return [f.severity, f.ruleId, f.message, f.cells.map(cellKey).join(","), f.expected ?? "", f.actual ?? "", f.section ?? "", f.quote ?? "", f.fix ? JSON.stringify(f.fix) : ""].join("|");
}

const metaCache = new WeakMap<PreparedReport["template"], Map<string, { ref: CellRef; readOnly: boolean }>>();

/** Per template: each cell's address and whether it is a total (looked up once, used per keystroke). */
function cellMeta(prepared: PreparedReport) {
  let meta = metaCache.get(prepared.template);
  if (!meta) {
    meta = new Map();
    for (const key of prepared.cells.keys()) {
      const ref = parseCellKey(key)!;
      meta.set(key, { ref, readOnly: Boolean(sumRuleFor(prepared, ref)) });
    }
    metaCache.set(prepared.template, meta);
  }
  return meta;
}

/**
 * The live check behind the wizard: on every change the same `prepareReport` + `checkReport` as
 * the server and the CLI run on the current values (with last year's report for the cross-year
 * rules). Components subscribe to just the part they show (one cell, the findings, the step
 * statuses) through useSyncExternalStore, so a keystroke re-renders only what changed.
 */
export class WizardStore {
  private listeners = new Set<() => void>();
  private snapshot: WizardSnapshot;
  private views = new Map<string, CellView>();
  /** The last check's findings by signature: an unchanged finding keeps its object, so its row does not re-render. */
  private lastFindings = new Map<string, Finding>();
  private muted = 0;

  constructor(
    values: TReportInput,
    private readonly previous: PreparedReport | undefined,
    /** The agency's stored kind, for the deadline check; the name decides without it. */
    private readonly agencyKind?: AgencyKind,
    /** The deployment's rule levels (issue 12.6), as the server applies them. */
    private readonly ruleLevels?: RuleLevels,
  ) {
    this.snapshot = this.compute(values, 0);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): WizardSnapshot => this.snapshot;

  /**
   * Runs programmatic value changes (paste, reload, merge) without the per-change work; the caller
   * recomputes once afterwards.
   */
  runMuted(apply: () => void): void {
    this.muted++;
    try {
      apply();
    } finally {
      this.muted--;
    }
  }

  get isMuted(): boolean {
    return this.muted > 0;
  }

  cell(key: string): CellView {
    return this.views.get(key) ?? EMPTY_VIEW;
  }

  /** Recomputes everything from the form's current values and tells the subscribers. */
  update(values: TReportInput): void {
    this.snapshot = this.compute(values, this.snapshot.revision + 1);
    // For profiling and the e2e latency test: the check alone (the mark covers check + render).
    performance.measure?.("gov-report:check", { start: performance.now() - this.snapshot.checkMs, duration: this.snapshot.checkMs });
    for (const listener of this.listeners) listener();
  }

  private compute(values: TReportInput, revision: number): WizardSnapshot {
    const started = performance.now();
    const result = prepareReport(values, "draft");
    const previousSnapshot = this.snapshot as WizardSnapshot | undefined;
    if (!result.ok) {
      // Keep showing the last good cells; the issues say what to fix.
      return {
        revision,
        values,
        prepared: null,
        issues: result.issues,
        findings: previousSnapshot?.findings ?? [],
        statuses: previousSnapshot?.statuses ?? stepStatuses([], values),
        checkMs: performance.now() - started,
      };
    }
    const prepared = result.report;
    const found = checkReport(prepared, {
      ...(this.previous && { previous: this.previous }),
      ...(this.agencyKind && { agencyKind: this.agencyKind }),
      ...(this.ruleLevels && { ruleLevels: this.ruleLevels }),
    });
    // Findings are new objects on every check: keep the previous object of each unchanged one
    // (FindingItem is memoized on it), and the previous array when nothing changed at all.
    const byKey = new Map<string, Finding>();
    const reused = found.map((finding) => {
      const key = findingSignature(finding);
      const kept = this.lastFindings.get(key) ?? byKey.get(key) ?? finding;
      byKey.set(key, kept);
      return kept;
    });
    const previousFindings = previousSnapshot?.findings;
    const unchanged = previousFindings !== undefined && previousFindings.length === reused.length && reused.every((f, i) => f === previousFindings[i]);
    const findings = unchanged ? previousFindings : reused;
    this.lastFindings = byKey;
    this.updateViews(prepared, findings);
    const statuses = stepStatuses(findings, prepared.input);
    const sameStatuses = previousSnapshot && JSON.stringify(previousSnapshot.statuses) === JSON.stringify(statuses);
    return {
      revision,
      values,
      prepared,
      issues: [],
      findings,
      statuses: sameStatuses ? previousSnapshot.statuses : statuses,
      checkMs: performance.now() - started,
    };
  }

  private updateViews(prepared: PreparedReport, findings: Finding[]): void {
    const byCell = new Map<string, { severity: Severity; messages: string[] }>();
    for (const finding of findings) {
      for (const ref of finding.cells) {
        const key = cellKey(ref);
        const entry = byCell.get(key) ?? { severity: finding.severity, messages: [] };
        if (finding.severity === "error") entry.severity = "error";
        const message = finding.ruleId === "value.blank" ? BLANK_CELL_MESSAGE : finding.message;
        if (!entry.messages.includes(message)) entry.messages.push(message);
        byCell.set(key, entry);
      }
    }
    const meta = cellMeta(prepared);
    for (const [key, state] of prepared.cells) {
      const { ref, readOnly } = meta.get(key)!;
      const marks = byCell.get(key);
      const next: CellView = {
        raw: state.raw,
        value: effectiveValue(prepared, ref),
        computed: readOnly ? computedValue(prepared, ref) : null,
        given: readOnly ? givenValue(prepared, ref) : null,
        readOnly,
        severity: marks?.severity ?? null,
        messages: marks?.messages ?? EMPTY_VIEW.messages,
        blankOnly: marks?.messages.length === 1 && marks.messages[0] === BLANK_CELL_MESSAGE,
      };
      const old = this.views.get(key);
      if (!old || !sameView(old, next)) this.views.set(key, next);
    }
  }
}
