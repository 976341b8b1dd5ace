import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FormatVersion } from "../template/types";
import { validateReportInput } from "./input-shape";
import { buildSampleReport } from "./sample-report";
import { reportSchema, type SchemaMode } from "./schema";

/**
 * The validator every caller runs (input-shape.ts, zod-free for the browser) against the zod
 * schemas of the contract (schema.ts): for real reports and thousands of mutations of them —
 * wrong types, values at and beyond every bound, unknown and missing keys, odd strings — both must
 * accept the same inputs with the same output and refuse the rest with the same issues.
 */

interface Comparable {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: Comparable[][];
}

function comparable(issue: { code: string; path: PropertyKey[]; message: string; keys?: string[]; errors?: unknown[][] }): Comparable {
  return {
    code: issue.code,
    path: issue.path,
    message: issue.message,
    ...(issue.keys && { keys: issue.keys }),
    ...(issue.errors && { errors: issue.errors.map((branch) => (branch as Comparable[]).map(comparable)) }),
  };
}

function zodResult(format: FormatVersion, mode: SchemaMode, input: unknown) {
  const parsed = reportSchema(format, mode).safeParse(input);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, issues: parsed.error.issues.map((i) => comparable(i as never)) };
}

function ourResult(format: FormatVersion, mode: SchemaMode, input: unknown) {
  const result = validateReportInput(format, mode, input);
  return result.success ? { success: true, data: result.data } : { success: false, issues: result.issues.map((i) => comparable(i)) };
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  "",
  " ",
  "  某局  ",
  "12",
  "减2",
  "3414.41 万元",
  "1753802元",
  "2000000000",
  "-2000000000",
  "12.34567",
  "12.5",
  "x".repeat(60),
  "x".repeat(61),
  "a".repeat(101),
  "a".repeat(201),
  "a".repeat(301),
  "😀".repeat(100),
  "😀".repeat(101),
  "😀".repeat(60),
  "2021-01-31",
  "2021-1-31",
  0,
  -1,
  1.5,
  12.34567,
  2020,
  1999,
  2101,
  99,
  100,
  1_000_000_000,
  1_000_000_001,
  -1_000_000_001,
  1e20,
  -1e20,
  9007199254740993,
  Number.MAX_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  ["a"],
  Array.from({ length: 51 }, () => ({ title: null, text: "" })),
  Array.from({ length: 101 }, () => "x"),
  {},
  { length: 5 },
  { title: null, text: "x" },
  "2019",
  "2021",
  "whitespace",
  "nonsense",
];

type Node = Record<string, unknown> | unknown[];

/** Every object and array in a value, with the keys it has. */
function containers(value: unknown, into: Node[] = []): Node[] {
  if (value && typeof value === "object") {
    into.push(value as Node);
    for (const child of Object.values(value)) containers(child, into);
  }
  return into;
}

function mutate(base: unknown, next: () => number): unknown {
  const copy = structuredClone(base);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const edits = 1 + Math.floor(next() * 3);
  for (let i = 0; i < edits; i++) {
    const node = pick(containers(copy));
    const keys = Object.keys(node);
    const roll = next();
    // An own key, as JSON.parse makes one (a plain assignment of __proto__ would set the prototype).
    if (roll < 0.1) Object.defineProperty(node, pick(["extra", "totl", "__proto__", "0"]), { value: structuredClone(pick(ODD_VALUES)), enumerable: true, writable: true, configurable: true });
    else if (roll < 0.2 && keys.length) delete (node as Record<string, unknown>)[pick(keys)];
    else if (keys.length) (node as Record<string, unknown>)[pick(keys)] = structuredClone(pick(ODD_VALUES));
  }
  return copy;
}

const SEEDS = join(__dirname, "../../fixtures/seeds");
const bases: { name: string; value: unknown }[] = [
  ...readdirSync(SEEDS).map((file) => ({ name: file, value: JSON.parse(readFileSync(join(SEEDS, file), "utf8")) as unknown })),
  { name: "sample 2020", value: buildSampleReport({ year: 2020 }) },
  { name: "sample 2024 with totals", value: buildSampleReport({ year: 2024, withTotals: true }) },
  { name: "minimal", value: { agency: "示例市公安局", year: 2024 } },
];

function formatOf(input: unknown): FormatVersion {
  const { format, year } = (input ?? {}) as { format?: unknown; year?: unknown };
  if (format === "2019" || format === "2021") return format;
  return typeof year === "number" && year < 2021 ? "2019" : "2021";
}

describe("the report validator and the zod schemas agree", () => {
  for (const mode of ["draft", "strict"] as const) {
    it(`on the seeds and samples as they are (${mode})`, () => {
      for (const { name, value } of bases) {
        expect(ourResult(formatOf(value), mode, value), name).toEqual(zodResult(formatOf(value), mode, value));
      }
    });

    it(`on 4000 mutations of them: wrong types, bounds, unknown and missing keys (${mode})`, () => {
      const next = random(mode === "draft" ? 20261206 : 6122026);
      let refused = 0;
      for (let n = 0; n < 4000; n++) {
        const base = bases[n % bases.length];
        const input = mutate(base.value, next);
        const theirs = zodResult(formatOf(input), mode, input);
        if (!theirs.success) refused++;
        expect(ourResult(formatOf(input), mode, input), `${base.name} #${n}: ${JSON.stringify(input).slice(0, 300)}`).toEqual(theirs);
      }
      // The mutations reach the refusals (not only inputs both accept).
      expect(refused).toBeGreaterThan(1000);
    });
  }

  it("on values that are not reports at all", () => {
    for (const value of ODD_VALUES) {
      for (const mode of ["draft", "strict"] as const) expect(ourResult("2021", mode, value)).toEqual(zodResult("2021", mode, value));
    }
  });
});
