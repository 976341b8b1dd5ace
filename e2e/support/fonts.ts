import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The machine may have no CJK system fonts, so Chromium would draw boxes in every screenshot.
 * A fontconfig file that keeps the system's configuration and adds the Noto Sans/Serif SC files
 * we ship as npm packages (the PDF renderer's fonts) fixes that offline; the browser gets it
 * through FONTCONFIG_FILE.
 */
export function fontconfigFile(): string {
  const dir = join(tmpdir(), "gov-report-e2e-fonts");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "fonts.conf");
  const fontDirs = ["noto-sans-sc", "noto-serif-sc"].map((name) => resolve("node_modules", "@expo-google-fonts", name));
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${fontDirs.map((d) => `  <dir>${d}</dir>`).join("\n")}
  <cachedir>${join(dir, "cache")}</cachedir>
</fontconfig>
`,
  );
  return file;
}
