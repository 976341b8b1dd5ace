// Merges the PDF renderer's 楷体 font (LXGW WenKai, shipped by npm only as WOFF2 web-font
// subsets) into one TrueType file under node_modules/.cache/gov-report (lib/render/pdf/kai-font.ts).
// Run by `npm ci` (postinstall); the renderer merges it itself on first use when this did not run.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist", `build-fonts.${process.pid}.mjs`);
await build({
  absWorkingDir: root,
  entryPoints: ["lib/render/pdf/kai-font.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
try {
  const started = performance.now();
  const { ensureKaiFont, kaiFontPath } = await import(pathToFileURL(outfile).href);
  const existed = (await import("node:fs")).existsSync(kaiFontPath());
  const path = ensureKaiFont();
  if (!process.argv.includes("--quiet")) {
    console.log(`[gov-report] PDF 楷体 font ${existed ? "present" : `merged in ${((performance.now() - started) / 1000).toFixed(1)} s`}: ${path}`);
  }
} finally {
  rmSync(outfile, { force: true });
}
