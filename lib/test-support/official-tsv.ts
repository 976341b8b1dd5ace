import { buildDocument } from "../document/build-document";
import type { PreparedReport } from "../report/prepare-report";
import { expandGrid } from "../render/expand-grid";
import type { TableId } from "../template/types";

/**
 * A statutory table of a report as Excel or WPS put it on the clipboard when it is copied from
 * the printed table (Word, a web page): tab-separated rows, a merged cell's text in its first
 * position and empty cells where it spans. `labels: false` leaves out the row-label columns,
 * `headers: false` the header rows — the numbers alone, as copied from a ledger.
 */
export function officialTsv(report: PreparedReport, table: TableId, options: { labels?: boolean; headers?: boolean } = {}): string {
  const block = buildDocument(report).blocks.find((b) => b.type === "table" && b.table.id === table);
  if (block?.type !== "table") throw new Error(`officialTsv: the report has no table ${table}`);
  const rows = [...block.table.header, ...block.table.bodyGroups.flat()];
  const width = rows[0].cells.reduce((sum, c) => sum + c.colSpan, 0);
  // The label columns: the leading columns of the body rows that hold no value.
  const body = expandGrid(rows, width).slice(block.table.header.length);
  const labelColumns = Math.min(...body.map((r) => r.findIndex((c) => c?.role === "value")).filter((i) => i >= 0));
  return (
    expandGrid(rows, width)
      .slice(options.headers === false ? block.table.header.length : 0)
      .map((r) => r.slice(options.labels === false ? labelColumns : 0).map((c) => c?.text ?? "").join("\t"))
      .join("\r\n") + "\r\n"
  );
}
