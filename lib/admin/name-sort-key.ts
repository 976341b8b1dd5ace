/**
 * A name's sort key: a string whose plain code-point (byte, COLLATE "C") order is the Chinese
 * order of Intl.Collator("zh-CN") — what orderAgencyTree and the list pages sort names by. The
 * database stores it on each agency (Agency.nameKey, migration 20261202051000_agency_tree_order)
 * so tree order and sorting by name happen in SQL: PGlite is built without ICU, so neither it nor
 * a shared query can use a zh collation.
 *
 * The key is built the way ICU builds sort keys: the primary weights of all characters, then the
 * secondary ones, then the tertiary ones, each level's sequence ending in a separator that sorts
 * below every weight. As in ICU, the common weights are compressed: a secondary weight is written
 * as its distance from the lowest secondary weight among characters of the same primary weight
 * (likewise tertiary from secondary), and trailing zero distances are left out — a level is only
 * compared when the levels above are equal, so this keeps the order, and a name of plain Han
 * characters has empty secondary and tertiary parts. Each character's weight at a level is its rank among all BMP characters as
 * the collator sorts them at that strength (sensitivity base / accent / variant), taken from the
 * collator itself once per process (~0.3 s). Characters the collator ignores at a level are left
 * out of it. Exact for names made of characters that collate as one element each (Han
 * characters, letters, digits, punctuation, full-width forms — every agency name); characters
 * that expand into several elements (æ, ㈠) or combine with the previous one (a combining accent)
 * may sort slightly differently from the collator, and characters outside the BMP sort next to
 * the BMP character they collate with. The zh tailoring also reads two words by their own pinyin
 * (重庆 chóngqìng, 藏文 zàngwén: the only two-character contractions among the CJK Unified
 * Ideographs, found by comparing every pair with Node's ICU); their first character is weighted
 * where the collator places the word.
 */

const LOCALE = "zh-CN";
const LEVELS = ["base", "accent", "variant"] as const;
/** Ends each level's sequence: below every weight character. */
const LEVEL_END = "!";
/** Weights are written as characters from here up (skipping the surrogate range). */
const WEIGHT_BASE = 0x30;

/** Words the collator sorts by a reading of their own (see the module comment). */
const CONTRACTIONS = ["重庆", "藏文"];

interface Level {
  collator: Intl.Collator;
  /** Rank (1-based, twice the class index so characters outside the BMP fit between) per code unit; 0 = ignorable. */
  ranks: Uint32Array;
  /** One representative of each rank, in order, for placing characters outside the BMP. */
  classes: string[];
  /** The weight of each contraction's first character. */
  contractions: Map<string, number>;
}

interface Levels {
  levels: Level[];
  /** Per weight of a level, the lowest weight of the next level among its characters. */
  lowest: Map<number, number>[];
}

let tables: Levels | null = null;

function buildLevel(sensitivity: (typeof LEVELS)[number]): Level {
  const collator = new Intl.Collator(LOCALE, { sensitivity });
  const chars: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) chars.push(String.fromCharCode(cp));
  chars.sort(collator.compare);
  const ranks = new Uint32Array(0x10000);
  const classes: string[] = [];
  let previous: string | null = null;
  for (const ch of chars) {
    if (collator.compare(ch, "") === 0) continue; // ignorable at this level: rank 0
    if (previous === null || collator.compare(previous, ch) !== 0) classes.push(ch);
    ranks[ch.charCodeAt(0)] = classes.length * 2;
    previous = ch;
  }
  const level: Level = { collator, ranks, classes, contractions: new Map() };
  for (const word of CONTRACTIONS) level.contractions.set(word, placeAmongClasses(level, word));
  return level;
}

function allLevels(): Levels {
  if (!tables) {
    const levels = LEVELS.map(buildLevel);
    const lowest = [new Map<number, number>(), new Map<number, number>()];
    for (let cu = 0; cu <= 0xffff; cu++) {
      for (let l = 1; l < levels.length; l++) {
        const above = levels[l - 1].ranks[cu];
        const rank = levels[l].ranks[cu];
        if (rank && rank < (lowest[l - 1].get(above) ?? Infinity)) lowest[l - 1].set(above, rank);
      }
    }
    tables = { levels, lowest };
  }
  return tables;
}

/** A character outside the BMP: the rank of the class it collates with, or one between two classes. */
function astralRank(level: Level, ch: string): number {
  if (level.collator.compare(ch, "") === 0) return 0;
  return placeAmongClasses(level, ch);
}

/** The rank of the class `text` collates with, or an odd rank between the two it falls between. */
function placeAmongClasses(level: Level, text: string): number {
  let low = 0;
  let high = level.classes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (level.collator.compare(level.classes[mid], text) < 0) low = mid + 1;
    else high = mid;
  }
  if (low < level.classes.length && level.collator.compare(level.classes[low], text) === 0) return (low + 1) * 2;
  return low * 2 + 1;
}

function weightChar(weight: number): string {
  const cp = WEIGHT_BASE + weight;
  return String.fromCodePoint(cp >= 0xd800 ? cp + 0x800 : cp);
}

/** The sort key of a name (see the module comment); equal keys for names the collator finds equal. */
export function nameSortKey(name: string): string {
  const { levels, lowest } = allLevels();
  const contracted = CONTRACTIONS.some((word) => name.includes(word));
  // Each character's weight at each level.
  const weights: number[][] = levels.map(() => []);
  let i = 0;
  for (const ch of name) {
    const word = contracted ? CONTRACTIONS.find((w) => name.startsWith(w, i)) : undefined;
    for (let l = 0; l < levels.length; l++) {
      const level = levels[l];
      weights[l].push(word ? level.contractions.get(word)! : ch.length === 1 ? level.ranks[ch.charCodeAt(0)] : astralRank(level, ch));
    }
    i += ch.length;
  }
  let key = "";
  for (let l = 0; l < levels.length; l++) {
    const written: number[] = [];
    weights[l].forEach((weight, at) => {
      if (!weight) return; // ignorable at this level
      // Below the primary level: the distance from the lowest weight of the level above's class.
      written.push(l === 0 ? weight : weight - (lowest[l - 1].get(weights[l - 1][at]) ?? weight));
    });
    if (l > 0) while (written.length && written.at(-1) === 0) written.pop();
    key += written.map(weightChar).join("") + LEVEL_END;
  }
  return key;
}
