import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { prepareReport, type PreparedReport } from "../report/prepare-report";

/** The five real published reports transcribed in fixtures/seeds (see shared/seeds). */
export const SEED_NAMES = [
  "000_dbcc449a2218d1f4",
  "001_c4d8e41b12f6790a",
  "002_d477ee84c8f7efa5",
  "003_5f1914cbe288c934",
  "004_f8f28e4c849350e4",
] as const;

export type SeedName = (typeof SEED_NAMES)[number];

export function seedPath(name: SeedName): string {
  return fileURLToPath(new URL(`../../fixtures/seeds/${name}.json`, import.meta.url));
}

export function loadSeedJson(name: SeedName): unknown {
  return JSON.parse(readFileSync(seedPath(name), "utf8"));
}

export function loadSeed(name: SeedName): PreparedReport {
  const result = prepareReport(loadSeedJson(name));
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.issues)}`);
  return result.report;
}
