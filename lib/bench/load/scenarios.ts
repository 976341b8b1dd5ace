/**
 * The load benchmark's scenarios. Every loop stops by time and by count: a client starts no
 * request after the deadline or past the request cap, each request has the client timeout, and
 * a watchdog aborts whatever is still in flight a little after deadline + timeout.
 */
import type { LoadClient, RequestSpec } from "./load-client";
import type { SeededEditor } from "./seed-load";
import { parseServerTiming } from "../../utils/server-timing";
import { KindStats } from "./stats";

export interface ScenarioResult {
  stats: KindStats[];
  /** Wall time from the first request to the last answer. */
  seconds: number;
}

interface Limits {
  durationMs: number;
  maxRequests: number;
  timeoutMs: number;
}

/** Runs `clients` loops until the deadline or the request cap; each loop returns when it stops. */
async function runLoops(client: LoadClient, clients: number, limits: Limits, loop: (index: number, canStart: () => boolean) => Promise<void>): Promise<number> {
  const started = performance.now();
  const deadline = started + limits.durationMs;
  let startedRequests = 0;
  const canStart = () => {
    if (performance.now() >= deadline || startedRequests >= limits.maxRequests) return false;
    startedRequests++;
    return true;
  };
  const watchdog = setTimeout(() => client.abortAll(), limits.durationMs + limits.timeoutMs + 5000);
  try {
    await Promise.all(Array.from({ length: clients }, (_, i) => loop(i, canStart)));
  } finally {
    clearTimeout(watchdog);
  }
  return (performance.now() - started) / 1000;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Small deterministic PRNG, one per client, so runs are comparable. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface ReadTargets {
  published: { slug: string; year: number; revisions: number }[];
  /** Session cookies of reviewers; client i uses reviewer i mod n. */
  reviewerCookies: string[];
}

export type ReadKind = "public page" | "public pdf" | "review queue";

export function readRequest(kind: ReadKind, targets: ReadTargets, client: number, pick: () => number): RequestSpec {
  const report = targets.published[Math.floor(pick() * targets.published.length)];
  const base = `/reports/${encodeURIComponent(report.slug)}/${report.year}`;
  if (kind === "public page") return { path: base };
  if (kind === "public pdf") return { path: `/api/public${base}/pdf?revision=${1 + Math.floor(pick() * report.revisions)}` };
  return { path: "/workspace/review", headers: { cookie: targets.reviewerCookies[client % targets.reviewerCookies.length] } };
}

/** (a)/(d): concurrent clients, each sending one read after another, the kind drawn by weight. */
export async function mixedReads(
  client: LoadClient,
  targets: ReadTargets,
  mix: Record<"page" | "pdf" | "queue", number>,
  clients: number,
  thinkMs: number,
  limits: Limits,
): Promise<ScenarioResult> {
  const kinds: [ReadKind, number][] = [
    ["public page", mix.page],
    ["public pdf", mix.pdf],
    ["review queue", mix.queue],
  ];
  const total = kinds.reduce((s, [, w]) => s + w, 0);
  const stats = new Map(kinds.map(([k]) => [k, new KindStats(k)]));
  const seconds = await runLoops(client, clients, limits, async (i, canStart) => {
    const pick = random(1 + i * 7919);
    while (canStart()) {
      let r = pick() * total;
      const kind = kinds.find(([, w]) => (r -= w) < 0)?.[0] ?? kinds[0][0];
      const answer = await client.send(readRequest(kind, targets, i, pick));
      stats.get(kind)!.record(answer.ms, answer.outcome, answer.body?.length);
      if (thinkMs) await sleep(thinkMs);
    }
  });
  return { stats: [...stats.values()], seconds };
}

export interface Editor extends SeededEditor {
  cookie: string;
}

/** What an editor types between two autosaves: the problems section grows a sentence. */
function edited(editor: Editor, n: number) {
  const sections = editor.content.sections as Record<string, unknown>;
  return { ...editor.content, sections: { ...sections, problems: `${String(sections.problems)}（第 ${n} 次修改）` } };
}

/**
 * One autosave: PUT /api/reports/<id> with the version the editor has; the answer's version is
 * the next one. After a failure the editor reloads the stored version (not counted), as the
 * wizard does after a conflict.
 */
async function save(client: LoadClient, editor: Editor, n: number, stats: KindStats) {
  const answer = await client.send({
    method: "PUT",
    path: `/api/reports/${encodeURIComponent(editor.reportId)}`,
    headers: { cookie: editor.cookie, "content-type": "application/json", origin: client.origin },
    body: JSON.stringify({ version: editor.version, content: edited(editor, n) }),
  });
  stats.record(answer.ms, answer.outcome, answer.body?.length);
  const timing = answer.headers?.["server-timing"];
  if (typeof timing === "string") stats.recordPhases(parseServerTiming(timing));
  if (answer.status === 200) {
    editor.version = (JSON.parse(answer.body!.toString("utf8")) as { version: number }).version;
    return;
  }
  const reload = await client.send({ path: `/api/reports/${encodeURIComponent(editor.reportId)}`, headers: { cookie: editor.cookie } });
  if (reload.status === 200) editor.version = (JSON.parse(reload.body!.toString("utf8")) as { version: number }).version;
}

/** (b): every editor saves their own report once per interval (starts spread over one interval). */
export async function autosaves(client: LoadClient, editors: Editor[], intervalMs: number, limits: Limits): Promise<ScenarioResult> {
  const stats = new KindStats("autosave");
  const seconds = await runLoops(client, editors.length, limits, async (i, canStart) => {
    const editor = editors[i];
    let tick = performance.now() + (i / editors.length) * intervalMs;
    await sleep(tick - performance.now());
    for (let n = 1; canStart(); n++) {
      await save(client, editor, n, stats);
      // Once per interval; a save that took longer is followed at once, never by a burst.
      tick = Math.max(tick + intervalMs, performance.now());
      await sleep(tick - performance.now());
    }
  });
  return { stats: [stats], seconds };
}

/** (c)/(e): one client alone, `count` requests one after another. */
export async function sequential(client: LoadClient, kind: string, count: number, limits: Limits, request: (n: number, stats: KindStats) => Promise<void>): Promise<ScenarioResult> {
  const stats = new KindStats(kind);
  let n = 0;
  const seconds = await runLoops(client, 1, { ...limits, maxRequests: Math.min(count, limits.maxRequests) }, async (_, canStart) => {
    while (canStart()) await request(++n, stats);
  });
  return { stats: [stats], seconds };
}

export async function singleSaves(client: LoadClient, editor: Editor, count: number, limits: Limits) {
  return sequential(client, "autosave (alone)", count, limits, (n, stats) => save(client, editor, 100_000 + n, stats));
}

export async function singleReads(client: LoadClient, targets: ReadTargets, kind: ReadKind, count: number, limits: Limits) {
  const pick = random(42);
  return sequential(client, `${kind} (alone)`, count, limits, async (_, stats) => {
    const answer = await client.send(readRequest(kind, targets, 0, pick));
    stats.record(answer.ms, answer.outcome, answer.body?.length);
  });
}
