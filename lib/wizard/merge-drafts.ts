/**
 * Three-way merge of report drafts after a save conflict (409): `base` is what the user's browser
 * last saved successfully, `local` is what the user has now, `server` is what someone else saved
 * in between. Per field path: what the user did not change since `base` takes the server's value;
 * what the user changed keeps the user's value. Fields both sides changed to different values are
 * listed in `conflicts` (the user's value is kept, and the UI names them) — never a silent loss.
 *
 * Objects merge key by key. Arrays (the 总体情况 items) merge item by item when all three have the
 * same length, so two people editing different topics both keep their text; an array whose length
 * changed on one side is taken whole from the side that changed it.
 *
 * Blank values are equal: missing, null and "" all mean "nothing entered" in a draft, so a cell
 * the user typed into and cleared again does not count as a change.
 */
export interface MergeResult<T> {
  merged: T;
  /** Paths (dot-separated) where the user's value was kept although the server changed it too. */
  conflicts: string[];
  /** Paths the user changed since the last successful save (the leaves of the merge). */
  localChanges: string[];
}

type Json = unknown;

function isBlank(value: Json): boolean {
  return value === undefined || value === null || value === "";
}

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values with blanks equal to each other and absent keys equal to blanks. */
export function sameDraftValue(a: Json, b: Json): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameDraftValue(item, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameDraftValue(a[key], b[key])) return false;
    return true;
  }
  return a === b;
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

function merge3(base: Json, local: Json, server: Json, path: string[], result: { conflicts: string[]; localChanges: string[] }): Json {
  if (sameDraftValue(local, base)) return clone(server);
  if (sameDraftValue(server, base) || sameDraftValue(server, local)) {
    result.localChanges.push(path.join(".") || "(root)");
    return clone(local);
  }
  // Both changed, differently: descend where the structure allows a finer answer.
  if (isPlainObject(local) && isPlainObject(server)) {
    const baseObject = isPlainObject(base) ? base : {};
    const merged: Record<string, Json> = {};
    for (const key of new Set([...Object.keys(server), ...Object.keys(local)])) {
      const value = merge3(baseObject[key], local[key], server[key], [...path, key], result);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  if (Array.isArray(local) && Array.isArray(server) && Array.isArray(base) && local.length === server.length && base.length === local.length) {
    return local.map((item, i) => merge3(base[i], item, server[i], [...path, String(i)], result));
  }
  const where = path.join(".") || "(root)";
  result.localChanges.push(where);
  result.conflicts.push(where);
  return clone(local);
}

export function mergeDrafts<T>(base: T, local: T, server: T): MergeResult<T> {
  const result = { conflicts: [] as string[], localChanges: [] as string[] };
  const merged = merge3(base, local, server, [], result) as T;
  return { merged, ...result };
}
