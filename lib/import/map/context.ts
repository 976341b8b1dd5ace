import type { TStatedLabel } from "../../report/schema";
import type { SourceLocation } from "../intermediate";
import type { Deviation, DeviationKind, ImportProblem, Unplaced, UnplacedReason } from "../types";
import { classifyLabel, MATCH_RANK, prepareLabel, type MatchKind } from "./labels";

/** What the mapper's modules record while they map: provenance, deviations, unplaced, problems. */
export interface MapContext {
  provenance: Record<string, SourceLocation>;
  deviations: Deviation[];
  unplaced: Unplaced[];
  problems: ImportProblem[];
  /** Published forms of each official label, in order of appearance, resolved by `labelDeviations`. */
  labels: Map<string, { official: string; seen: { published: string; at: SourceLocation; kind?: DeviationKind }[] }>;
}

export function newContext(): MapContext {
  return { provenance: {}, deviations: [], unplaced: [], problems: [], labels: new Map() };
}

export function problem(ctx: MapContext, code: string, message: string, at?: SourceLocation) {
  ctx.problems.push(at ? { code, message, at } : { code, message });
}

export function unplace(ctx: MapContext, text: string, at: SourceLocation, reason: UnplacedReason, where?: string) {
  if (text.trim() === "") return;
  ctx.unplaced.push(where ? { text, at, reason, where } : { text, at, reason });
}

/**
 * Notes a published label for an official one. `kind` forces the deviation kind (an improvised
 * row); otherwise it is worked out when all forms of the label are known.
 */
export function noteLabel(ctx: MapContext, ref: string, official: string, published: string, at: SourceLocation, kind?: DeviationKind) {
  let entry = ctx.labels.get(ref);
  if (!entry) {
    entry = { official, seen: [] };
    ctx.labels.set(ref, entry);
  }
  // A label printed a few ways is real; hundreds of forms are noise not worth keeping.
  if (entry.seen.length < 50 && !entry.seen.some((s) => s.published === published && s.kind === kind)) entry.seen.push({ published, at, kind });
}

/**
 * Label deviations, one per label ref and published form. A label split over cells (「(四)」,
 * 「无法提供」) is judged as the fragments joined, when that reads closer to the official label.
 */
export function labelDeviations(ctx: MapContext): Deviation[] {
  const out: Deviation[] = [];
  for (const [ref, { official, seen }] of ctx.labels) {
    const forced = seen.filter((s) => s.kind);
    const plain = seen.filter((s) => !s.kind);
    for (const s of forced) out.push({ where: ref, published: s.published, official, kind: s.kind!, at: s.at });
    if (!plain.length) continue;
    const prepared = prepareLabel(official);
    const judged = plain.map((s) => ({ ...s, match: classifyLabel(prepareLabel(s.published), prepared) }));
    const rank = (m: MatchKind | null) => (m ? MATCH_RANK[m] : 99);
    if (judged.length > 1) {
      const joined = judged.map((s) => s.published).join("");
      const match = classifyLabel(prepareLabel(joined), prepared);
      if (rank(match) < Math.min(...judged.map((s) => rank(s.match)))) {
        if (match !== "exact") out.push({ where: ref, published: joined, official, kind: match ?? "reworded", at: judged[0].at });
        continue;
      }
    }
    for (const s of judged) {
      if (s.match === "exact") continue;
      out.push({ where: ref, published: s.published, official, kind: s.match ?? "reworded", at: s.at });
    }
  }
  return out;
}

/** The contract's `stated.labels`: label deviations without their locations. */
export function statedLabels(deviations: Deviation[]): TStatedLabel[] {
  return deviations
    .filter((d) => !d.where.startsWith("section.") && d.official !== null && d.published.length <= 300)
    .map((d) => ({ ref: d.where, published: d.published, official: d.official!, kind: d.kind as TStatedLabel["kind"] }));
}
