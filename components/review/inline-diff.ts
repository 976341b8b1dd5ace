/** A run of text, marked when it differs from the other side. */
export interface Segment {
  text: string;
  changed: boolean;
}

export interface InlineDiff {
  /** The old paragraph: unchanged runs and deleted runs. */
  before: Segment[];
  /** The new paragraph: unchanged runs and inserted runs. */
  after: Segment[];
}

/**
 * Tokens a reader sees as units: whole numbers (so 1200 → 1300 is one change, not "2" → "3"),
 * Latin words, runs of spaces, and single Hanzi or punctuation marks.
 */
export function tokenize(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?|[A-Za-z]+|\s+|[\s\S]/gu) ?? [];
}

/** Above this many token pairs the LCS table gets slow; fall back to trimming common ends. */
const MAX_CELLS = 400_000;

function push(segments: Segment[], text: string, changed: boolean) {
  if (!text) return;
  const last = segments.at(-1);
  if (last && last.changed === changed) last.text += text;
  else segments.push({ text, changed });
}

/** Common prefix and suffix unchanged, the middle changed: coarse but linear. */
function trimDiff(before: string, after: string): InlineDiff {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const side = (text: string): Segment[] => {
    const segments: Segment[] = [];
    push(segments, text.slice(0, start), false);
    push(segments, text.slice(start, text.length - end), true);
    push(segments, text.slice(text.length - end), false);
    return segments;
  };
  return { before: side(before), after: side(after) };
}

type Op = { op: "=" | "-" | "+"; text: string };

/** Between two equalities: all deletions first, then all insertions; adjacent equalities joined. */
function normalize(ops: Op[]): Op[] {
  const out: Op[] = [];
  let del = "";
  let ins = "";
  const flush = () => {
    if (del) out.push({ op: "-", text: del });
    if (ins) out.push({ op: "+", text: ins });
    del = ins = "";
  };
  for (const { op, text } of ops) {
    if (op === "-") del += text;
    else if (op === "+") ins += text;
    else {
      flush();
      const last = out.at(-1);
      if (last?.op === "=") last.text += text;
      else out.push({ op, text });
    }
  }
  flush();
  return out;
}

/** Lengths of the deletions and insertions next to ops[i], up to the next equality in that direction. */
function runAround(ops: Op[], i: number, step: 1 | -1) {
  let del = 0;
  let ins = 0;
  for (let j = i + step; j >= 0 && j < ops.length && ops[j].op !== "="; j += step) {
    if (ops[j].op === "-") del += ops[j].text.length;
    else ins += ops[j].text.length;
  }
  return { del, ins };
}

/**
 * Character matches inside a rewritten clause are mostly chance (一步 of 下一步 and 进一步). As in
 * diff-match-patch's semantic cleanup, an equality no longer than the edits on either side of it
 * is folded into the edit when the edits around it replace text (delete and insert), so the reader
 * sees one rewrite instead of confetti; equalities between pure insertions (or pure deletions)
 * are real and stay.
 */
function cleanupChance(input: Op[]): Op[] {
  let ops = normalize(input);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 1; i < ops.length - 1; i++) {
      if (ops[i].op !== "=") continue;
      const [before, after] = [runAround(ops, i, -1), runAround(ops, i, 1)];
      const replacement = (before.del > 0 || after.del > 0) && (before.ins > 0 || after.ins > 0);
      const length = ops[i].text.length;
      if (replacement && length <= Math.max(before.del, before.ins) && length <= Math.max(after.del, after.ins)) {
        ops.splice(i, 1, { op: "-", text: ops[i].text }, { op: "+", text: ops[i].text });
        ops = normalize(ops);
        changed = true;
        break;
      }
    }
  }
  return ops;
}

/**
 * Where two versions of a paragraph differ, token by token (longest common subsequence), for a
 * side-by-side view that marks deletions on the left and insertions on the right.
 */
export function diffInline(before: string, after: string): InlineDiff {
  const a = tokenize(before);
  const b = tokenize(after);
  if (a.length * b.length > MAX_CELLS) return trimDiff(before, after);
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ op: "=", text: a[i++] });
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ op: "-", text: a[i++] });
    } else {
      ops.push({ op: "+", text: b[j++] });
    }
  }
  const result: InlineDiff = { before: [], after: [] };
  for (const { op, text } of cleanupChance(ops)) {
    if (op !== "+") push(result.before, text, op === "-");
    if (op !== "-") push(result.after, text, op === "+");
  }
  return result;
}
