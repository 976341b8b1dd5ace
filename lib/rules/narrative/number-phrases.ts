import type { NarrativeSubjectDef } from "../../template/types";

/*
 * Number phrases in a narrative sentence, read as people write them (C20).
 *
 * A sentence is first cut into tokens — the words that name a figure of the tables (subjects,
 * from the template), counts with their unit (「23件」, 「一件」, 「2起」), percentages, the markers that
 * give them a meaning (共, 其中, 含, 占比, 同比增长, 各, 分别, 率) and the punctuation between
 * clauses — and the tokens are then read by a small grammar:
 *
 *   sentence  := clause (separator clause)*
 *   clause    := [total] subject+ [各 | 分别] count+ | [total] count | share | change | including
 *   including := "（" (含|包括) subject count "）"   re-reads the count before as a sum
 *   share     := 占(比) … percent                  of the count before
 *   change    := (同比|较上年|比上年)(增长|下降…) (percent | count)   against last year
 *
 * A count takes the subject named last in its clause (「予以公开20件」, 「收到1件依申请公开」); a
 * count with no subject there is unbound (「其中当面申请5件」) and only counts as a part of a total.
 * Approximate counts (「3000余件」, 「约20件」, 「10件左右」) are no claims.
 */

export interface Span {
  /** Offsets in the compact sentence. */
  start: number;
  end: number;
}

export type Token =
  | (Span & { kind: "subject"; subject: NarrativeSubjectDef })
  | (Span & { kind: "count"; value: number; unit: string; approximate: boolean })
  | (Span & { kind: "percent"; value: number; decimals: number })
  | (Span & { kind: "marker"; marker: Marker })
  | (Span & { kind: "separator"; weak: boolean })
  | (Span & { kind: "open" | "close" });

type Marker = "total" | "among" | "including" | "share" | "increase" | "decrease" | "each" | "respectively" | "rate";

/** A count the sentence states for a figure of the tables. */
export interface CountClaim extends Span {
  kind: "count";
  /** The figure's subject, e.g. granted; the cells are the subject's (or narrower, see `within`). */
  subject: NarrativeSubjectDef;
  /** Cells whose sum the count must equal. */
  cells: string[];
  /** What the figure is called in a message. */
  name: string;
  value: number;
}

/** Counts after 其中 (or in a 含 parenthesis) that must not add up to more than the total before. */
export interface PartsClaim extends Span {
  kind: "parts";
  total: number;
  parts: number[];
}

/** 「占比X%」: the count before, as a share of its subject's `shareOf` figure. */
export interface ShareClaim extends Span {
  kind: "share";
  of: CountClaim;
  percent: number;
  decimals: number;
}

/** 「同比增长X%」, 「比上年减少N件」: the count before against last year's figure. */
export interface ChangeClaim extends Span {
  kind: "change";
  of: CountClaim;
  /** Signed: a decrease is negative. */
  value: number;
  unit: "percent" | "count";
  decimals: number;
}

export type Claim = CountClaim | PartsClaim | ShareClaim | ChangeClaim;

/**
 * Units of the tables' counts: applications and cases (件, 宗, 起) anywhere in the clause after
 * their subject; 条, 个 and 次 only right after it (「予以公开3条」, 「收到申请2个」), as they also count
 * posts and visits (「收到群众咨询50次」, 「发布信息300条」), which no table-3 or table-4 figure is.
 */
const COUNT_UNITS = "件宗起";
const TIGHT_UNITS = "条个次";
/** What may stand between a subject and a number in 条, 个 or 次: 「予以公开的3条」, 「收到政府信息公开申请2个」. */
const TIGHT_GAP = /^(?:政府信息公开|依申请公开|信息公开)?(?:申请|的|为|了|共|计|有|各){0,3}$/;
/** Words that make a count approximate, before or after it. */
const APPROX_BEFORE = ["大约", "将近", "超过", "约", "近", "逾"];
const APPROX_AFTER = ["余", "多", "左右", "以上"];

const MARKERS: [string, Marker][] = [
  ["其中", "among"],
  ["共计", "total"],
  ["合计", "total"],
  ["总计", "total"],
  ["累计", "total"],
  ["总数", "total"],
  ["共", "total"],
  ["包含", "including"],
  ["包括", "including"],
  ["含", "including"],
  ["占比", "share"],
  ["占", "share"],
  ["分别为", "respectively"],
  ["分别是", "respectively"],
  ["分别", "respectively"],
  ["各", "each"],
  ["率", "rate"],
];
/** Year-over-year words; a bare 增加 (increase of what?) is no claim. */
const CHANGE_PREFIXES = ["同比", "较上年度", "较上年", "比上年度", "比上年", "较去年", "比去年", "与上年相比", "较上一年度", "比上一年度"];
const CHANGE_VERBS: [string, Marker][] = [
  ["增长", "increase"],
  ["增加", "increase"],
  ["上升", "increase"],
  ["多", "increase"],
  ["下降", "decrease"],
  ["减少", "decrease"],
  ["降低", "decrease"],
  ["少", "decrease"],
];

/** Entries by their first character, for a look-up per character rather than a scan of all. */
function byFirstChar<T>(entries: readonly T[], word: (entry: T) => string): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const entry of entries) index.set(word(entry)[0], [...(index.get(word(entry)[0]) ?? []), entry]);
  return index;
}
const MARKER_INDEX = byFirstChar(MARKERS, ([m]) => m);
const CHANGE_PREFIX_INDEX = byFirstChar(CHANGE_PREFIXES, (p) => p);

const SEPARATORS = "，,；;：:。！!？?";
const WEAK_SEPARATORS = "、";
const OPEN = "（(";
const CLOSE = "）)";

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a Chinese numeral up to 9999 (「十二」, 「一百零五」), or undefined. */
export function chineseNumeral(text: string): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in CHINESE_DIGITS) {
      if (digit !== undefined && CHINESE_DIGITS[ch] !== 0) return undefined; // 「一二」 is no numeral
      digit = CHINESE_DIGITS[ch] || undefined;
    } else if (ch in CHINESE_UNITS) {
      total += (digit ?? 1) * CHINESE_UNITS[ch];
      digit = undefined;
    } else return undefined;
  }
  return total + (digit ?? 0);
}

/** Subject words by their first character, longest first, for maximal munch. */
function subjectIndex(subjects: readonly NarrativeSubjectDef[]): Map<string, { word: string; subject: NarrativeSubjectDef }[]> {
  const index = new Map<string, { word: string; subject: NarrativeSubjectDef }[]>();
  for (const subject of subjects) {
    for (const word of subject.words) {
      const list = index.get(word[0]) ?? [];
      list.push({ word, subject });
      index.set(word[0], list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.word.length - a.word.length);
  return index;
}

const indexes = new WeakMap<readonly NarrativeSubjectDef[], ReturnType<typeof subjectIndex>>();

const ARABIC = /^\d+(?:,\d{3})*(?:\.\d+)?/;
const NUMBER_START = /[0-9零一二两三四五六七八九十百千]/;
const CHINESE_RUN = /^[零一二两三四五六七八九十百千]+/;

/** The tokens of a compact sentence (no white space, ASCII digits: `compactText`). */
export function tokenize(sentence: string, subjects: readonly NarrativeSubjectDef[]): Token[] {
  let index = indexes.get(subjects);
  if (!index) indexes.set(subjects, (index = subjectIndex(subjects)));
  const tokens: Token[] = [];
  const startsWith = (at: number, word: string) => sentence.startsWith(word, at);
  for (let at = 0; at < sentence.length; ) {
    const ch = sentence[at];
    const subject = index.get(ch)?.find((s) => startsWith(at, s.word));
    if (subject) {
      tokens.push({ kind: "subject", subject: subject.subject, start: at, end: at + subject.word.length });
      at += subject.word.length;
      continue;
    }
    const number = numberAt(sentence, at);
    if (number) {
      tokens.push(number);
      at = number.end;
      continue;
    }
    const prefix = CHANGE_PREFIX_INDEX.get(ch)?.find((p) => startsWith(at, p));
    if (prefix) {
      const verb = CHANGE_VERBS.find(([v]) => startsWith(at + prefix.length, v));
      if (verb) {
        const end = at + prefix.length + verb[0].length;
        tokens.push({ kind: "marker", marker: verb[1], start: at, end });
        at = end;
        continue;
      }
    }
    const marker = MARKER_INDEX.get(ch)?.find(([m]) => startsWith(at, m));
    if (marker) {
      tokens.push({ kind: "marker", marker: marker[1], start: at, end: at + marker[0].length });
      at += marker[0].length;
      continue;
    }
    if (SEPARATORS.includes(ch) || WEAK_SEPARATORS.includes(ch)) tokens.push({ kind: "separator", weak: WEAK_SEPARATORS.includes(ch), start: at, end: at + 1 });
    else if (OPEN.includes(ch)) tokens.push({ kind: "open", start: at, end: at + 1 });
    else if (CLOSE.includes(ch)) tokens.push({ kind: "close", start: at, end: at + 1 });
    at++;
  }
  return tokens;
}

/** A count (number + unit) or a percentage starting at `at`, or undefined. */
function numberAt(sentence: string, at: number): Token | undefined {
  // Most characters start no number: spare them the slice and the regular expressions.
  if (!NUMBER_START.test(sentence[at])) return undefined;
  const rest = sentence.slice(at, at + 40);
  const percentWords = /^百分之([\d.]+)/.exec(rest);
  if (percentWords) return percentToken(percentWords[1], at, at + percentWords[0].length);
  // A digit continuing a word (「A4纸」, 「2020年」) is read from its start only.
  if (at > 0 && /[\dA-Za-z.]/.test(sentence[at - 1])) return undefined;
  const arabic = ARABIC.exec(rest);
  const chinese = arabic ? undefined : CHINESE_RUN.exec(rest);
  const digits = arabic?.[0] ?? chinese?.[0];
  if (!digits) return undefined;
  let end = at + digits.length;
  if (arabic && (sentence[end] === "%" || sentence[end] === "％")) return percentToken(digits, at, end + 1);
  const approxAfter = APPROX_AFTER.find((w) => sentence.startsWith(w, end) && w !== "以上");
  if (approxAfter) end += approxAfter.length;
  const unit = sentence[end];
  // Chinese numerals only before 件: 「一是」, 「三安全」 and 「一次性」 are not counts.
  if (!unit || !(COUNT_UNITS.includes(unit) || TIGHT_UNITS.includes(unit)) || (chinese && unit !== "件")) return undefined;
  end++;
  const value = arabic ? Number(digits.replace(/,/g, "")) : chineseNumeral(digits);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const approximate =
    approxAfter !== undefined ||
    APPROX_BEFORE.some((w) => sentence.slice(0, at).endsWith(w)) ||
    ["左右", "以上", "多"].some((w) => sentence.startsWith(w, end));
  return { kind: "count", value, unit, approximate, start: at, end };
}

function percentToken(digits: string, start: number, end: number): Token {
  const decimals = digits.includes(".") ? digits.split(".")[1].length : 0;
  return { kind: "percent", value: Number(digits), decimals, start, end };
}

/** Whether a subject may be read in this sentence: its required word is there too. */
function applies(subject: NarrativeSubjectDef, sentence: string): boolean {
  return subject.requires === undefined || sentence.includes(subject.requires);
}

/** The claims of a compact sentence. */
export function parseClaims(sentence: string, subjects: readonly NarrativeSubjectDef[]): Claim[] {
  const tokens = tokenize(sentence, subjects).filter((t) => t.kind !== "subject" || applies(t.subject, sentence));
  const claims: Claim[] = [];
  /** Subjects named since the clause began (a weak separator 、 keeps them for 各 and 分别). */
  let clauseSubjects: Extract<Token, { kind: "subject" }>[] = [];
  /** Subjects since the last separator of any kind: a count takes the last of these. */
  let phraseSubject: Extract<Token, { kind: "subject" }> | undefined;
  /** Every subject named so far in the sentence, for `within`. */
  const named: string[] = [];
  let pending: Marker[] = [];
  let respectively: Extract<Token, { kind: "subject" }>[] = [];
  let lastCount: CountClaim | undefined;
  let lastAny: { value: number; unit: string; end: number } | undefined;
  /** The unit of the total the parts are of: parts in another unit are no parts of it. */
  let partsUnit = "";
  let parts: PartsClaim | undefined;
  let partsKind: "unbound" | "results" | undefined;
  let inParens = false;
  let parenIncluding = false;
  let parenOwner: CountClaim | undefined;

  const endParts = () => {
    if (parts && parts.parts.length > 0) claims.push(parts);
    parts = undefined;
    partsKind = undefined;
  };
  const claimFor = (subjectToken: Extract<Token, { kind: "subject" }>, value: number, end: number): CountClaim => {
    const subject = subjectToken.subject;
    const narrower = subject.within && [...named].reverse().find((id) => id !== subject.id && subject.within![id]);
    return {
      kind: "count",
      subject,
      cells: narrower ? subject.within![narrower] : subject.cells,
      name: subject.name,
      value,
      start: subjectToken.start,
      end,
    };
  };

  for (const token of tokens) {
    switch (token.kind) {
      case "subject":
        clauseSubjects.push(token);
        phraseSubject = token;
        named.push(token.subject.id);
        break;
      case "marker":
        if (token.marker === "among") {
          endParts();
          if (lastAny) {
            parts = { kind: "parts", total: lastAny.value, parts: [], start: lastAny.end, end: token.end };
            partsUnit = lastAny.unit;
          }
        } else if (token.marker === "respectively") respectively = [...clauseSubjects];
        else pending.push(token.marker);
        if (token.marker === "including" && inParens) parenIncluding = true;
        break;
      case "separator":
        phraseSubject = undefined;
        if (!token.weak) {
          clauseSubjects = [];
          respectively = [];
          pending = [];
        }
        break;
      case "open":
        inParens = true;
        parenIncluding = false;
        parenOwner = lastCount;
        phraseSubject = undefined;
        clauseSubjects = [];
        break;
      case "close":
        inParens = false;
        parenIncluding = false;
        phraseSubject = undefined;
        clauseSubjects = [];
        break;
      case "percent": {
        if (pending.includes("rate")) {
          pending = [];
          break;
        }
        if (lastCount && pending.includes("share")) {
          claims.push({ kind: "share", of: lastCount, percent: token.value, decimals: token.decimals, start: lastCount.start, end: token.end });
        } else if (lastCount && (pending.includes("increase") || pending.includes("decrease"))) {
          const sign = pending.includes("decrease") ? -1 : 1;
          claims.push({ kind: "change", of: lastCount, value: sign * token.value, unit: "percent", decimals: token.decimals, start: lastCount.start, end: token.end });
        }
        pending = [];
        break;
      }
      case "count": {
        const change = pending.includes("increase") || pending.includes("decrease");
        if (change && lastCount && !phraseSubject) {
          const sign = pending.includes("decrease") ? -1 : 1;
          claims.push({ kind: "change", of: lastCount, value: sign * token.value, unit: "count", decimals: 0, start: lastCount.start, end: token.end });
          pending = [];
          break;
        }
        const each = pending.includes("each");
        pending = pending.filter((m) => m === "total");
        if (token.approximate) {
          // An approximate figure is no claim, and a list holding one cannot be added up.
          if (parts) parts = undefined;
          lastAny = undefined;
          break;
        }
        let bound: CountClaim[] = [];
        if (respectively.length > 0) {
          const subjectToken = respectively.shift()!;
          bound = [claimFor(subjectToken, token.value, token.end)];
        } else if (each && clauseSubjects.length > 1) {
          bound = clauseSubjects.map((s) => claimFor(s, token.value, token.end));
        } else if (phraseSubject && (!TIGHT_UNITS.includes(token.unit) || TIGHT_GAP.test(sentence.slice(phraseSubject.end, token.start)))) {
          bound = [claimFor(phraseSubject, token.value, token.end)];
        }
        // 「（含上年结转12件）」, 「其中上年结转12件」: the received count before includes last year's.
        const carried = bound.find((c) => c.subject.id === "carried_over");
        const owner = inParens && parenIncluding ? parenOwner : parts ? lastCount : undefined;
        if (carried && owner && owner.subject.id === "received" && !owner.cells.includes(carried.cells[0])) {
          owner.cells = [...owner.cells, ...carried.cells];
          owner.name = "本年新收与上年结转申请数之和";
        }
        claims.push(...bound);
        if (parts) {
          const kind = bound.length === 0 ? "unbound" : bound.every((c) => c.subject.shareOf === "total_processed") ? "results" : undefined;
          if (kind && token.unit === partsUnit && (partsKind === undefined || partsKind === kind)) {
            partsKind = kind;
            parts.parts.push(token.value * Math.max(1, bound.length));
            parts.end = token.end;
          } else if (!carried) endParts();
        }
        if (bound.length > 0) lastCount = bound[bound.length - 1];
        lastAny = { value: token.value, unit: token.unit, end: token.end };
        phraseSubject = undefined;
        break;
      }
    }
  }
  endParts();
  return claims;
}
