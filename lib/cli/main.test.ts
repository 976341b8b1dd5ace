import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { buildSampleReport } from "../report/sample-report";
import { SEED_NAMES, loadSeedJson, seedPath } from "../test-support/seeds";
import { main } from "./main";

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), "gov-report-cli-"));
function file(name: string, content: string) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("gov-report check", () => {
  it("lists a seed's findings and exits 1 when it has errors", async () => {
    const { code, stdout } = await run("check", seedPath("004_f8f28e4c849350e4"));
    expect(code).toBe(1);
    expect(stdout).toContain("宿迁市公安局 2020年度报告（2019 年版格式）：2 个错误，3 个警告");
    expect(stdout).toContain("ERROR   [stated.heading-missing] 报告缺少「六、其他需要报告的事项」部分。");
    expect(stdout).toContain("cells: proactive.procurement.amount");
  });

  it("exits 0 for a report with warnings only, and prints JSON with --json", async () => {
    const { code, stdout } = await run("check", seedPath("002_d477ee84c8f7efa5"), "--json");
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed).toMatchObject({ format: "2019", errors: 0, warnings: 4 });
    expect(parsed.findings[0].cells).toEqual([{ table: "proactive", row: "other_services", col: "change" }]);
  });

  it("uses last year's report for cross-year rules with --previous", async () => {
    const last = buildSampleReport({ year: 2021, seed: 3 });
    const current = buildSampleReport({ year: 2022, seed: 4 });
    const { code, stdout } = await run("check", file("current.json", JSON.stringify(current)), "--previous", file("last.json", JSON.stringify(last)), "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain("crossyear.carried-over");
  });

  it.each([
    ["not JSON", "{ agency: 1", /not valid JSON/],
    ["wrong shape", JSON.stringify({ agency: "示例市公安局", year: "2022" }), /at year: /],
    ["unknown id", JSON.stringify({ agency: "示例市公安局", year: 2022, tables: { requests: { recieved: {} } } }), /at tables\.requests\.recieved: unknown key "recieved" \(not an id of the 2021 format\)/],
  ])("rejects %s with one clear message naming the JSON path, exit 2", async (_name, content, message) => {
    const { code, stdout, stderr } = await run("check", file("bad.json", content));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  it("reports a missing file and bad usage with exit 2", async () => {
    expect(await run("check", join(dir, "missing.json"))).toMatchObject({ code: 2, stderr: expect.stringContaining("no such file") });
    expect(await run("check")).toMatchObject({ code: 2, stderr: expect.stringContaining("Usage:") });
    expect(await run("frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(await run("render", seedPath("000_dbcc449a2218d1f4"), "--format", "odt", "-o", "x")).toMatchObject({ code: 2 });
  });
});

describe("gov-report schema", () => {
  const validator = (draft: boolean) => new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(join(dir, draft ? "draft.json" : "strict.json"), "utf8")));

  it("prints a JSON Schema that accepts canonical reports and rejects unknown ids", async () => {
    const strict = await run("schema");
    const draft = await run("schema", "--draft");
    file("strict.json", strict.stdout);
    file("draft.json", draft.stdout);
    const validate = validator(false);
    expect(validate(buildSampleReport({ year: 2020 }))).toBe(true);
    expect(validate(buildSampleReport({ year: 2023, withTotals: true }))).toBe(true);
    expect(validate({ agency: "示例市公安局", year: 2022, tables: { requests: { recieved: {} } } })).toBe(false);
    expect(validate({ agency: "示例市公安局", year: 2022, tables: { proactive: { fees: { amount: "1.23456" } } } })).toBe(false);
    // The published seeds hold cells as written ("减2", "3414.41 万元"): valid drafts, not canonical.
    const validateDraft = validator(true);
    for (const seed of SEED_NAMES) expect(validateDraft(loadSeedJson(seed)), seed).toBe(true);
    expect(validate(loadSeedJson("002_d477ee84c8f7efa5"))).toBe(false);
  });
});

describe("the installed command", () => {
  it("runs through the package bin with exit codes and no stack trace", async () => {
    const bin = fileURLToPath(new URL("./gov-report.mjs", import.meta.url));
    const exec = promisify(execFile);
    const ok = await exec(process.execPath, [bin, "check", seedPath("002_d477ee84c8f7efa5")]);
    expect(ok.stdout).toContain("0 个错误，4 个警告");
    const bad = await exec(process.execPath, [bin, "check", file("bad2.json", "[1,2")]).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gov-report: .*bad2\.json: not valid JSON/);
  });
});
