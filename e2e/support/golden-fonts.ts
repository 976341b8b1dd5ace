import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * A fontconfig file with only the fonts `npm ci` installs (no system configuration, no system
 * fonts), so golden screenshots of the HTML come out the same on every machine, whatever CJK
 * fonts it has.
 */
export function goldenFontconfigFile(): string {
  const dir = join(tmpdir(), "gov-report-golden-fonts");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "fonts.conf");
  const fontDirs = ["noto-sans-sc", "noto-serif-sc"].map((name) => resolve("node_modules", "@expo-google-fonts", name));
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${fontDirs.map((d) => `  <dir>${d}</dir>`).join("\n")}
  <cachedir>${join(dir, "cache")}</cachedir>
</fontconfig>
`,
  );
  return file;
}
