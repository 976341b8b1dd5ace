import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import type * as NodeModule from "node:module";
import { dirname, join } from "node:path";
import { mergeSubsets, type SourceFont } from "./merge-font";

/*
 * The 楷体 role's font for the PDF renderer: LXGW WenKai (霞鹜文楷, OFL-1.1), which npm ships
 * only as a web font split into WOFF2 subsets (lxgw-wenkai-webfont). They are merged once per
 * installation into one TrueType file (merge-font.ts) under node_modules/.cache, by
 * `npm ci` (scripts/build-fonts.mjs) or, when that did not run, by the first render.
 */

const { createRequire } = process.getBuiltinModule("node:module") as unknown as typeof NodeModule;
const require = createRequire(import.meta.url);

const PACKAGE = "lxgw-wenkai-webfont";
/** The regular weight's subsets: lxgwwenkai-regular-subset-N.woff2. */
const SUBSET = /^lxgwwenkai-regular-subset-(\d+)\.woff2$/;

function packageDir(): string {
  return dirname(require.resolve(`${PACKAGE}/package.json`));
}

/** Where the merged font is kept: beside the package, named after its version. */
export function kaiFontPath(): string {
  const dir = packageDir();
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
  return join(dir, "..", ".cache", "gov-report", `LXGWWenKai-Regular-${version}.ttf`);
}

/** The merged font's bytes, made from the package's subsets. */
export function buildKaiFont(): Buffer {
  const dir = join(packageDir(), "files");
  const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as { create(buffer: Buffer): SourceFont };
  const files = readdirSync(dir)
    .filter((name) => SUBSET.test(name))
    .sort((a, b) => Number(SUBSET.exec(a)![1]) - Number(SUBSET.exec(b)![1]));
  if (files.length === 0) throw new Error(`${PACKAGE} has no regular subsets in ${dir}`);
  return mergeSubsets(
    files.map((name) => fontkit.create(readFileSync(join(dir, name)))),
    { family: "LXGW WenKai", subfamily: "Regular", postscript: "LXGWWenKai-Regular" },
  );
}

/**
 * The merged font's path, merging it first when it is missing. Written beside the target and
 * renamed, so a process reading it meanwhile (several test workers or app instances) sees the
 * whole file or none.
 */
export function ensureKaiFont(): string {
  const path = kaiFontPath();
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, buildKaiFont());
  renameSync(temporary, path);
  return path;
}
