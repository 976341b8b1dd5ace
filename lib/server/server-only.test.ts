import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("./", import.meta.url).pathname;

/** Every source module under lib/server (tests and test support aside). */
function serverModules(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "test-support" ? [] : serverModules(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The statements before the first import: directives ("use server") and comments only. */
function firstImport(source: string): string | undefined {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return code
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !/^["']use (server|client)["'];?$/.test(line))[0];
}

describe("lib/server", () => {
  it("marks every module server-only, so the browser bundle can never pull in server code", () => {
    const modules = serverModules();
    expect(modules.length).toBeGreaterThan(40);
    const unmarked = modules.filter((path) => firstImport(readFileSync(path, "utf8")) !== 'import "server-only";').map((path) => relative(ROOT, path));
    expect(unmarked).toEqual([]);
  });

  it("is seen by the check (a module without the mark is reported)", () => {
    expect(firstImport('"use server";\n\nimport "server-only";\nimport x from "y";')).toBe('import "server-only";');
    expect(firstImport('/** doc */\nimport { z } from "zod";\nimport "server-only";')).toBe('import { z } from "zod";');
  });
});
