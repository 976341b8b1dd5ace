/**
 * Reading and writing a value inside the report's form values by a dotted path
 * (`tables.requests.received.total`, `sections.overview.2.title`), without mutating: a write
 * copies the objects along the path and shares the rest, so whoever holds the old values (the live
 * check's snapshot, a subscriber comparing by identity) keeps seeing them unchanged.
 */

function segments(path: string): string[] {
  return path === "" ? [] : path.split(".");
}

/** The value at `path`, or undefined where the path leaves the values. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of segments(path)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * A copy of `root` with `value` at `path`; `root` itself when the value is already there.
 * Missing objects along the path are created (an array where the next key is an index).
 * `undefined` removes the key, as a form field that is cleared leaves no key in the JSON.
 */
export function withValueAt<T>(root: T, path: string, value: unknown): T {
  const keys = segments(path);
  if (!keys.length) return value as T;
  return write(root, keys, 0, value) as T;
}

function write(node: unknown, keys: string[], at: number, value: unknown): unknown {
  const key = keys[at];
  const container = node !== null && typeof node === "object" ? node : /^\d+$/.test(key) ? [] : {};
  const current = (container as Record<string, unknown>)[key];
  const next = at === keys.length - 1 ? value : write(current, keys, at + 1, value);
  if (Object.is(current, next) && (next !== undefined || !(key in container))) return node === container ? node : container;
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[Number(key)] = next;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(container as Record<string, unknown>) };
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}
