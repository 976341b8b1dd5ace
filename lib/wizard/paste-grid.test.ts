import { describe, expect, it } from "vitest";
import type { PreparedReport } from "../report/prepare-report";
import { officialTsv } from "../test-support/official-tsv";
import { loadSeed, type SeedName } from "../test-support/seeds";
import { editGrid, isBlockPaste, moveInGrid, readCellInput } from "./paste-grid";
import { parseClipboardGrid, planPaste } from "./paste-plan";

const requests2021 = editGrid("2021", "requests");
const at = (key: string) => requests2021.positions.get(key)!;

describe("parseClipboardGrid", () => {
  it("splits rows on \\r\\n and drops the trailing newline Excel adds", () => {
    expect(parseClipboardGrid("1\t2\t3\r\n4\t5\t6\r\n")).toEqual([
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
  });

  it("accepts \\n and lone \\r line ends and keeps empty cells", () => {
    expect(parseClipboardGrid("1\t\t3\n\t5\t\r7\t8\t9")).toEqual([
      ["1", "", "3"],
      ["", "5", ""],
      ["7", "8", "9"],
    ]);
  });

  it("reads quoted cells holding tabs, newlines and doubled quotes", () => {
    expect(parseClipboardGrid('"a\tb"\t"line1\nline2"\t"say ""hi"""\n')).toEqual([["a\tb", "line1\nline2", 'say "hi"']]);
  });

  it("takes a stray quote literally", () => {
    expect(parseClipboardGrid('12"\t3\n')).toEqual([['12"', "3"]]);
  });

  it("tells a block from a single value", () => {
    expect(isBlockPaste("12\r\n")).toBe(false);
    expect(isBlockPaste("12\t3")).toBe(true);
    expect(isBlockPaste("12\n3\n")).toBe(true);
  });
});

describe("readCellInput", () => {
  it.each([
    ["１２", "count", 12],
    ["1,234", "count", 1234],
    ["减2", "signed", -2],
    ["2791.3万元", "money", 2791.3],
    ["  ", "count", null],
  ] as const)("reads %j as %j", (text, kind, value) => {
    expect(readCellInput(text, kind)).toMatchObject({ ok: true, value });
  });

  it.each([
    ["abc", "count", "不是数字"],
    ["减2", "count", "不能为负数"],
    ["1.5", "count", "应填写整数"],
    ["3万元", "count", "应填写件数"],
    ["1.123456", "money", "最多保留四位小数"],
  ] as const)("refuses %j in a %s cell with a Chinese message", (text, kind, message) => {
    const read = readCellInput(text, kind);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toContain(message);
  });
});

describe("editGrid", () => {
  it("marks the sum targets of table 3 read-only and names their terms", () => {
    const total = requests2021.lines[at("requests.received.total").row].slots[at("requests.received.total").col]!;
    expect(total.readOnly).toBe(true);
    expect(total.terms).toEqual([
      "requests.received.natural_person",
      "requests.received.commercial",
      "requests.received.research",
      "requests.received.public_interest",
      "requests.received.legal_services",
      "requests.received.other_org",
    ]);
    const processed = requests2021.lines[at("requests.total_processed.commercial").row];
    expect(processed.slots.every((s) => s?.readOnly)).toBe(true);
    expect(requests2021.lines[at("requests.received.natural_person").row].slots[0]!.readOnly).toBe(false);
  });

  it("lays table 4 out as one line of 15 cells and table 2 as ragged rows", () => {
    const reviews = editGrid("2021", "reviews");
    expect(reviews.lines).toHaveLength(1);
    expect(reviews.width).toBe(15);
    const proactive = editGrid("2021", "proactive");
    expect(proactive.width).toBe(3);
    expect(proactive.lines.map((l) => l.slots.filter(Boolean).length)).toEqual([3, 3, 1, 1, 1, 1]);
  });
});

describe("moveInGrid", () => {
  it("moves down past the read-only （七）总计 row", () => {
    const from = at("requests.other_misc.research");
    expect(moveInGrid(requests2021, from, "down")).toEqual(at("requests.carried_forward.research"));
    expect(moveInGrid(requests2021, at("requests.carried_forward.research"), "up")).toEqual(from);
  });

  it("stops at the edges for arrows and wraps rows for Tab, skipping the total column", () => {
    expect(moveInGrid(requests2021, at("requests.received.other_org"), "right")).toBeNull();
    expect(moveInGrid(requests2021, at("requests.received.other_org"), "next")).toEqual(at("requests.carried_over.natural_person"));
    expect(moveInGrid(requests2021, at("requests.carried_over.natural_person"), "previous")).toEqual(at("requests.received.other_org"));
    expect(moveInGrid(requests2021, at("requests.received.natural_person"), "up")).toBeNull();
    expect(moveInGrid(requests2021, at("requests.carried_forward.other_org"), "next")).toBeNull();
  });

  it("clamps to the row's last cell when a table-2 row is shorter", () => {
    const grid = editGrid("2021", "proactive");
    expect(moveInGrid(grid, grid.positions.get("proactive.normative_documents.in_force")!, "down")).toEqual(
      grid.positions.get("proactive.licensing.decisions"),
    );
  });
});

describe("planPaste", () => {
  it("fills 6 inputs from a row of 7 numbers that includes 总计, and checks the total", () => {
    const plan = planPaste(requests2021, at("requests.received.natural_person"), parseClipboardGrid("20\t1\t0\t0\t1\t1\t23\r\n"));
    expect(plan.writes.map((w) => [w.key.split(".")[2], w.value])).toEqual([
      ["natural_person", 20],
      ["commercial", 1],
      ["research", 0],
      ["public_interest", 0],
      ["legal_services", 1],
      ["other_org", 1],
    ]);
    expect(plan.checks).toEqual([{ key: "requests.received.total", raw: "23", value: 23 }]);
    expect(plan.rejected).toEqual([]);
    expect(plan.clipped).toBe(0);
  });

  it("fills the 6 inputs from a row of 6 numbers", () => {
    const plan = planPaste(requests2021, at("requests.granted.natural_person"), [["1", "2", "3", "4", "5", "6"]]);
    expect(plan.writes).toHaveLength(6);
    expect(plan.checks).toEqual([]);
  });

  it("normalizes full-width digits and thousands separators, and rejects text without storing it", () => {
    const plan = planPaste(requests2021, at("requests.received.natural_person"), parseClipboardGrid("１２\t1,234\t无数据\t\n"));
    expect(plan.writes).toEqual([
      { key: "requests.received.natural_person", value: 12, raw: "１２" },
      { key: "requests.received.commercial", value: 1234, raw: "1,234" },
      { key: "requests.received.public_interest", value: null, raw: "" },
    ]);
    expect(plan.rejected).toEqual([
      { key: "requests.received.research", raw: "无数据", message: expect.stringContaining("不是数字") },
    ]);
  });

  it("clips a block at the table's right and bottom edges and counts what fell off", () => {
    const start = at("requests.carried_forward.legal_services");
    const plan = planPaste(requests2021, start, [
      ["1", "2", "3", "4"],
      ["5", "6", "7", "8"],
    ]);
    // legal_services and other_org take 1 and 2; 3 is checked against 总计; 4 and the whole next row fall off.
    expect(plan.writes.map((w) => w.value)).toEqual([1, 2]);
    expect(plan.checks.map((c) => c.value)).toEqual([3]);
    expect(plan.clipped).toBe(5);
  });

  it("skips the （七）总计 row when a column of the ledger leaves it out", () => {
    // The 24 data rows of the 2021 table without （七）总计: the last value is 结转下年度.
    expect(requests2021.lines).toHaveLength(25);
    const column = Array.from({ length: 24 }, (_, i) => [String(i + 1)]);
    const plan = planPaste(requests2021, at("requests.received.natural_person"), column);
    expect(plan.rowMode).toBe("skip-totals");
    expect(plan.writes.at(-1)).toEqual({ key: "requests.carried_forward.natural_person", value: 24, raw: "24" });
    expect(plan.writes.some((w) => w.key.includes("total_processed"))).toBe(false);
  });

  it("keeps （七）总计 in place when a column copied down to it adds up", () => {
    // 一, 二, 21 result rows of 1 each, then （七）总计 = 21: 24 values, the last one a total.
    const column = [["5"], ["0"], ...Array.from({ length: 21 }, () => ["1"]), ["21"]];
    const plan = planPaste(requests2021, at("requests.received.natural_person"), column);
    expect(plan.rowMode).toBe("positional");
    expect(plan.checks).toEqual([{ key: "requests.total_processed.natural_person", raw: "21", value: 21 }]);
    expect(plan.writes.some((w) => w.key.includes("carried_forward"))).toBe(false);
  });

  it("pastes the whole table with its totals position by position and checks every total", () => {
    const rows = requests2021.lines.length;
    const processedRow = at("requests.total_processed.natural_person").row;
    const block = Array.from({ length: rows }, (_, i) => {
      const values = [1, 0, 0, 0, 0, 0].map((v) => (i === processedRow ? 22 : v));
      return [...values.map(String), String(values.reduce((a, b) => a + b, 0))];
    });
    const plan = planPaste(requests2021, at("requests.received.natural_person"), block);
    expect([plan.rowMode, plan.colMode]).toEqual(["positional", "positional"]);
    expect(plan.writes).toHaveLength((rows - 1) * 6);
    expect(plan.checks).toHaveLength(rows + 6);
  });

  it("keeps a 5-value group of table 4 in its group when its own total adds up", () => {
    const grid = editGrid("2021", "reviews");
    const plan = planPaste(grid, grid.positions.get("reviews.reconsideration.upheld")!, [["1", "2", "0", "1", "4"]]);
    expect(plan.colMode).toBe("positional");
    expect(plan.writes.map((w) => w.key)).toEqual([
      "reviews.reconsideration.upheld",
      "reviews.reconsideration.corrected",
      "reviews.reconsideration.other",
      "reviews.reconsideration.pending",
    ]);
    expect(plan.checks).toEqual([{ key: "reviews.reconsideration.total", raw: "4", value: 4 }]);
  });

  it("spreads 12 values of table 4 without totals over the 12 inputs", () => {
    const grid = editGrid("2021", "reviews");
    const plan = planPaste(grid, grid.positions.get("reviews.reconsideration.upheld")!, [Array.from({ length: 12 }, (_, i) => String(i + 1))]);
    expect(plan.colMode).toBe("skip-totals");
    expect(plan.writes.at(-1)).toEqual({ key: "reviews.litigation_after_reconsideration.pending", value: 12, raw: "12" });
    expect(plan.checks).toEqual([]);
  });

  it("drops a leading label column and header row copied along with the numbers", () => {
    const text = "项目\t自然人\t商业企业\n本年新收\t5\t1\n上年结转\t0\t2\n";
    const plan = planPaste(requests2021, at("requests.received.natural_person"), parseClipboardGrid(text));
    expect([plan.droppedHeaderRows, plan.droppedLabelColumns]).toEqual([1, 1]);
    expect(plan.writes.map((w) => [w.key, w.value])).toEqual([
      ["requests.received.natural_person", 5],
      ["requests.received.commercial", 1],
      ["requests.carried_over.natural_person", 0],
      ["requests.carried_over.commercial", 2],
    ]);
  });

  it("reads money with units in the 2019 procurement row and a signed change", () => {
    const grid = editGrid("2019", "proactive");
    const plan = planPaste(grid, grid.positions.get("proactive.fees.prev_items")!, parseClipboardGrid("25\t减2\r\n16\t3414.41万元\r\n"));
    expect(plan.writes).toEqual([
      { key: "proactive.fees.prev_items", value: 25, raw: "25" },
      { key: "proactive.fees.change", value: -2, raw: "减2" },
      { key: "proactive.procurement.projects", value: 16, raw: "16" },
      { key: "proactive.procurement.amount", value: 3414.41, raw: "3414.41万元" },
    ]);
  });
});

/** Table 3 of a seed as copied from the printed table. */
function officialTable(seed: SeedName, options: { labels?: boolean; headers?: boolean } = {}): { tsv: string; report: PreparedReport } {
  const report = loadSeed(seed);
  return { tsv: officialTsv(report, "requests", options), report };
}

/** What a paste plan stores, as the report's own input values would be. */
function expectEveryCellInPlace(plan: ReturnType<typeof planPaste>, report: PreparedReport, grid: typeof requests2021) {
  const editable = grid.lines.flatMap((l) => l.slots.filter((s) => s && !s.readOnly)).map((s) => s!.key);
  expect(plan.writes.map((w) => w.key).sort()).toEqual([...editable].sort());
  for (const write of plan.writes) expect(write.value, write.key).toBe(report.cells.get(write.key)?.value ?? null);
}

describe("planPaste: the printed table 3", () => {
  const grid2021 = editGrid("2021", "requests");

  it("places every cell of seed 003's table 3 copied with its labels, headers, total row and total column", () => {
    const { tsv, report } = officialTable("003_5f1914cbe288c934");
    const plan = planPaste(grid2021, { row: 0, col: 0 }, parseClipboardGrid(tsv));
    expect(plan).toMatchObject({ rowMode: "labels", colMode: "labels", droppedLabelColumns: 3, droppedHeaderRows: 3, clipped: 0, unmatched: [], rejected: [] });
    expectEveryCellInPlace(plan, report, grid2021);
    // The computed row and column are checked, not stored: 49 in 一's and （七）'s 总计.
    expect(plan.checks.map((c) => `${c.key}=${c.value}`)).toEqual(
      expect.arrayContaining(["requests.received.total=49", "requests.total_processed.total=49", "requests.total_processed.natural_person=49"]),
    );
  });

  it("never shifts a row when the numbers alone are pasted and the last row (结转下年度) is blank", () => {
    const { tsv, report } = officialTable("003_5f1914cbe288c934", { labels: false, headers: false });
    expect(tsv.split("\r\n").at(-2)).toBe("\t\t\t\t\t\t");
    const plan = planPaste(grid2021, { row: 0, col: 0 }, parseClipboardGrid(tsv));
    expect(plan.rowMode).toBe("positional");
    expectEveryCellInPlace(plan, report, grid2021);
    expect(plan.writes.filter((w) => w.key.startsWith("requests.carried_forward.")).map((w) => w.value)).toEqual([null, null, null, null, null, null]);
  });

  it("maps rows by label whatever their order, with 「，」 for 「、」 in the 2021 （六） labels", () => {
    const text = [
      "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0",
      "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请\t2\t0\t0\t0\t0\t0",
      "（一）予以公开\t5\t1\t0\t0\t0\t0",
    ].join("\r\n");
    const plan = planPaste(grid2021, at("requests.received.natural_person"), parseClipboardGrid(text));
    expect(plan.rowMode).toBe("labels");
    expect(plan.writes.filter((w) => w.value).map((w) => `${w.key}=${w.value}`)).toEqual([
      "requests.carried_forward.natural_person=1",
      "requests.other_no_correction.natural_person=2",
      "requests.granted.natural_person=5",
      "requests.granted.commercial=1",
    ]);
  });

  it("reports a labelled row that names no row of the table and places none of its values", () => {
    const text = ["（一）予以公开\t5\t1\t0\t0\t0\t0", "（八）其他情形\t9\t9\t9\t9\t9\t9"].join("\r\n");
    const plan = planPaste(grid2021, at("requests.received.natural_person"), parseClipboardGrid(text));
    expect(plan.unmatched).toEqual(["（八）其他情形"]);
    expect(plan.writes.every((w) => w.key.startsWith("requests.granted."))).toBe(true);
    expect(plan.clipped).toBe(6);
  });

  it("maps columns by their headers, and table 4's repeated headers by position", () => {
    const text = ["\t总计\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他", "（一）予以公开\t6\t5\t1\t0\t0\t0\t0"].join("\r\n");
    const plan = planPaste(grid2021, at("requests.received.natural_person"), parseClipboardGrid(text));
    expect(plan.colMode).toBe("labels");
    expect(plan.writes.filter((w) => w.value).map((w) => `${w.key}=${w.value}`)).toEqual(["requests.granted.natural_person=5", "requests.granted.commercial=1"]);
    expect(plan.checks.map((c) => `${c.key}=${c.value}`)).toEqual(["requests.granted.total=6"]);
    const reviews = editGrid("2021", "reviews");
    const header = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].join("\t");
    const table4 = planPaste(reviews, { row: 0, col: 0 }, parseClipboardGrid(`${header}\t${header}\t${header}\r\n1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0`));
    expect(table4.colMode).not.toBe("labels");
    expect(table4.writes.find((w) => w.key === "reviews.reconsideration.upheld")?.value).toBe(1);
  });
});
