import type { AnyNode } from "domhandler";
import { attr, child, children, elementChildren, find, localName, val } from "./ooxml";

/**
 * What word/styles.xml and word/numbering.xml contribute to the text: which paragraph styles
 * are headings (outline level, or a name such as Heading 2 / 标题 2 / Title), and the automatic
 * numbers Word prints before numbered paragraphs (「一、」「（一）」「1.」), which are not in the
 * paragraph's text runs.
 */

interface StyleDef {
  basedOn?: string;
  name: string;
  outline?: number;
  numId?: string;
  ilvl?: number;
}

export interface Styles {
  /** Heading level (1–9) of a paragraph style, following basedOn; undefined for body text. */
  headingLevel(styleId: string | undefined): number | undefined;
  /** The numbering a style applies (a style-linked list), following basedOn. */
  numbering(styleId: string | undefined): { numId: string; ilvl: number } | undefined;
}

const int = (v: string | undefined) => {
  const n = v === undefined ? NaN : parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
};

export function readStyles(root: AnyNode | undefined): Styles {
  const defs = new Map<string, StyleDef>();
  const stylesEl = root ? find(root, "styles") : undefined;
  for (const style of children(stylesEl, "style")) {
    if (attr(style, "type") !== "paragraph") continue;
    const id = attr(style, "styleId");
    if (!id) continue;
    const pPr = child(style, "pPr");
    const numPr = child(pPr, "numPr");
    defs.set(id, {
      basedOn: val(style, "basedOn"),
      name: (val(style, "name") ?? id).trim(),
      outline: int(val(pPr, "outlineLvl")),
      numId: val(numPr, "numId"),
      ilvl: int(val(numPr, "ilvl")),
    });
  }
  const chain = (id: string | undefined): StyleDef[] => {
    const out: StyleDef[] = [];
    const seen = new Set<string>();
    for (let s = id; s && !seen.has(s) && out.length < 20; s = defs.get(s)?.basedOn) {
      seen.add(s);
      const def = defs.get(s);
      if (def) out.push(def);
    }
    return out;
  };
  const levelCache = new Map<string, number | undefined>();
  return {
    headingLevel(styleId) {
      if (!styleId) return undefined;
      if (levelCache.has(styleId)) return levelCache.get(styleId);
      let level: number | undefined;
      const own = defs.get(styleId);
      const byName = (name: string) => {
        const m = /^(?:heading|标题)\s*([1-9])$/i.exec(name);
        if (m) return Number(m[1]);
        if (/^(?:title|标题)$/i.test(name)) return 1;
        if (/^(?:subtitle|副标题)$/i.test(name)) return 2;
        return undefined;
      };
      level = byName(own?.name ?? styleId) ?? byName(styleId);
      if (level === undefined) {
        for (const def of chain(styleId)) {
          if (def.outline !== undefined) {
            level = def.outline >= 0 && def.outline <= 8 ? def.outline + 1 : undefined;
            break;
          }
        }
      }
      levelCache.set(styleId, level);
      return level;
    },
    numbering(styleId) {
      for (const def of chain(styleId)) if (def.numId !== undefined) return { numId: def.numId, ilvl: def.ilvl ?? 0 };
      return undefined;
    },
  };
}

interface LevelDef {
  start: number;
  format: string;
  text: string;
}

const CHINESE = "〇一二三四五六七八九";
const TIANGAN = "甲乙丙丁戊己庚辛壬癸";
const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百〇五. */
export function chineseNumber(n: number): string {
  if (n <= 0 || n >= 10000) return String(n);
  if (n < 10) return CHINESE[n];
  if (n < 20) return `十${n % 10 ? CHINESE[n % 10] : ""}`;
  if (n < 100) return `${CHINESE[Math.floor(n / 10)]}十${n % 10 ? CHINESE[n % 10] : ""}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${CHINESE[Math.floor(n / 100)]}百${rest === 0 ? "" : rest < 10 ? `〇${CHINESE[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
  }
  const rest = n % 1000;
  return `${CHINESE[Math.floor(n / 1000)]}千${rest === 0 ? "" : rest < 100 ? `〇${chineseNumber(rest)}` : chineseNumber(rest)}`;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

function letter(n: number): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode(97 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "chineseLegalSimplified":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "ideographLegalTraditional":
      return chineseNumber(n);
    case "ideographDigital":
    case "taiwaneseDigital":
    case "japaneseDigitalTenThousand":
      return String(n).replace(/\d/g, (d) => CHINESE[Number(d)]);
    case "ideographTraditional":
      return TIANGAN[(n - 1) % 10] ?? String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return CIRCLED[n - 1] ?? String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "lowerLetter":
      return letter(n);
    case "upperLetter":
      return letter(n).toUpperCase();
    case "none":
    case "bullet":
      return "";
    default:
      return String(n);
  }
}

export interface Numbering {
  /** The number text Word prints before the next paragraph of this list level (and counts it). */
  next(numId: string, ilvl: number): string;
}

export function readNumbering(root: AnyNode | undefined): Numbering {
  const numberingEl = root ? find(root, "numbering") : undefined;
  const abstracts = new Map<string, Map<number, LevelDef>>();
  const nums = new Map<string, { abstract: string; overrides: Map<number, number> }>();
  for (const el of numberingEl ? elementChildren(numberingEl) : []) {
    const name = localName(el);
    if (name === "abstractNum") {
      const id = attr(el, "abstractNumId");
      if (id === undefined) continue;
      const levels = new Map<number, LevelDef>();
      for (const lvl of children(el, "lvl")) {
        const ilvl = int(attr(lvl, "ilvl")) ?? 0;
        levels.set(ilvl, { start: int(val(lvl, "start")) ?? 1, format: val(lvl, "numFmt") ?? "decimal", text: val(lvl, "lvlText") ?? "" });
      }
      abstracts.set(id, levels);
    } else if (name === "num") {
      const id = attr(el, "numId");
      const abstract = val(el, "abstractNumId");
      if (id === undefined || abstract === undefined) continue;
      const overrides = new Map<number, number>();
      for (const o of children(el, "lvlOverride")) {
        const start = int(val(o, "startOverride"));
        if (start !== undefined) overrides.set(int(attr(o, "ilvl")) ?? 0, start);
      }
      nums.set(id, { abstract, overrides });
    }
  }
  // Counters per abstract list (Word counts paragraphs of one abstract list together).
  const counters = new Map<string, number[]>();
  return {
    next(numId, ilvl) {
      const num = nums.get(numId);
      const levels = num && abstracts.get(num.abstract);
      const def = levels?.get(ilvl);
      if (!num || !levels || !def || ilvl < 0 || ilvl > 8) return "";
      const startOf = (l: number) => num.overrides.get(l) ?? levels.get(l)?.start ?? 1;
      const key = num.overrides.size ? `num:${numId}` : `abs:${num.abstract}`;
      const counts = counters.get(key) ?? [];
      counters.set(key, counts);
      counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl] + 1;
      for (let l = ilvl + 1; l < counts.length; l++) counts[l] = undefined as unknown as number;
      if (def.format === "bullet" || def.format === "none") return "";
      return def.text.replace(/%([1-9])/g, (_, d: string) => {
        const l = Number(d) - 1;
        const value = counts[l] ?? startOf(l);
        return formatNumber(value, levels.get(l)?.format ?? "decimal");
      });
    },
  };
}
