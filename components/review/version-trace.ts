/** An audit event as the trace needs it. */
export interface TraceEvent {
  at: Date | string;
  action: string;
  actor: string | null;
  versionId: string | null;
  details?: unknown;
}

export interface TraceVersion {
  id: string;
  number: number;
}

export interface VersionTrace {
  versionId: string;
  number: number;
  /** Who saved the content that went into this version (in order of first save). */
  writers: string[];
  submittedBy: string | null;
  submittedAt: Date | null;
  /** The reviewer's decision on this version, if any. */
  decision: { kind: "returned" | "approved"; by: string | null; at: Date; reason: string | null } | null;
  /** Publications of this version (a version is published at most once in practice). */
  published: { by: string | null; at: Date; correctionNote: string | null }[];
}

function detail(details: unknown, key: string): string | null {
  const value = details && typeof details === "object" ? (details as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/**
 * Who wrote, checked and released each submitted version, read from the audit trail in time
 * order: saves before a submission belong to the version it froze; a return or approval belongs to
 * the version under review at that moment; a publication names its version. Newest version first.
 */
export function traceVersions(versions: TraceVersion[], events: TraceEvent[]): VersionTrace[] {
  const traces = new Map<string, VersionTrace>(
    versions.map((v) => [v.id, { versionId: v.id, number: v.number, writers: [], submittedBy: null, submittedAt: null, decision: null, published: [] }]),
  );
  const ordered = [...events].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  let writers: string[] = [];
  let current: VersionTrace | null = null;
  for (const event of ordered) {
    const at = new Date(event.at);
    if (event.action === "report.save") {
      if (event.actor && !writers.includes(event.actor)) writers.push(event.actor);
    } else if (event.action === "report.submit") {
      current = (event.versionId && traces.get(event.versionId)) || null;
      if (current) {
        current.writers = writers.length ? writers : event.actor ? [event.actor] : [];
        current.submittedBy = event.actor;
        current.submittedAt = at;
      }
      writers = [];
    } else if ((event.action === "report.return" || event.action === "report.approve") && current) {
      current.decision = { kind: event.action === "report.return" ? "returned" : "approved", by: event.actor, at, reason: detail(event.details, "reason") };
    } else if (event.action === "report.publish") {
      const version = (event.versionId && traces.get(event.versionId)) || current;
      version?.published.push({ by: event.actor, at, correctionNote: detail(event.details, "correctionNote") });
    }
  }
  return [...traces.values()].sort((a, b) => b.number - a.number);
}
