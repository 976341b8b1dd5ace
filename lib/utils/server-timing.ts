/*
 * Where a request's time goes, as a Server-Timing header (https://www.w3.org/TR/server-timing/):
 * the browser's devtools and the e2e read it, so a slow save can be attributed to a phase without
 * a profiler attached. Framework-free: the route wrapper makes one per request and domain
 * functions mark their phases on it.
 */

export class PhaseTimer {
  private readonly started: number;
  private last: number;
  private readonly phases: [name: string, ms: number][] = [];

  constructor(private readonly now: () => number = () => performance.now()) {
    this.started = now();
    this.last = this.started;
  }

  /** Ends the phase running since the previous lap (or the start) and names it. */
  lap(name: string): void {
    const at = this.now();
    this.phases.push([name, at - this.last]);
    this.last = at;
  }

  /** e.g. `auth;dur=3.1, header;dur=0.8, total;dur=9.4` (milliseconds, one decimal). */
  header(): string {
    const entries = [...this.phases, ["total", this.now() - this.started] as [string, number]];
    return entries.map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(", ");
  }
}

/** The phases of a Server-Timing header, by name (the inverse of PhaseTimer.header). */
export function parseServerTiming(header: string | null | undefined): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const entry of (header ?? "").split(",")) {
    const match = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)/.exec(entry);
    if (match) phases[match[1]] = Number(match[2]);
  }
  return phases;
}
