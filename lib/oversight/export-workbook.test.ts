import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../templates";
import { buildTable } from "../document/build-table";
import type { DocCell, DocTable } from "../document/types";
import { parseCellKey } from "../report/cell-ref";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import { effectiveValue } from "../report/values";
import { loadSeed } from "../test-support/seeds";
import type { TableId } from "../template/types";
import { daysLate, daysUntilDeadline, deadlineRule, publicationDeadline, type AgencyKind } from "../workflow/deadline";
import type { ProgressStatus } from "../workflow/report-status";
import { cellLayout, cellVector } from "./cell-vector";
import { cellColumns, reportUnitValues, writeOversightWorkbook, type AgencyCellRow, type OversightWorkbookInput } from "./export-workbook";
import { buildRollUp, prepareRollUp, sumReports, type RollUp, type RollUpCoverage } from "./roll-up";
import type { AgencyStatusRow } from "./status-row";

function prepared(input: unknown): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

let slugs = 0;

/** A status row as lib/server/oversight/load-agency-statuses.ts computes it. */
function statusRow(
  name: string,
  kind: AgencyKind,
  year: number,
  now: Date,
  state: { status: ProgressStatus; publishedAt?: Date; submittedAt?: Date; lastChange?: Date; version?: { number: number; errors: number; warnings: number }; depth?: number },
): AgencyStatusRow {
  const slug = `agency-${++slugs}`;
  const publishedAt = state.publishedAt ?? null;
  const daysLeft = publishedAt ? null : daysUntilDeadline(kind, year, now);
  const late = publishedAt ? daysLate(kind, year, publishedAt) : null;
  return {
    agency: { id: `id-${name}`, name, slug, kind, parentId: null, depth: state.depth ?? 0 },
    reportId: state.status === "NOT_STARTED" ? null : `report-${name}`,
    status: state.status,
    lastChange: state.lastChange ? { at: state.lastChange, by: "张三", action: "report.save" } : null,
    latestVersion: state.version ?? null,
    submittedAt: state.submittedAt ?? null,
    publishedAt,
    revision: publishedAt ? 1 : null,
    deadline: publicationDeadline(kind, year),
    deadlineRule: deadlineRule(kind),
    daysLeft,
    daysLate: late,
    overdue: publishedAt ? late! > 0 : daysLeft! < 0,
    publicPath: publishedAt ? `/reports/${slug}/${year}` : null,
  };
}

function agencyRows(reports: { id: string; report: PreparedReport }[]): AgencyCellRow[] {
  return reports.map(({ id, report }, i) => ({
    agency: { id, name: report.input.agency },
    versionNumber: i + 1,
    values: reportUnitValues(cellLayout(report.format), cellVector(report)),
  }));
}

function coverageOf(reports: { id: string; report: PreparedReport }[]): RollUpCoverage {
  return {
    included: reports.map(({ id, report }, i) => ({ agency: { id, name: report.input.agency }, reportId: `r-${id}`, status: "PUBLISHED", version: { id: `v-${id}`, number: i + 1, format: report.format, revision: 1 } })),
    missing: [{ id: "c", name: "示例市丙局" }],
    excluded: [{ agency: { id: "d", name: "示例市丁局" }, reportId: "r-d", status: "PUBLISHED", reason: "other-format", format: "2021", versionId: "v-d" }],
  };
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Where each model cell sits in a grid (0-based), placed independently of the code under test. */
function placements(table: DocTable): { cell: DocCell; row: number; col: number }[] {
  const rows = [...table.header, ...table.bodyGroups.flat()];
  const covered = new Set<string>();
  const out: { cell: DocCell; row: number; col: number }[] = [];
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (covered.has(`${r}:${c}`)) c++;
      out.push({ cell, row: r, col: c });
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) covered.add(`${r + dr}:${c + dc}`);
      c += cell.colSpan;
    }
  });
  return out;
}

/** The first row whose first cell holds `text` (where the table starts). */
function rowStarting(sheet: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === text) return r;
  throw new Error(`${sheet.name}: no row starts with ${text}`);
}

const SHEETS: Record<TableId, string> = {
  proactive: "表二 主动公开政府信息情况",
  requests: "表三 收到和处理政府信息公开申请情况",
  reviews: "表四 政府信息公开行政复议、行政诉讼情况",
};

describe("oversight workbook", () => {
  // 六盘水 and 宿迁 2020, two real published reports in the 2019 format.
  const fixtures = [
    { id: "a", report: loadSeed("002_d477ee84c8f7efa5") },
    { id: "b", report: loadSeed("004_f8f28e4c849350e4") },
  ];
  const now = new Date("2021-02-10T02:00:00Z");
  const rollUp: RollUp = buildRollUp({
    title: "示例市人民政府及下属机关",
    year: 2020,
    basis: "published",
    coverage: coverageOf(fixtures),
    sums: sumReports("2019", fixtures.map((f) => f.report)),
  });
  const statuses = [
    statusRow("示例市甲局", "DEPARTMENT", 2020, now, {
      status: "PUBLISHED",
      // 01:00 on 1 February in China: one day late, although it is still 31 January in UTC.
      publishedAt: new Date("2021-01-31T17:00:00Z"),
      submittedAt: new Date("2021-01-25T03:00:00Z"),
      lastChange: new Date("2021-01-20T06:08:00Z"),
      version: { number: 2, errors: 0, warnings: 1 },
      depth: 1,
    }),
    statusRow("示例市人民政府", "GOVERNMENT", 2020, now, { status: "DRAFT", lastChange: new Date("2021-02-09T16:30:00Z") }),
    statusRow("示例市丙局", "DEPARTMENT", 2020, now, { status: "NOT_STARTED", depth: 1 }),
  ];
  const input: OversightWorkbookInput = {
    title: "示例市人民政府及下属机关",
    year: 2020,
    rollUp,
    statuses,
    agencyCells: { layout: cellLayout("2019"), rows: agencyRows(fixtures) },
    now,
    publicBaseUrl: "https://gk.example.gov.cn",
  };

  it("lays tables 2–4 out as the document model does, merged headers and borders included, holding the sum of the reports", async () => {
    const workbook = await load(await writeOversightWorkbook(input));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...Object.values(SHEETS), "各机关数据", "填报情况", "汇总范围"]);
    const total = prepareRollUp(rollUp.content);
    let valueCells = 0;
    for (const [id, name] of Object.entries(SHEETS) as [TableId, string][]) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.getCell(1, 1).value).toBe("示例市人民政府及下属机关2020年政府信息公开工作年度报告数据汇总");
      expect(sheet.getCell(3, 1).value).toBe("本表汇总 2 个机关已发布的年度报告数据；1 个机关尚无本年度报告；1 个机关的报告未纳入（使用其他格式 1 个）。");
      const table = buildTable(total, TEMPLATES["2019"].tables[id]);
      const placed = placements(table);
      const top = rowStarting(sheet, placed[0].cell.text);
      const expectedMerges: string[] = [];
      for (const { cell, row, col } of placed) {
        const at = sheet.getCell(top + row, col + 1);
        if (cell.role === "value") {
          const ref = cell.ref!;
          const [x, y] = fixtures.map((f) => effectiveValue(f.report, ref));
          const expected = x === null && y === null ? null : Math.round(((x ?? 0) + (y ?? 0)) * 10_000) / 10_000;
          expect(at.value, `${name} ${ref.table}.${ref.row}.${ref.col}`).toBe(expected);
          valueCells++;
        } else {
          expect(at.value, `${name} r${row} c${col}`).toBe(cell.text);
        }
        if (cell.rowSpan > 1 || cell.colSpan > 1) {
          expectedMerges.push(`${columnLetter(col + 1)}${top + row}:${columnLetter(col + cell.colSpan)}${top + row + cell.rowSpan - 1}`);
        }
        // The far corner of a merged range carries the border too.
        const corner = sheet.getCell(top + row + cell.rowSpan - 1, col + cell.colSpan);
        expect(corner.border?.bottom?.style, `${name} border`).toBe("thin");
        expect(corner.border?.right?.style).toBe("thin");
      }
      const tableMerges = (sheet.model.merges as string[]).filter((range) => Number(/\d+/.exec(range)![0]) >= top);
      expect(tableMerges.sort()).toEqual(expectedMerges.sort());
      expect(expectedMerges.length).toBeGreaterThan(0);
      // Balanced reports: no findings under the table.
      expect(sheet.getCell(top + placed.at(-1)!.row + 2, 1).value).toBeNull();
    }
    expect(valueCells).toBe(cellLayout("2019").cellIds.length);

    // One figure by hand: 本年新收 总计 of the two reports.
    const requests = workbook.getWorksheet(SHEETS.requests)!;
    const received = rowStarting(requests, "一、本年新收政府信息公开申请数量");
    const ref = parseCellKey("requests.received.total")!;
    expect(requests.getCell(received, 10).value).toBe(effectiveValue(fixtures[0].report, ref)! + effectiveValue(fixtures[1].report, ref)!);
    expect(requests.getCell(received, 1).alignment?.wrapText).toBe(true);
  });

  it("writes one row per agency with the cell ids, readable labels, numbers and blanks, panes frozen", async () => {
    const workbook = await load(await writeOversightWorkbook(input));
    const sheet = workbook.getWorksheet("各机关数据")!;
    const layout = cellLayout("2019");
    const ids = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(ids).toEqual(["机关名称", "版本号", ...layout.cellIds]);
    const label = (cellId: string) => sheet.getCell(2, 3 + layout.positions.get(cellId)!).value;
    expect(label("requests.received.natural_person")).toBe("表三 / 一、本年新收政府信息公开申请数量 / 自然人");
    expect(label("requests.withheld_state_secret.commercial")).toBe("表三 / 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 / 法人或其他组织 / 商业企业");
    expect(label("reviews.litigation_direct.upheld")).toBe("表四 / 行政诉讼 / 未经复议直接起诉 / 结果维持");
    expect(label("proactive.procurement.amount")).toBe("表二 / 政府集中采购 / 采购总金额（万元）");
    expect(cellColumns(layout).map((c) => c.label)).toEqual(layout.cellIds.map((id) => label(id)));

    fixtures.forEach(({ report }, i) => {
      const row = sheet.getRow(3 + i);
      expect(row.getCell(1).value).toBe(report.input.agency);
      expect(row.getCell(2).value).toBe(i + 1);
      layout.cellIds.forEach((cellId, c) => expect(row.getCell(3 + c).value, cellId).toBe(effectiveValue(report, parseCellKey(cellId)!)));
    });
    // 宿迁 left most of table 3 blank: those cells are empty, not 0.
    expect(sheet.getRow(4).getCell(3 + layout.positions.get("requests.carried_over.natural_person")!).value).toBeNull();
    expect(sheet.rowCount).toBe(4);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 2 });
    expect(sheet.model.merges).toEqual(["A1:A2", "B1:B2"]);
  });

  it("lists the statuses with real dates in China time, day counts as numbers and absolute public links", async () => {
    const workbook = await load(await writeOversightWorkbook(input));
    const sheet = workbook.getWorksheet("填报情况")!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers).toEqual(["机关", "类型", "状态", "版本号", "最后修改", "修改人", "错误", "警告", "提交日期", "发布日期", "截止日期", "截止规则", "时限情况", "剩余天数", "逾期天数", "公开链接"]);
    const cell = (row: number, header: string) => sheet.getCell(row, headers.indexOf(header) + 1);

    expect(cell(2, "机关").value).toBe("示例市甲局");
    expect(cell(2, "机关").alignment?.indent).toBe(1);
    expect(cell(2, "类型").value).toBe("人民政府部门");
    expect(cell(2, "状态").value).toBe("已发布");
    expect(cell(2, "最后修改").value).toEqual(new Date(Date.UTC(2021, 0, 20, 14, 8)));
    expect(cell(2, "最后修改").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(cell(2, "发布日期").value).toEqual(new Date(Date.UTC(2021, 1, 1)));
    expect(cell(2, "发布日期").numFmt).toBe("yyyy-mm-dd");
    expect(cell(2, "截止日期").value).toEqual(new Date(Date.UTC(2021, 0, 31)));
    expect(cell(2, "时限情况").value).toBe("逾期发布，逾期1天");
    expect(cell(2, "逾期天数").value).toBe(1);
    expect(cell(2, "剩余天数").value).toBeNull();
    expect(cell(2, "警告").value).toBe(1);
    expect(cell(2, "公开链接").value).toEqual({ text: "https://gk.example.gov.cn/reports/agency-1/2020", hyperlink: "https://gk.example.gov.cn/reports/agency-1/2020" });

    // The government's deadline is 31 March; 16:30 UTC on 9 February is the 10th in China.
    expect(cell(3, "最后修改").value).toEqual(new Date(Date.UTC(2021, 1, 10, 0, 30)));
    expect(cell(3, "截止日期").value).toEqual(new Date(Date.UTC(2021, 2, 31)));
    expect(cell(3, "剩余天数").value).toBe(daysUntilDeadline("GOVERNMENT", 2020, now));
    expect(cell(3, "时限情况").value).toBe(`未发布，距截止${daysUntilDeadline("GOVERNMENT", 2020, now)}天`);
    expect(cell(3, "错误").value).toBeNull();

    expect(cell(4, "状态").value).toBe("未开始");
    expect(cell(4, "逾期天数").value).toBe(10);
    expect(cell(4, "时限情况").value).toBe("逾期未发布，逾期10天");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:P1");
  });

  it("lists the agencies included, missing and excluded with the reasons", async () => {
    const workbook = await load(await writeOversightWorkbook(input));
    const sheet = workbook.getWorksheet("汇总范围")!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === "汇总情况");
    expect(rows[header]).toEqual(["汇总情况", "机关", "报告状态", "版本号", "发布次数", "说明"]);
    expect(rows.slice(header + 1)).toEqual([
      ["已纳入", fixtures[0].report.input.agency, "已发布", 1, 1],
      ["已纳入", fixtures[1].report.input.agency, "已发布", 2, 1],
      ["无报告", "示例市丙局", "未开始", undefined, undefined, "尚未建立本年度报告"],
      ["未纳入", "示例市丁局", "已发布", undefined, undefined, "使用其他格式（2021 年版格式，本汇总为 2019 年版格式）"],
    ]);
  });

  it("lists the balance-rule findings of an unbalanced total below its table", async () => {
    const reports = [1, 2].map((seed) => prepared(buildSampleReport({ agency: `示例市第${seed}局`, year: 2022, seed })));
    const broken = structuredClone(buildSampleReport({ agency: "示例市第3局", year: 2022, seed: 3 }));
    (broken.tables!.requests as Record<string, Record<string, number>>).received.natural_person += 5;
    const all = [...reports, prepared(broken)].map((report, i) => ({ id: `s${i}`, report }));
    const unbalanced = buildRollUp({ title: "示例市", year: 2022, basis: "submitted", coverage: coverageOf(all), sums: sumReports("2021", all.map((f) => f.report)) });
    expect(unbalanced.findings.length).toBeGreaterThan(0);
    const workbook = await load(
      await writeOversightWorkbook({ ...input, year: 2022, rollUp: unbalanced, statuses: [], agencyCells: { layout: cellLayout("2021"), rows: agencyRows(all) } }),
    );
    const texts = (name: string) => {
      const out: string[] = [];
      workbook.getWorksheet(name)!.eachRow((row) => out.push(String(row.getCell(1).value ?? "")));
      return out;
    };
    const requests = texts("表三 收到和处理政府信息公开申请情况");
    const summary = requests.findIndex((t) => t.startsWith("汇总数的勾稽关系复核"));
    expect(summary).toBeGreaterThan(requests.indexOf("四、结转下年度继续办理"));
    expect(requests[summary]).toBe(`汇总数的勾稽关系复核：${unbalanced.findings.length} 个错误、0 个警告（纳入汇总的报告中有数据不平衡）`);
    expect(requests.slice(summary + 1)).toEqual(unbalanced.findings.map((f, i) => `${i + 1}. 错误：${f.message}`));
    expect(texts("表二 主动公开政府信息情况").some((t) => t.includes("勾稽关系复核"))).toBe(false);
    expect(texts("表三 收到和处理政府信息公开申请情况")[3]).toBe("汇总口径：最近提交的版本（含尚未发布的）；格式：2021 年版。");
  });

  it("streams into a writable from agency rows that arrive asynchronously, and fails cleanly on bad rows", async () => {
    async function* rows(): AsyncGenerator<AgencyCellRow> {
      for (const row of agencyRows(fixtures)) {
        await new Promise((resolve) => setImmediate(resolve));
        yield row;
      }
    }
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    await expect(writeOversightWorkbook({ ...input, agencyCells: { layout: cellLayout("2019"), rows: rows() } }, output)).resolves.toBeUndefined();
    expect(output.writableFinished).toBe(true);
    const workbook = await load(Buffer.concat(chunks));
    expect(workbook.getWorksheet("各机关数据")!.rowCount).toBe(4);

    const bad = new PassThrough();
    bad.resume();
    const short: AgencyCellRow = { agency: { id: "x", name: "示例市错局" }, versionNumber: 1, values: [1, 2, 3] };
    await expect(writeOversightWorkbook({ ...input, agencyCells: { layout: cellLayout("2019"), rows: [short] } }, bad)).rejects.toThrow(/示例市错局 has 3 values/);
    expect(bad.destroyed).toBe(true);
    await expect(writeOversightWorkbook({ ...input, agencyCells: { layout: cellLayout("2021"), rows: [] } })).rejects.toThrow(/2021 format for a 2019 roll-up/);
  });

  it("waits for an output that does not take the bytes instead of buffering the sheet, and stops when it goes away", async () => {
    const row = agencyRows(fixtures)[0];
    const limit = 50_000;
    let produced = 0;
    function* many(): Generator<AgencyCellRow> {
      for (; produced < limit; produced++) yield row;
    }
    // Nobody reads this output: once the zip's buffers are full the writer must stop taking rows.
    const output = new PassThrough();
    const writing = writeOversightWorkbook({ ...input, agencyCells: { layout: cellLayout("2019"), rows: many() } }, output);
    // Unhindered, rows come without a pause until all 50,000 are written (some 25 s): wait until they stall.
    let seen = -1;
    for (let waited = 0; produced !== seen && waited < 20; waited++) {
      seen = produced;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(produced).toBe(seen);
    expect(produced).toBeLessThan(limit);
    output.destroy();
    await expect(writing).rejects.toThrow(/output closed before the workbook was complete/);
  });
});
