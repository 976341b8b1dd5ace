import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { computedValue, givenValue } from "../report/values";
import { officialTsv } from "../test-support/official-tsv";
import { loadSeed, type SeedName } from "../test-support/seeds";
import type { TableId } from "../template/types";
import { editGrid } from "./paste-grid";
import { parseClipboardGrid } from "./paste-plan";
import { buildTablesWorkbook, formatTables, placeUploadedWorkbook, placeWorkbook, readTablesWorkbook, type TablePlacement } from "./xlsx-template";

const TABLES: TableId[] = ["proactive", "requests", "reviews"];
const SEED_2021: SeedName = "003_5f1914cbe288c934";
const SEED_2019: SeedName = "004_f8f28e4c849350e4";

/** The same agency and year with empty tables: a template as first downloaded. */
function emptyLike(report: PreparedReport): PreparedReport {
  const result = prepareReport({ agency: report.input.agency, year: report.input.year, format: report.format });
  if (!result.ok) throw new Error("empty report does not validate");
  return result.report;
}

async function load(buffer: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  return workbook;
}

/** The printed table as a text grid (merged cells' text in their first position). */
function printed(report: PreparedReport, table: TableId): string[][] {
  return parseClipboardGrid(officialTsv(report, table));
}

function text(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  // cell.value drops a formula result of 0; cell.result keeps it.
  if (typeof value === "object" && "formula" in value) return cell.result === undefined || cell.result === null ? "" : String(cell.result);
  return String(value);
}

function sheetOf(workbook: ExcelJS.Workbook, report: PreparedReport, table: TableId): ExcelJS.Worksheet {
  const name = formatTables(report.format).find((t) => t.table === table)!.sheetName;
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Every input (non-total) cell key of a table. */
function inputKeys(report: PreparedReport, table: TableId): string[] {
  return editGrid(report.format, table)
    .lines.flatMap((l) => l.slots)
    .filter((s) => s && !s.readOnly)
    .map((s) => s!.key);
}

function expectSeedValues(placements: TablePlacement[], seed: PreparedReport) {
  expect(placements.map((p) => p.table).sort()).toEqual([...TABLES].sort());
  for (const { table, plan, layout } of placements) {
    expect(layout, table).toBe("official");
    expect(plan.rejected, table).toEqual([]);
    expect(plan.unmatched, table).toEqual([]);
    expect(plan.clipped, table).toBe(0);
    expect(plan.writes.map((w) => w.key).sort(), table).toEqual(inputKeys(seed, table).sort());
    for (const write of plan.writes) expect(write.value, write.key).toBe(seed.cells.get(write.key)?.value ?? null);
  }
}

describe.each([
  ["2021 format", SEED_2021],
  ["2019 format", SEED_2019],
])("the tables workbook of seed %s", (_name, seedName) => {
  const seed = loadSeed(seedName);

  it("has one protected sheet per table in the printed layout: merges, labels and values as printed", async () => {
    const workbook = await load(await buildTablesWorkbook(seed));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(formatTables(seed.format).map((t) => t.sheetName));
    expect(workbook.worksheets.map((s) => s.name.slice(0, 2))).toEqual(["表二", "表三", "表四"]);
    for (const table of TABLES) {
      const sheet = sheetOf(workbook, seed, table);
      const expected = printed(seed, table);
      const grid = editGrid(seed.format, table);
      const positions = positionsOf(seed, table);
      const totals = new Set(grid.lines.flatMap((l) => l.slots).filter((s) => s?.readOnly).map((s) => `${positions.get(s!.key)!.row}:${positions.get(s!.key)!.col}`));
      // Every position's text as printed (labels character for character, values as printed
      // numbers); totals are formulas, checked below.
      expected.forEach((row, r) =>
        row.forEach((want, c) => {
          if (totals.has(`${r}:${c}`)) return;
          const got = text(sheet.getCell(r + 1, c + 1));
          const cell = sheet.getCell(r + 1, c + 1);
          const isMergedTail = cell.isMerged && cell.master.address !== cell.address;
          expect(isMergedTail ? "" : got.replace(/万元$/, ""), `${table} ${cell.address}`).toBe(want.replace(/万元$/, ""));
        }),
      );
      // Protected without a password (exceljs reads the protection into `sheetProtection`).
      const protection = (sheet as unknown as { sheetProtection: { sheet?: boolean; hashValue?: string } | null }).sheetProtection;
      expect(protection).toMatchObject({ sheet: true });
      expect(protection?.hashValue).toBeUndefined();
    }
    // Merged ranges as printed: table 3's corner, 申请人情况, 法人或其他组织, 三、本年度办理结果 …
    const requests = sheetOf(workbook, seed, "requests");
    const merges = (requests.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(["A1:C3", "D1:J1"]));
    expect(requests.getCell("A1").isMerged).toBe(true);
    expect(text(requests.getCell("A4"))).toBe("一、本年新收政府信息公开申请数量");
    expect(requests.getCell("A4").isMerged).toBe(true); // spans the label columns
    const table2 = sheetOf(workbook, seed, "proactive");
    expect(text(table2.getCell("A1"))).toBe("第二十条第（一）项");
    expect((table2.model as unknown as { merges: string[] }).merges).toContain("A1:D1");
    const table4 = sheetOf(workbook, seed, "reviews");
    expect(text(table4.getCell("A1"))).toBe("行政复议");
    expect((table4.model as unknown as { merges: string[] }).merges).toEqual(expect.arrayContaining(["A1:E1", "F1:O1", "F2:J2", "K2:O2"]));
  });

  it("holds formulas on locked totals and validation on unlocked inputs", async () => {
    const workbook = await load(await buildTablesWorkbook(seed));
    for (const table of TABLES) {
      const sheet = sheetOf(workbook, seed, table);
      const grid = editGrid(seed.format, table);
      const printedRows = printed(seed, table);
      // Find each slot's address via the printed table's positions.
      const positions = positionsOf(seed, table);
      for (const line of grid.lines) {
        for (const slot of line.slots) {
          if (!slot) continue;
          const at = positions.get(slot.key)!;
          const cell = sheet.getCell(at.row + 1, at.col + 1);
          if (slot.readOnly) {
            expect(cell.protection?.locked, slot.key).not.toBe(false);
            const value = cell.value as { formula?: string; result?: unknown };
            expect(value.formula, slot.key).toMatch(/^IF\(COUNT\(.+\)=0,"",SUM\(.+\)\)$/);
            // The formula names exactly the term cells.
            const named = expandRanges(value.formula!.match(/SUM\((.+)\)\)$/)![1]);
            const terms = slot.terms.map((t) => positions.get(t)!).map((p) => `${col(p.col)}${p.row + 1}`);
            expect(named.sort(), slot.key).toEqual(terms.sort());
            // The cached result is the computed total (blank while every term is blank).
            const computed = computedValue(seed, slot.ref);
            expect(cell.result === "" || cell.result === undefined ? null : cell.result, slot.key).toBe(computed);
            if (givenValue(seed, slot.ref) === null) expect(printedRows[at.row][at.col], slot.key).toBe(computed === null ? "" : String(computed));
          } else {
            expect(cell.protection?.locked, slot.key).toBe(false);
            const validation = cell.dataValidation;
            expect(validation?.showErrorMessage, slot.key).toBe(true);
            expect(validation?.error, slot.key).toMatch(/[\u4e00-\u9fff]/);
            if (slot.kind === "count") expect(validation).toMatchObject({ type: "whole", operator: "between", formulae: [0, 1_000_000_000] });
            if (slot.kind === "signed") expect(validation).toMatchObject({ type: "whole", formulae: [-1_000_000_000, 1_000_000_000] });
            if (slot.kind === "money") {
              expect(validation?.type).toBe("custom");
              expect(String(validation?.formulae?.[0])).toContain(`ROUND(${cell.address},4)=${cell.address}`);
            }
          }
        }
      }
      // Labels are locked too.
      expect(sheet.getCell("A1").protection?.locked).not.toBe(false);
    }
  });

  it("round trip: inputs typed into a blank template land where typing would put them; stale totals are only checks", async () => {
    const blank = emptyLike(seed);
    const workbook = await load(await buildTablesWorkbook(blank));
    for (const table of TABLES) {
      const sheet = sheetOf(workbook, blank, table);
      const want = printed(seed, table);
      const grid = editGrid(seed.format, table);
      const positions = positionsOf(seed, table);
      for (const line of grid.lines) {
        for (const slot of line.slots) {
          if (!slot) continue;
          const at = positions.get(slot.key)!;
          const cell = sheet.getCell(at.row + 1, at.col + 1);
          if (slot.readOnly) {
            // A clerk's file whose totals were never recalculated: a wrong cached result.
            cell.value = { formula: (cell.value as { formula: string }).formula, result: 999_999 } as ExcelJS.CellValue;
            continue;
          }
          const value = seed.cells.get(slot.key)?.value ?? null;
          cell.value = value;
          expect(want[at.row][at.col].replace(/万元$/, ""), slot.key).toBe(value === null ? "" : String(value));
        }
      }
    }
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await readTablesWorkbook(filled);
    if (!read.ok) throw new Error(read.message);
    expect(read.skipped).toEqual([]);
    const placements = placeWorkbook(seed.format, read.tables);
    expectSeedValues(placements, seed);
    for (const { table, plan } of placements) {
      const totals = editGrid(seed.format, table).lines.flatMap((l) => l.slots).filter((s) => s?.readOnly).map((s) => s!.key);
      expect(plan.writes.some((w) => totals.includes(w.key)), table).toBe(false);
      expect(plan.checks.map((c) => c.key).sort(), table).toEqual([...totals].sort());
      expect(plan.checks.every((c) => c.value === 999_999), table).toBe(true);
    }
  });

  it("reads its own download back with the report's values", async () => {
    const read = await readTablesWorkbook(await buildTablesWorkbook(seed));
    if (!read.ok) throw new Error(read.message);
    expectSeedValues(placeWorkbook(seed.format, read.tables), seed);
  });
});

/** Positions of value cells in the printed table, found through a report whose every cell holds a unique number. */
function positionsOf(report: PreparedReport, table: TableId): Map<string, { row: number; col: number }> {
  const grid = editGrid(report.format, table);
  const cells: Record<string, number> = {};
  let n = 1_000;
  const keys = grid.lines.flatMap((l) => l.slots).filter((s) => s).map((s) => s!.key);
  for (const key of keys) cells[key] = n++;
  const tagged = prepareReport({ agency: "-", year: report.input.year, format: report.format, tables: nest(cells) });
  if (!tagged.ok) throw new Error(JSON.stringify(tagged.issues));
  const rows = printed(tagged.report, table);
  const positions = new Map<string, { row: number; col: number }>();
  rows.forEach((row, r) =>
    row.forEach((t, c) => {
      const key = keys[Number(t.replace(/万元$/, "")) - 1_000];
      if (/^\d+(万元)?$/.test(t) && key) positions.set(key, { row: r, col: c });
    }),
  );
  expect(positions.size).toBe(keys.length);
  return positions;
}

/** {"requests.received.natural_person": 1} → {requests: {received: {natural_person: 1}}}. */
function nest(cells: Record<string, number>): Record<string, Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, Record<string, number>>> = {};
  for (const [key, value] of Object.entries(cells)) {
    const [t, r, c] = key.split(".");
    ((out[t] ??= {})[r] ??= {})[c] = value;
  }
  return out;
}

function col(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** "D4:D6,E4" → D4 D5 D6 E4. */
function expandRanges(args: string): string[] {
  return args.split(",").flatMap((part) => {
    const [from, to = from] = part.split(":");
    const a = from.match(/^([A-Z]+)(\d+)$/)!;
    const b = to.match(/^([A-Z]+)(\d+)$/)!;
    const out: string[] = [];
    for (let r = Number(a[2]); r <= Number(b[2]); r++) for (let c = colIndex(a[1]); c <= colIndex(b[1]); c++) out.push(`${col(c)}${r}`);
    return out;
  });
}

async function workbookOf(sheets: Record<string, (string | number | null)[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("a workbook the clerk made", () => {
  it("is placed by its labels: labels in column A, numbers beside, rows in another order, no merges", async () => {
    const buffer = await workbookOf({
      Sheet1: [
        ["四、结转下年度继续办理", 1, 0, 0, 0, 0, 0],
        ["（一）予以公开", 5, 1, 0, 0, 0, 2],
        ["一、本年新收政府信息公开申请数量", 20, 3, 0, 0, 1, 0],
        ["1.信访举报投诉类申请", 4, 0, 0, 0, 0, 0],
      ],
      备注: [["本表由办公室填写"], ["联系人：张三"]],
    });
    const read = await readTablesWorkbook(buffer);
    if (!read.ok) throw new Error(read.message);
    expect(read.tables.map((t) => [t.table, t.sheet])).toEqual([["requests", "Sheet1"]]);
    expect(read.skipped).toEqual([{ sheet: "备注", reason: expect.stringContaining("对不上表二、表三或表四") }]);
    const [placement] = placeWorkbook("2021", read.tables);
    expect(placement.layout).toBe("paste");
    expect(placement.plan.rowMode).toBe("labels");
    const set = Object.fromEntries(placement.plan.writes.filter((w) => w.value).map((w) => [w.key, w.value]));
    expect(set).toEqual({
      "requests.carried_forward.natural_person": 1,
      "requests.granted.natural_person": 5,
      "requests.granted.commercial": 1,
      "requests.granted.other_org": 2,
      "requests.received.natural_person": 20,
      "requests.received.commercial": 3,
      "requests.received.legal_services": 1,
      "requests.not_processed_petition.natural_person": 4,
    });
    expect(placement.plan.unmatched).toEqual([]);
  });

  it("is recognised by its labels whatever its sheet name, and a sheet of no table is reported", async () => {
    const buffer = await workbookOf({
      数据: [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", 2, 0, 10],
        ["行政规范性文件", 5, 1, 30],
      ],
      图表: [["月份", "数量"], ["1月", 3]],
    });
    const read = await readTablesWorkbook(buffer);
    if (!read.ok) throw new Error(read.message);
    expect(read.tables.map((t) => t.table)).toEqual(["proactive"]);
    expect(read.skipped.map((s) => s.sheet)).toEqual(["图表"]);
    const [placement] = placeWorkbook("2021", read.tables);
    const set = Object.fromEntries(placement.plan.writes.map((w) => [w.key, w.value]));
    expect(set).toMatchObject({ "proactive.regulations.issued": 2, "proactive.regulations.in_force": 10, "proactive.normative_documents.issued": 5, "proactive.normative_documents.repealed": 1 });
  });

  it("a workbook with no statutory table is an error naming the sheets", async () => {
    const result = await placeUploadedWorkbook("2021", await workbookOf({ 图表: [["月份", "数量"], ["1月", 3]] }));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/没有找到表二、表三或表四.*「图表」/) });
  });
});

describe("files that are not a readable XLSX", () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["random bytes", new TextEncoder().encode("这不是一个表格文件"), /不是 Excel 工作簿/],
    ["an empty file", new Uint8Array(0), /文件是空的/],
    ["an encrypted or .xls file", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /打开密码|\.xls/],
    ["a zip without a workbook", zipSync({ "word/document.xml": new TextEncoder().encode("<w:document/>") }), /没有 Excel 工作簿的内容/],
    ["a zip bomb", zipSync({ "xl/workbook.xml": new Uint8Array(64 * 1024 * 1024) }, { level: 9 }), /内容过大/],
  ];
  it.each(cases)("%s gives a Chinese message, not a throw", async (_name, bytes, message) => {
    const read = await readTablesWorkbook(bytes);
    expect(read).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it("a truncated XLSX gives the corrupt-file message", async () => {
    const good = await buildTablesWorkbook(loadSeed(SEED_2021));
    const read = await readTablesWorkbook(good.subarray(0, Math.floor(good.length / 2)));
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/损坏或不完整/) });
  });

  it("a zip bomb whose header lies about its size is caught while inflating", async () => {
    const bomb = zipSync({ "xl/workbook.xml": new Uint8Array(32 * 1024 * 1024) }, { level: 9 });
    // Patch the declared sizes (central directory and local header) to 1 KB.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 <= bomb.byteLength; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 1024, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 1024, true);
    }
    const read = await readTablesWorkbook(bomb);
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/内容过大/) });
  });
});
