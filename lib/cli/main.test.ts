import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { buildSampleReport } from "../report/sample-report";
import { SEED_NAMES, loadSeedJson, seedPath, type SeedName } from "../test-support/seeds";
import { main } from "./main";

/** A seed as published text: shared/seeds beside the project, else the importer's copy. */
function seedTextPath(name: SeedName): string {
  const shared = fileURLToPath(new URL(`../../../shared/seeds/${name}.txt`, import.meta.url));
  return existsSync(shared) ? shared : fileURLToPath(new URL(`../import/fixtures/seeds/${name}.txt`, import.meta.url));
}

interface CheckJson {
  errors: number;
  warnings: number;
  findings: { ruleId: string; severity: string; message: string }[];
  import?: { source: string; deviations: { where: string; published: string; official: string | null }[]; problems: { code: string }[] };
}

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
    // One error: the missing 六 is one finding (section.missing), not two (issue 12.5).
    expect(stdout).toContain("宿迁市公安局 2020年度报告（2019 年版格式）：1 个错误，5 个警告");
    expect(stdout).toContain("ERROR   [section.missing] 报告缺少「六、其他需要报告的事项」部分（既无标题，也无内容）");
    expect(stdout).toContain("cells: proactive.procurement.amount");
  });

  it("exits 0 for a report with warnings only, and prints JSON with --json", async () => {
    const { code, stdout } = await run("check", seedPath("002_d477ee84c8f7efa5"), "--json");
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed).toMatchObject({ format: "2019", errors: 0, warnings: 17 });
    expect(parsed.findings[0].cells).toEqual([{ table: "proactive", row: "other_services", col: "change" }]);
  });

  it("uses last year's report for cross-year rules with --previous", async () => {
    const last = buildSampleReport({ year: 2021, seed: 3 });
    const current = buildSampleReport({ year: 2022, seed: 4 });
    const { code, stdout } = await run("check", file("current.json", JSON.stringify(current)), "--previous", file("last.json", JSON.stringify(last)), "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain("crossyear.carried-over");
  });

  it("says when the cross-year rules did not run: no --previous, or a --previous of another agency or year", async () => {
    const current = file("cy-current.json", JSON.stringify(buildSampleReport({ year: 2022, seed: 4 })));
    const none = await run("check", current);
    expect(none.stdout).toContain("未提供示例市公安局 2021 年度的报告，未检查跨年数据。（--previous）");
    const other = file("cy-other.json", JSON.stringify(buildSampleReport({ agency: "示例县教育局", year: 2021, seed: 3 })));
    const mismatched = await run("check", current, "--previous", other, "--json");
    const parsed = JSON.parse(mismatched.stdout);
    expect(parsed.crossYear).toEqual({
      compared: false,
      reason: "agency",
      message: "所给上年报告为「示例县教育局」2021 年度，本报告为「示例市公安局」2022 年度，不是同一机关，未检查跨年数据。",
    });
    expect(parsed.findings.some((f: { ruleId: string }) => f.ruleId.startsWith("crossyear."))).toBe(false);
    const wrongYear = file("cy-2020.json", JSON.stringify(buildSampleReport({ year: 2020, seed: 3 })));
    expect((await run("check", current, "--previous", wrongYear)).stdout).toContain("不是上一年度，未检查跨年数据。");
  });

  it("applies a --rules file of rule levels, and refuses a bad one in one line", async () => {
    const seed = seedPath("004_f8f28e4c849350e4");
    const levels = file("levels.json", JSON.stringify({ ruleLevels: { "value.blank": "error", "text.half-width-punctuation": "off" } }));
    const { code, stdout } = await run("check", seed, "--rules", levels, "--json");
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout) as CheckJson;
    expect(parsed.findings.find((f) => f.ruleId === "value.blank")?.severity).toBe("error");
    expect(parsed.findings.some((f) => f.ruleId === "text.half-width-punctuation")).toBe(false);
    expect(parsed.errors).toBe(2);
    const typo = await run("check", seed, "--rules", file("typo.json", JSON.stringify({ "value.blanks": "off" })));
    expect(typo).toMatchObject({ code: 2, stdout: "" });
    expect(typo.stderr).toMatch(/typo\.json: 没有编号为「value\.blanks」的规则\n$/);
    expect((await run("check", seed, "--rules", file("notjson.json", "{"))).stderr).toMatch(/notjson\.json: not JSON/);
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

describe("gov-report input hygiene", () => {
  const seed = "004_f8f28e4c849350e4" as const;
  const seedJson = readFileSync(seedPath(seed), "utf8");
  const bytesFile = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  /** The rule ids and messages of a check, for comparing two readings of one report. */
  const findingsOf = (stdout: string) => (JSON.parse(stdout) as CheckJson).findings.map((f) => `${f.ruleId} ${f.message}`);

  it("checks a UTF-8 seed as before, with nothing on stderr", async () => {
    const { code, stdout, stderr } = await run("check", seedPath(seed));
    expect(code).toBe(1);
    // The counts are the first test's (lib/rules decides them); here: the layout and a quiet stderr.
    expect(stdout).toMatch(/^宿迁市公安局 2020年度报告（2019 年版格式）：\d+ 个错误，\d+ 个警告\n\nERROR   \[/);
    expect(stdout).not.toMatch(/\\x|\\u/);
    expect(stderr).toBe("");
  });

  it.each([
    ["GBK", () => iconv.encode(seedJson, "gbk"), "GBK/GB18030"],
    ["GB18030", () => iconv.encode(seedJson, "gb18030"), "GBK/GB18030"],
    ["UTF-16LE with a BOM", () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seedJson, "utf-16le")]), "UTF-16LE"],
    ["UTF-16BE with a BOM", () => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(seedJson, "utf-16be")]), "UTF-16BE"],
  ])("decodes a report saved as %s, says so in one line on stderr, and checks it like the UTF-8 file", async (name, encode, shown) => {
    const path = bytesFile(`seed-${name.replace(/\W+/g, "-")}.json`, encode());
    const expected = await run("check", seedPath(seed), "--json");
    const result = await run("check", path, "--json");
    expect(result.code).toBe(expected.code);
    expect(findingsOf(result.stdout)).toEqual(findingsOf(expected.stdout));
    expect(result.stderr).toBe(`note: ${path}: not UTF-8; read as ${shown}\n`);
    // --previous and render read the same way.
    const previous = await run("check", seedPath("002_d477ee84c8f7efa5"), "--previous", path);
    expect(previous.stderr).toBe(`note: ${path}: not UTF-8; read as ${shown}\n`);
    const rendered = await run("render", path, "--format", "html", "-o", join(dir, `rendered-${name.replace(/\W+/g, "-")}.html`));
    expect(rendered.stderr).toMatch(new RegExp(`^note: [^\n]+: not UTF-8; read as ${shown.replace("/", "\\/")}\nwrote `));
  });

  it.each([
    ["bytes in no encoding", "neither.json", () => Buffer.from('{"agency": "\xff\xfe\x80 x", "year": 2022}', "latin1"), /^gov-report: \S*neither\.json: not UTF-8 \(byte 0xFF at offset 12\), nor GBK\/GB18030 or UTF-16 — save it as UTF-8\n$/],
    ["damaged GBK", "damaged-gbk.json", () => Buffer.concat([iconv.encode(seedJson.slice(0, 2000), "gbk"), Buffer.from([0xff]), iconv.encode(seedJson.slice(2000), "gbk")]), /^gov-report: \S*damaged-gbk\.json: not UTF-8 \(byte 0x[0-9A-F]{2} at offset \d+\); it looks like GBK\/GB18030, but byte 0xFF at offset \d+ is not valid GBK\/GB18030 either — save it as UTF-8\n$/],
    ["a text in no encoding", "neither.txt", () => Buffer.concat([Buffer.from("Annual report 2022\n"), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(" text\n")]), /^gov-report: \S*neither\.txt: not UTF-8 \(byte 0xFF at offset 19\), nor GBK\/GB18030 or UTF-16 — save it as UTF-8\n$/],
    ["a damaged UTF-8 text", "damaged-utf8.txt", () => {
      const text = readFileSync(seedTextPath(seed));
      const cut = text.indexOf(0x0a, 3000) + 1;
      return Buffer.concat([text.subarray(0, cut), Buffer.from([0xc0, 0xaf]), text.subarray(cut)]);
    }, /^gov-report: \S*damaged-utf8\.txt: not valid UTF-8 \(byte 0xC0 at offset \d+\); the rest is UTF-8, so the file is damaged — save it as UTF-8 again\n$/],
  ])("refuses %s with one English line naming the byte, exit 2", async (_name, name, bytes, message) => {
    for (const command of [["check"], ["check", "--json"], ["render", "--format", "html", "-o", join(dir, "never.html")]]) {
      const [verb, ...rest] = command;
      const result = await run(verb, bytesFile(name, bytes()), ...rest);
      expect(result).toMatchObject({ code: 2, stdout: "" });
      expect(result.stderr).toMatch(message);
    }
    const previous = await run("check", seedPath(seed), "--previous", join(dir, name));
    expect(previous).toMatchObject({ code: 2, stdout: "" });
    expect(previous.stderr).toMatch(message);
  });

  it("escapes control characters of values wherever they are printed, and keeps --json valid JSON", async () => {
    const report = JSON.parse(seedJson);
    report.agency = "示例\u001b[31m市公安局\u0007";
    report.tables.requests.received.natural_person = "12\u001b[2J\r\u0007";
    const path = file("escapes.json", JSON.stringify(report));
    const text = await run("check", path);
    expect(text.stdout).toContain("示例\\x1b[31m市公安局\\x07 2020年度报告");
    expect(text.stdout).toContain("填写了「12\\x1b[2J\\r\\x07」，无法识别为数字");
    expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    const json = await run("check", path, "--json");
    expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    const parsed = JSON.parse(json.stdout) as CheckJson;
    expect(parsed.findings.find((f) => f.ruleId === "value.unreadable")?.message).toContain("12\u001b[2J\r\u0007");
    // An error naming a value, and the batch table, escape them as well.
    const badKey = await run("check", file("escaped-key.json", JSON.stringify({ ...report, tables: { requests: { "x\u001b]0;title\u0007\ny": {} } } })));
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/^gov-report: \S+: not a valid report: at tables\.requests\.x\\x1b\]0;title\\x07\\ny: unknown key "x\\x1b\]0;title\\x07\\ny"[^\n]*\n$/);
    const table = await run("check", path, "--summary", "--jobs", "1");
    expect(table.stdout).toContain("示例\\x1b[31m市公安局\\x07");
    expect(table.stdout + table.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    // C1 controls and bidi overrides, which JSON.stringify leaves raw, are \\u escapes in --json.
    report.agency = "示例\u009b31m\u202e局";
    const c1 = await run("check", file("c1.json", JSON.stringify(report)), "--json");
    expect(c1.stdout).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(c1.stdout).toContain("示例\\u009b31m\\u202e局");
    expect(JSON.parse(c1.stdout).findings.some((f: { message: string }) => f.message.includes("示例\u009b31m\u202e局"))).toBe(true);
  });

  it.each([
    ["1000000001", "1000000001"],
    ["1e20", "1e20"],
    ["9007199254740993", "9007199254740993"],
  ])("rejects the count %s with its JSON path, in one line, exit 2", async (_name, literal) => {
    const text = seedJson.replace(/"natural_person": 23/, `"natural_person": ${literal}`);
    expect(text).toContain(`"natural_person": ${literal}`);
    const { code, stdout, stderr } = await run("check", file(`count-${literal}.json`, text));
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(/^gov-report: \S+: not a valid report: at tables\.requests\.received\.natural_person: 数值过大：不能大于 1000000000（10 亿）。\n$/);
  });

  it("prints a report with many input errors as one line: the first, then the paths of a few more", async () => {
    const report = JSON.parse(seedJson);
    report.year = "2020";
    report.tables.requests.received.natural_person = 1e20;
    report.tables.proactive.procurement.amount = 2e9;
    report.tables.requests.bogus_row = {};
    report.sections.other = 5;
    const { code, stderr } = await run("check", file("many-errors.json", JSON.stringify(report)));
    expect(code).toBe(2);
    expect(stderr.split("\n")).toHaveLength(2);
    expect(stderr).toMatch(/^gov-report: \S+: not a valid report: at [^\n]+ \(and 4 more, at [^\n]+, …\)\n$/);
  });
});

describe("gov-report render", () => {
  it("says on stderr when it marks the output 草稿（未通过检查） (a report with errors), and not otherwise", async () => {
    const failing = join(dir, "failing.html");
    const marked = await run("render", seedPath("004_f8f28e4c849350e4"), "--format", "html", "-o", failing);
    expect(marked.code).toBe(0);
    expect(marked.stderr).toMatch(/^wrote \S*failing\.html \(failing\.html\) marked "草稿（未通过检查）": the report has 1 error and 5 warnings — run "gov-report check" to see them\n$/);
    expect(readFileSync(failing, "utf8")).toContain("草稿（未通过检查）");
    const passing = join(dir, "passing.html");
    const clean = await run("render", seedPath("002_d477ee84c8f7efa5"), "--format", "html", "-o", passing);
    expect(clean.stderr).toMatch(/^wrote \S*passing\.html \(passing\.html\); the report has 0 errors/);
    expect(readFileSync(passing, "utf8")).not.toContain("草稿（未通过检查）");
  });
});

describe("gov-report import", () => {
  const seed003 = seedTextPath("003_5f1914cbe288c934");

  it("prints what seed 003's text gave: agency, counts, each deviation published → official, problems", async () => {
    const output = join(dir, "imported-003.json");
    const { code, stdout, stderr } = await run("import", seed003, "-o", output);
    expect(code).toBe(1); // one problem: 表四 has only its header
    expect(stdout).toContain("imported from text (utf-8)");
    expect(stdout).toContain("agency:     海东市公安局");
    expect(stdout).toContain("year:       2021");
    expect(stdout).toContain("format:     2021 年版");
    expect(stdout).toMatch(/sections: {3}6 read, 6 of 6 placed/);
    expect(stdout).toMatch(/cells: {6}\d+ read, \d+ placed/);
    expect(stdout).toMatch(/Deviations from the official format \(41\), published → official:/);
    expect(stdout).toContain("proactive.row.normative_documents  「规范性文件」 → 「行政规范性文件」  [other-format, 第 34 行第 1 列]");
    expect(stdout).toContain("requests.row.granted  「(一) 予以公开」 → 「（一）予以公开」  [width, 第 54 行第 11 列]");
    expect(stdout).toMatch(/Not placed \(1\):\n {2}第 3 行 {2}「海东市公安局文件」 {2}\[letterhead\]/);
    expect(stdout).toContain("PROBLEM [table.no-data] 表四（行政复议、行政诉讼）只有表头，没有数据行。");
    expect(stderr).toBe(`wrote ${output}\n`);
    // -o writes the interchange JSON, which `check` reads like any report.
    const written = JSON.parse(readFileSync(output, "utf8"));
    expect(written).toMatchObject({ agency: "海东市公安局", year: 2021, format: "2021" });
    expect(written.stated.labels).toHaveLength(41);
    expect((await run("check", output)).code).toBe(1);
  });

  it("prints the whole outcome with --json and exits 0 for an import without problems", async () => {
    const parsed = JSON.parse((await run("import", seed003, "--json")).stdout);
    expect(parsed).toMatchObject({ source: "text", encoding: "utf-8", report: { agency: "海东市公安局" } });
    expect(parsed.deviations).toHaveLength(41);
    expect(Object.keys(parsed.provenance)).toContain("agency");
    const clean = await run("import", seedTextPath("002_d477ee84c8f7efa5"));
    expect(clean.stdout).toContain("problems: 0");
    expect(clean.code).toBe(0);
  });

  it("reads text that is not UTF-8 as GB18030", async () => {
    const gbk = join(dir, "gbk-003.txt");
    writeFileSync(gbk, iconv.encode(readFileSync(seed003, "utf8"), "gb18030"));
    const { stdout } = await run("import", gbk);
    expect(stdout).toContain("imported from text (gb18030)");
    expect(stdout).toContain("agency:     海东市公安局");
  });
});

describe("gov-report check on published files", () => {
  it.each(SEED_NAMES)("finds the same defects in %s.txt as in its JSON transcription, plus its label deviations", async (seed) => {
    const fromJson = JSON.parse((await run("check", seedPath(seed), "--json")).stdout) as CheckJson;
    const result = await run("check", seedTextPath(seed), "--json");
    const fromText = JSON.parse(result.stdout) as CheckJson;
    const ids = (json: CheckJson) => json.findings.map((f) => f.ruleId).filter((id) => id !== "stated.label-wording").sort();
    expect(ids(fromText)).toEqual(ids(fromJson));
    expect(fromText.errors).toBe(fromJson.errors);
    expect(result.code).toBe(fromJson.errors > 0 ? 1 : 0);
    // Table labels as published become stated.label-wording warnings (headings are compared
    // by the stated.heading-* rules, as for the transcriptions).
    const deviations = fromText.import!.deviations.filter((d) => !d.where.startsWith("section."));
    expect(deviations.length).toBeGreaterThan(0);
    const warnings = fromText.findings.filter((f) => f.ruleId === "stated.label-wording");
    expect(warnings).toHaveLength(deviations.length);
    expect(warnings.every((f) => f.severity === "warning")).toBe(true);
    expect(fromText.warnings).toBe(fromJson.warnings + deviations.length);
  });

  it("prints import problems and deviations with the findings", async () => {
    const { code, stdout } = await run("check", seedTextPath("003_5f1914cbe288c934"));
    expect(code).toBe(1);
    expect(stdout).toMatch(/^海东市公安局 2021年度报告（2021 年版格式）：1 个错误，48 个警告\n导入自 text 文件（utf-8）：41 处标签或标题与官方格式不一致，1 项未能放置，1 个导入问题\n/);
    expect(stdout).toContain("PROBLEM [table.no-data] 表四（行政复议、行政诉讼）只有表头，没有数据行。（第 81 行第 1 列）");
    expect(stdout).toContain("ERROR   [stated.preface-title]");
    // Label deviations, located in the source.
    expect(stdout).toMatch(/\nWARNING \[stated\.label-wording\] [^\n]*「\(一\) 予以公开」与官方格式「（一）予以公开」不一致[^\n]*\n {8}at: 第 54 行第 11 列\n/);
    const renumbered = await run("check", seedTextPath("001_c4d8e41b12f6790a"));
    expect(renumbered.stdout).toMatch(/\nWARNING \[stated\.heading-wording\] 标题「一、总体情况。」[^\n]*\n {8}at: 第 6 行\n/);
    // The interchange JSON that `import -o` writes keeps the labels: checking it gives the same.
    const output = join(dir, "imported-for-check.json");
    await run("import", seedTextPath("003_5f1914cbe288c934"), "-o", output);
    const fromJson = JSON.parse((await run("check", output, "--json")).stdout) as CheckJson;
    const fromText = JSON.parse((await run("check", seedTextPath("003_5f1914cbe288c934"), "--json")).stdout) as CheckJson;
    expect(fromJson.findings.map((f) => f.ruleId)).toEqual(fromText.findings.map((f) => f.ruleId));
  });

  it.each(["html", "docx", "pdf"])("imports and checks a report rendered as %s", async (format) => {
    const rendered = join(dir, `rendered-003.${format}`);
    expect((await run("render", seedPath("003_5f1914cbe288c934"), "--format", format, "-o", rendered)).code).toBe(0);
    const fromJson = JSON.parse((await run("check", seedPath("003_5f1914cbe288c934"), "--json")).stdout) as CheckJson;
    const result = await run("check", rendered, "--json");
    const checked = JSON.parse(result.stdout) as CheckJson;
    expect(checked.import!.source).toBe(format);
    expect(checked.findings.map((f) => f.ruleId)).toContain("stated.preface-title");
    expect(checked.errors).toBe(fromJson.errors);
  });

  it.each([
    ["an unknown extension", "notes.rtf", "x", /^gov-report: \S*notes\.rtf: "\.rtf" files are not supported \(use \.json, \.txt, \.html, \.htm, \.docx, \.doc or \.pdf\)\n$/],
    ["a corrupt DOCX", "broken.docx", "not a zip", /^gov-report: \S*broken\.docx: cannot import the DOCX file \(docx\.corrupt\): 无法读取该 DOCX 文件[^\n]*\n$/],
    ["a corrupt PDF", "broken.pdf", "%PDF-1.4 truncated", /^gov-report: \S*broken\.pdf: cannot import the PDF file \(pdf\.corrupt\): [^\n]+\n$/],
    ["a text without a title", "untitled.txt", "一、总体情况\n无\n", /^gov-report: \S*untitled\.txt: cannot check the imported report: the agency and the report year could not be read from its title \(agency\.missing, year\.missing\)\n$/],
  ])("rejects %s with one line, exit 2", async (_name, name, content, message) => {
    const { code, stdout, stderr } = await run("check", file(name, content));
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(message);
  });

  it("rejects bad usage of import with one line, exit 2", async () => {
    expect(await run("import", seedPath("003_5f1914cbe288c934"))).toMatchObject({ code: 2, stderr: expect.stringMatching(/already the interchange JSON; run "gov-report check .*"\n$/) });
    expect(await run("import", join(dir, "missing.pdf"))).toMatchObject({ code: 2, stderr: expect.stringMatching(/^gov-report: \S*missing\.pdf: cannot read the file \(no such file\)\n$/) });
    expect(await run("import", dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/a file without an extension is not supported|is a folder/) });
    expect(await run("check", seedPath("002_d477ee84c8f7efa5"), "--jobs", "2")).toMatchObject({ code: 2, stderr: expect.stringContaining("--out and --jobs go with --summary") });
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
    expect(ok.stdout).toContain("0 个错误，17 个警告");
    const bad = await exec(process.execPath, [bin, "check", file("bad2.json", "[1,2")]).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gov-report: .*bad2\.json: not valid JSON/);
    // Encodings and escapes, through the bundle as through the sources.
    const gbk = join(dir, "bin-gbk.json");
    const escaped = readFileSync(seedPath("002_d477ee84c8f7efa5"), "utf8").replace(/"agency": "[^"]*"/, '"agency": "六盘水市\\u001b[31m公安局"');
    writeFileSync(gbk, iconv.encode(escaped, "gbk"));
    const decoded = await exec(process.execPath, [bin, "check", gbk]).catch((e) => e);
    expect(decoded.stdout).toMatch(/^六盘水市\\x1b\[31m公安局 2020年度报告（2019 年版格式）：/);
    expect(decoded.stdout).not.toContain("\u001b");
    expect(decoded.stderr).toBe(`note: ${gbk}: not UTF-8; read as GBK/GB18030\n`);
    const neither = join(dir, "bin-neither.json");
    writeFileSync(neither, Buffer.from('{"agency": "\xff\xfe\x80"}', "latin1"));
    const refused = await exec(process.execPath, [bin, "check", neither]).catch((e) => e);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`gov-report: ${neither}: not UTF-8 (byte 0xFF at offset 12), nor GBK/GB18030 or UTF-16 — save it as UTF-8\n`);
  });

  it("checks a published text, imports it, and runs a batch, through the package bin", async () => {
    const bin = fileURLToPath(new URL("./gov-report.mjs", import.meta.url));
    const exec = promisify(execFile);
    const checked = await exec(process.execPath, [bin, "check", seedTextPath("002_d477ee84c8f7efa5")]);
    expect(checked.stdout).toMatch(/^六盘水市公安局 2020年度报告（2019 年版格式）：0 个错误，\d+ 个警告\n导入自 text 文件/);
    expect(checked.stdout).toContain("WARNING [stated.label-wording]");
    const imported = await exec(process.execPath, [bin, "import", seedTextPath("003_5f1914cbe288c934")]).catch((e) => e);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain("「(一) 予以公开」 → 「（一）予以公开」");
    const out = join(dir, "bin-summary.csv");
    const batch = await exec(process.execPath, [bin, "check", seedPath("002_d477ee84c8f7efa5"), seedTextPath("002_d477ee84c8f7efa5"), "--summary", "--out", out]);
    // Not a terminal: no progress bar, only the final line.
    expect(batch.stderr).toMatch(/^checked 2 files in \d+\.\d s \([\d.]+ files\/s\): 2 without errors, 0 with errors, 0 could not be checked; wrote .*bin-summary\.csv\n$/);
    expect(readFileSync(out, "utf8").split("\r\n")).toHaveLength(4);
  });
});
