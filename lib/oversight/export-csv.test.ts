import { describe, expect, it } from "vitest";
import { effectiveValue } from "../report/values";
import { parseCellKey } from "../report/cell-ref";
import { loadSeed } from "../test-support/seeds";
import { daysUntilDeadline, deadlineRule, publicationDeadline } from "../workflow/deadline";
import { cellLayout, cellVector } from "./cell-vector";
import { agencyCellsCsv, csvField, csvRecord, statusCsv } from "./export-csv";
import { reportUnitValues } from "./export-workbook";
import type { AgencyStatusRow } from "./status-row";

/** A minimal RFC 4180 reader, to prove the output parses back to the fields written. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endField();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += ch;
  }
  expect(field).toBe("");
  expect(record).toEqual([]);
  return records;
}

function statusRow(name: string, overrides: Partial<AgencyStatusRow>): AgencyStatusRow {
  const now = new Date("2021-02-10T02:00:00Z");
  const daysLeft = daysUntilDeadline("DEPARTMENT", 2020, now);
  return {
    agency: { id: name, name, slug: "agency", kind: "DEPARTMENT", parentId: null, depth: 0 },
    reportId: "r1",
    status: "DRAFT",
    lastChange: null,
    latestVersion: null,
    submittedAt: null,
    publishedAt: null,
    revision: null,
    deadline: publicationDeadline("DEPARTMENT", 2020),
    deadlineRule: deadlineRule("DEPARTMENT"),
    daysLeft,
    daysLate: null,
    overdue: daysLeft < 0,
    publicPath: null,
    ...overrides,
  };
}

describe("CSV fields", () => {
  it("quotes by RFC 4180 only where needed, doubling quotes", () => {
    expect(csvField("示例市公安局")).toBe("示例市公安局");
    expect(csvField("甲,乙")).toBe('"甲,乙"');
    expect(csvField('说"明"')).toBe('"说""明"""');
    expect(csvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(0)).toBe("0");
    expect(csvField(3414.41)).toBe("3414.41");
    expect(csvRecord(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"');
  });

  it("neutralises formula injection with an apostrophe, but leaves negative numbers alone", () => {
    expect(csvField("=HYPERLINK(\"http://x\",\"点击\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"");
    expect(csvField("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("\r=1")).toBe("\"'\r=1\"");
    expect(csvField("-832")).toBe("-832");
    expect(csvField("-0.25")).toBe("-0.25");
    expect(csvField(-832)).toBe("-832");
    expect(csvField("a=b")).toBe("a=b");
  });
});

describe("oversight CSV exports", () => {
  it("writes every agency's cells: BOM, CRLF, cell ids and labels, numbers, blanks empty", () => {
    const reports = [loadSeed("002_d477ee84c8f7efa5"), loadSeed("004_f8f28e4c849350e4")];
    const layout = cellLayout("2019");
    const rows = reports.map((report, i) => ({
      // An agency name that needs quoting and neutralising.
      agency: { id: `a${i}`, name: i === 0 ? report.input.agency : '=示例市"宿迁",局' },
      versionNumber: i + 3,
      values: reportUnitValues(layout, cellVector(report)),
    }));
    const csv = agencyCellsCsv({ layout, rows });
    expect(csv.startsWith("\uFEFF机关名称,版本号,proactive.")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "").includes("\n")).toBe(false);
    const records = parseCsv(csv.slice(1));
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual(["机关名称", "版本号", ...layout.cellIds]);
    expect(records[1][2 + layout.positions.get("requests.received.natural_person")!]).toBe("表三 / 一、本年新收政府信息公开申请数量 / 自然人");
    expect(records[1].slice(0, 2)).toEqual(["", ""]);
    expect(records[3][0]).toBe(`'=示例市"宿迁",局`);
    reports.forEach((report, i) => {
      expect(records[2 + i][1]).toBe(String(i + 3));
      layout.cellIds.forEach((cellId, c) => {
        const value = effectiveValue(report, parseCellKey(cellId)!);
        expect(records[2 + i][2 + c], cellId).toBe(value === null ? "" : String(value));
      });
    });
    // 六盘水's 1753802元 is 175.3802 万元; 2019's 本年增/减 may be negative and stays a number.
    expect(records[2][2 + layout.positions.get("proactive.procurement.amount")!]).toBe("175.3802");
    expect(() => agencyCellsCsv({ layout, rows: [{ ...rows[0], values: [1] }] })).toThrow(/1 values for a layout/);
  });

  it("writes the status list with China-time dates and the day counts", () => {
    const csv = statusCsv(
      [
        statusRow("示例市甲局", {
          status: "PUBLISHED",
          lastChange: { at: new Date("2021-01-20T16:08:00Z"), by: "李四", action: "report.publish" },
          latestVersion: { number: 2, errors: 0, warnings: 3 },
          submittedAt: new Date("2021-01-25T03:00:00Z"),
          publishedAt: new Date("2021-01-31T17:00:00Z"),
          revision: 1,
          daysLeft: null,
          daysLate: 1,
          overdue: true,
          publicPath: "/reports/jia/2020",
        }),
        statusRow("+示例市乙局", { status: "NOT_STARTED", reportId: null }),
      ],
      { publicBaseUrl: "https://gk.example.gov.cn/" },
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const records = parseCsv(csv.slice(1));
    expect(records[0]).toEqual(["机关", "类型", "状态", "版本号", "最后修改", "修改人", "错误", "警告", "提交日期", "发布日期", "截止日期", "截止规则", "时限情况", "剩余天数", "逾期天数", "公开链接"]);
    expect(records[1]).toEqual([
      "示例市甲局",
      "人民政府部门",
      "已发布",
      "2",
      // 16:08 UTC on 20 January is past midnight in China.
      "2021-01-21 00:08",
      "李四",
      "0",
      "3",
      "2021-01-25",
      "2021-02-01",
      "2021-01-31",
      "条例第四十九条：县级以上人民政府部门 1月31日前",
      "逾期发布，逾期1天",
      "",
      "1",
      "https://gk.example.gov.cn/reports/jia/2020",
    ]);
    expect(records[2].slice(0, 3)).toEqual(["'+示例市乙局", "人民政府部门", "未开始"]);
    expect(records[2].slice(12, 15)).toEqual(["逾期未发布，逾期10天", "", "10"]);
    expect(records[2][15]).toBe("");
  });
});
