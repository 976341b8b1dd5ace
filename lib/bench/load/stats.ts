/**
 * Latency and outcome records of one scenario, per request kind. Every scenario is bounded in
 * request count (settings.maxRequests), so keeping each latency and sorting gives exact
 * percentiles without a histogram's rounding.
 */

export type Outcome = { status: number } | { error: "timeout" | "network"; message: string };

export class KindStats {
  readonly latencies: number[] = [];
  /** Answers by HTTP status, and failures without one (timeout, network). */
  readonly outcomes = new Map<string, number>();
  errors = 0;
  bytes = 0;
  /** The server's Server-Timing phases of each answer that had them, by phase name. */
  readonly phases = new Map<string, number[]>();

  constructor(readonly kind: string) {}

  /** Keeps an answer's Server-Timing phases (parsed: lib/utils/server-timing.ts). */
  recordPhases(phases: Record<string, number>) {
    for (const [name, ms] of Object.entries(phases)) {
      const list = this.phases.get(name) ?? [];
      list.push(ms);
      this.phases.set(name, list);
    }
  }

  /** e.g. `auth 2.1/4.0, header 0.6/1.2, … total 9.0/14.2` (p50/p95 ms), or null when the server sent none. */
  phaseLine(): string | null {
    if (!this.phases.size) return null;
    return [...this.phases]
      .map(([name, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return `${name} ${percentile(sorted, 50).toFixed(1)}/${percentile(sorted, 95).toFixed(1)}`;
      })
      .join(", ");
  }

  record(ms: number, outcome: Outcome, bytes = 0) {
    this.latencies.push(ms);
    this.bytes += bytes;
    const key = "status" in outcome ? String(outcome.status) : outcome.error;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    // Errors: anything but 2xx/3xx, and every timeout or network failure.
    if (!("status" in outcome) || outcome.status < 200 || outcome.status >= 400) this.errors++;
  }

  get count() {
    return this.latencies.length;
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Summary {
  kind: string;
  count: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** Average answer size in bytes. */
  size: number;
  outcomes: string;
}

export function summarize(stats: KindStats, seconds: number): Summary {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  const outcomes = [...stats.outcomes.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key}×${n}`)
    .join(" ");
  return {
    kind: stats.kind,
    count: stats.count,
    throughput: stats.count / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    errors: stats.errors,
    size: stats.count ? stats.bytes / stats.count : 0,
    outcomes,
  };
}

/** All kinds together, as one more row. */
export function combined(all: KindStats[]): KindStats {
  const total = new KindStats("all");
  for (const s of all) {
    total.latencies.push(...s.latencies);
    total.errors += s.errors;
    total.bytes += s.bytes;
    for (const [key, n] of s.outcomes) total.outcomes.set(key, (total.outcomes.get(key) ?? 0) + n);
  }
  return total;
}

const ms = (v: number) => (Number.isNaN(v) ? "—" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);

export function formatTable(rows: Summary[]): string {
  const header = ["kind", "count", "req/s", "p50", "p95", "p99", "max", "errors", "size", "answers"];
  const size = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} kB` : `${bytes.toFixed(0)} B`);
  const lines = rows.map((r) => [r.kind, String(r.count), r.throughput.toFixed(1), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), String(r.errors), size(r.size), r.outcomes]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => "  " + cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [fmt(header), ...lines.map(fmt)].join("\n");
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
