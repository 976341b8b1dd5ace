import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The machine may have no CJK system fonts, so Chromium would draw boxes in every screenshot and
 * LibreOffice would set the DOCX's Chinese in a fallback face of other widths. A fontconfig file
 * that adds the Noto Sans/Serif SC files we ship as npm packages (the PDF renderer's fonts) fixes
 * that offline; the browser and soffice get it through FONTCONFIG_FILE.
 * By default it keeps the system's configuration too; with `system: false` (golden screenshots)
 * it has the npm fonts only, so the images come out the same on every machine, whatever CJK
 * fonts it has.
 */
export function fontconfigFile(options: { system?: boolean } = {}): string {
  const system = options.system ?? true;
  const dir = join(tmpdir(), system ? "gov-report-fonts" : "gov-report-golden-fonts");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "fonts.conf");
  const fontDirs = ["noto-sans-sc", "noto-serif-sc"].map((name) => resolve("node_modules", "@expo-google-fonts", name));
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${system ? `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` : ""}${fontDirs.map((d) => `  <dir>${d}</dir>`).join("\n")}
  <cachedir>${join(dir, "cache")}</cachedir>
</fontconfig>
`,
  );
  return file;
}
