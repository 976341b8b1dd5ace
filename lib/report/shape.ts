/**
 * A small validator with zod's semantics, for the shapes of the interchange JSON
 * (lib/report/input-shape.ts builds them from the templates). It exists so the browser can
 * validate a draft on every keystroke without zod's core in the wizard's JavaScript (about 25 KiB
 * gzip); the server and the CLI run the same code. lib/report/schema.ts keeps the contract as zod
 * schemas (JSON Schema, types), and input-shape.test.ts holds the two to the same issues and the
 * same output for every input it tries.
 *
 * What is copied from zod 4 (core/schemas.js, core/checks.js, locales/en.js), because the issues
 * must match: a check runs after its type's parse, and is skipped once an earlier issue aborted —
 * except length checks, which run on anything with a length unless an issue aborted explicitly;
 * a union returns the first branch without issues, else the only branch that did not abort, else
 * `invalid_union` with every branch's issues; a strict object reports its unknown keys in one
 * issue after its known keys; an array longer than its maximum is refused before its items are
 * read; string lengths count code points; the English messages word for word.
 */

export interface ShapeIssue {
  code: "invalid_type" | "invalid_value" | "too_big" | "too_small" | "invalid_format" | "unrecognized_keys" | "invalid_union" | "custom";
  path: (string | number)[];
  message: string;
  keys?: string[];
  errors?: ShapeIssue[][];
  /** false: aborts the checks after it; true: they still run; absent: aborts all but length checks. */
  continue?: boolean;
}

interface Payload {
  value: unknown;
  issues: ShapeIssue[];
}

export interface Shape {
  run(payload: Payload): Payload;
  /** Optional: an absent key is fine (zod's optin/optout "optional"). */
  readonly optional?: boolean;
}

export interface Check {
  /** Length checks: run on any value with a length unless an issue aborted explicitly. */
  when?: (payload: Payload) => boolean;
  check(payload: Payload): void;
}

interface Options {
  message?: string;
  abort?: boolean;
}

/** Validates a value: the output (strings trimmed where the shape says) or the issues. */
export function validateShape(shape: Shape, value: unknown): { success: true; data: unknown } | { success: false; issues: ShapeIssue[] } {
  const result = shape.run({ value, issues: [] });
  return result.issues.length ? { success: false, issues: result.issues } : { success: true, data: result.value };
}

// ---- messages (zod/v4/locales/en.js) ----

function parsedType(data: unknown): string {
  if (typeof data === "number") return Number.isNaN(data) ? "nan" : "number";
  if (typeof data === "object") {
    if (data === null) return "null";
    if (Array.isArray(data)) return "array";
    const proto = Object.getPrototypeOf(data);
    if (proto !== Object.prototype && "constructor" in data && data.constructor) return (data.constructor as { name: string }).name;
  }
  return typeof data;
}

function typeName(type: string, input?: unknown): string {
  if (type === "number" && typeof input === "number" && !Number.isFinite(input)) return String(input);
  return type === "nan" ? "NaN" : type;
}

function invalidType(expected: string, input: unknown, extra?: Partial<ShapeIssue>): ShapeIssue {
  return { code: "invalid_type", path: [], message: `Invalid input: expected ${typeName(expected)}, received ${typeName(parsedType(input), input)}`, ...extra };
}

const SIZING: Record<string, string> = { string: "characters", array: "items" };

function sizeMessage(big: boolean, origin: string, bound: number): string {
  const unit = SIZING[origin];
  const [word, adj] = big ? ["Too big", "<="] : ["Too small", ">="];
  return unit ? `${word}: expected ${origin} to have ${adj}${bound} ${unit}` : `${word}: expected ${origin} to be ${adj}${bound}`;
}

function quoted(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

// ---- running checks ($ZodType.run) ----

function aborted(payload: Payload, from = 0): boolean {
  for (let i = from; i < payload.issues.length; i++) if (payload.issues[i].continue !== true) return true;
  return false;
}

function explicitlyAborted(payload: Payload): boolean {
  return payload.issues.some((issue) => issue.continue === false);
}

function runChecks(payload: Payload, checks: readonly Check[]): Payload {
  let isAborted = aborted(payload);
  for (const ch of checks) {
    if (ch.when) {
      if (explicitlyAborted(payload) || !ch.when(payload)) continue;
    } else if (isAborted) continue;
    const before = payload.issues.length;
    ch.check(payload);
    if (payload.issues.length !== before && !isAborted) isAborted = aborted(payload, before);
  }
  return payload;
}

function typed(parse: (payload: Payload) => Payload, checks: readonly Check[] = []): Shape {
  return { run: (payload) => runChecks(parse(payload), checks) };
}

// ---- checks ----

const hasLength = (payload: Payload) => payload.value !== null && payload.value !== undefined && (payload.value as { length?: unknown }).length !== undefined;

function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

function lengthOrigin(input: unknown): string {
  return Array.isArray(input) ? "array" : typeof input === "string" ? "string" : "unknown";
}

export function maxLength(maximum: number, options: Options = {}): Check & { maximum: number } {
  return {
    maximum,
    when: hasLength,
    check(payload) {
      const input = payload.value as { length: number };
      const units = input.length;
      const length = typeof input === "string" && units > maximum ? codePointLength(input) : units;
      if (length <= maximum) return;
      payload.issues.push({ code: "too_big", path: [], message: options.message ?? sizeMessage(true, lengthOrigin(input), maximum), continue: !options.abort });
    },
  };
}

export function minLength(minimum: number, options: Options = {}): Check {
  return {
    when: hasLength,
    check(payload) {
      const input = payload.value as { length: number };
      const units = input.length;
      const length = typeof input === "string" && units >= minimum && units < minimum * 2 ? codePointLength(input) : units;
      if (length >= minimum) return;
      payload.issues.push({ code: "too_small", path: [], message: options.message ?? sizeMessage(false, lengthOrigin(input), minimum), continue: !options.abort });
    },
  };
}

export function regex(pattern: RegExp, options: Options = {}): Check {
  return {
    check(payload) {
      pattern.lastIndex = 0;
      if (pattern.test(payload.value as string)) return;
      payload.issues.push({ code: "invalid_format", path: [], message: options.message ?? `Invalid string: must match pattern ${pattern}`, continue: !options.abort });
    },
  };
}

export const trim: Check = {
  check(payload) {
    payload.value = (payload.value as string).trim();
  },
};

function numericOrigin(value: unknown): string {
  return typeof value === "number" ? "number" : typeof value === "bigint" ? "bigint" : "date";
}

export function maximum(bound: number, options: Options = {}): Check {
  return {
    check(payload) {
      if ((payload.value as number) <= bound) return;
      payload.issues.push({ code: "too_big", path: [], message: options.message ?? sizeMessage(true, numericOrigin(payload.value), bound), continue: !options.abort });
    },
  };
}

export function minimum(bound: number, options: Options = {}): Check {
  return {
    check(payload) {
      if ((payload.value as number) >= bound) return;
      payload.issues.push({ code: "too_small", path: [], message: options.message ?? sizeMessage(false, numericOrigin(payload.value), bound), continue: !options.abort });
    },
  };
}

/** zod's `z.int()`: an integer within the safe range. */
export const int: Check = {
  check(payload) {
    const input = payload.value as number;
    if (!Number.isInteger(input)) {
      payload.issues.push(invalidType("int", input, { continue: false }));
      return;
    }
    if (!Number.isSafeInteger(input)) {
      const big = input > 0;
      payload.issues.push({ code: big ? "too_big" : "too_small", path: [], message: sizeMessage(big, "int", big ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER), continue: true });
    }
  },
};

export function refine<T>(ok: (value: T) => boolean, message: string): Check {
  return {
    check(payload) {
      if (!ok(payload.value as T)) payload.issues.push({ code: "custom", path: [], message, continue: true });
    },
  };
}

/** A check that may add issues with its own messages (zod's superRefine; they never abort). */
export function superRefine<T>(fn: (value: T, addIssue: (message: string) => void) => void): Check {
  return {
    check(payload) {
      fn(payload.value as T, (message) => payload.issues.push({ code: "custom", path: [], message, continue: true }));
    },
  };
}

// ---- types ----

export function string(...checks: Check[]): Shape {
  return typed((payload) => {
    if (typeof payload.value !== "string") payload.issues.push(invalidType("string", payload.value));
    return payload;
  }, checks);
}

export function number(...checks: Check[]): Shape {
  return typed((payload) => {
    const input = payload.value;
    if (!(typeof input === "number" && Number.isFinite(input))) payload.issues.push(invalidType("number", input));
    return payload;
  }, checks);
}

export const nullValue: Shape = typed((payload) => {
  if (payload.value !== null) payload.issues.push(invalidType("null", payload.value));
  return payload;
});

export function oneOf(values: readonly string[]): Shape {
  const allowed = new Set<unknown>(values);
  const message = values.length === 1 ? `Invalid input: expected ${quoted(values[0])}` : `Invalid option: expected one of ${values.map(quoted).join("|")}`;
  return typed((payload) => {
    if (!allowed.has(payload.value)) payload.issues.push({ code: "invalid_value", path: [], message });
    return payload;
  });
}

function prefixed(key: string | number, issues: ShapeIssue[]): ShapeIssue[] {
  for (const issue of issues) issue.path.unshift(key);
  return issues;
}

export function array(element: Shape, ...checks: (Check & { maximum?: number })[]): Shape {
  const caps = checks.filter((ch) => ch.maximum !== undefined);
  const cap = caps.length ? Math.min(...caps.map((ch) => ch.maximum!)) : Infinity;
  const inner = typed((payload) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push(invalidType("array", input));
      return payload;
    }
    const output: unknown[] = new Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const result = element.run({ value: input[i], issues: [] });
      if (result.issues.length) payload.issues.push(...prefixed(i, result.issues));
      output[i] = result.value;
    }
    payload.value = output;
    return payload;
  }, checks);
  return {
    run(payload) {
      // zod's capSize: an over-long array is refused before its items are read.
      const size = Array.isArray(payload.value) ? payload.value.length : -1;
      if (size > cap) {
        for (const ch of caps) {
          if (size > ch.maximum! && ch.when!(payload)) {
            const start = payload.issues.length;
            ch.check(payload);
            payload.issues[start].continue = false;
            return payload;
          }
        }
      }
      return inner.run(payload);
    },
  };
}

export function optional(inner: Shape): Shape {
  return { optional: true, run: (payload) => (payload.value === undefined ? payload : inner.run(payload)) };
}

export function nullable(inner: Shape): Shape {
  return { optional: inner.optional, run: (payload) => (payload.value === null ? payload : inner.run(payload)) };
}

export function union(options: Shape[]): Shape {
  return {
    optional: options.some((o) => o.optional),
    run(payload) {
      const results: Payload[] = [];
      for (const option of options) {
        const result = option.run({ value: payload.value, issues: [] });
        if (!result.issues.length) return result;
        results.push(result);
      }
      const nonaborted = results.filter((r) => !aborted(r));
      if (nonaborted.length === 1) return nonaborted[0];
      payload.issues.push({ code: "invalid_union", path: [], message: "Invalid input", errors: results.map((r) => r.issues) });
      return payload;
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** An object with exactly these keys (zod's strictObject). */
export function strictObject(fields: Record<string, Shape>): Shape {
  const known = new Set(Object.keys(fields));
  return typed((payload) => {
    const input = payload.value;
    if (!isObject(input)) {
      payload.issues.push(invalidType("object", input));
      return payload;
    }
    const output: Record<string, unknown> = {};
    for (const key of known) {
      const field = fields[key];
      const present = key in input;
      if (!present && field.optional) continue;
      const result = field.run({ value: input[key], issues: [] });
      if (result.issues.length) payload.issues.push(...prefixed(key, result.issues));
      if (!present) continue;
      output[key] = result.value;
    }
    const unknown: string[] = [];
    for (const key in input) if (!known.has(key)) unknown.push(key);
    if (unknown.length) {
      payload.issues.push({
        code: "unrecognized_keys",
        path: [],
        keys: unknown,
        message: `Unrecognized key${unknown.length > 1 ? "s" : ""}: ${unknown.map(quoted).join(", ")}`,
        continue: true,
      });
    }
    payload.value = output;
    return payload;
  });
}
