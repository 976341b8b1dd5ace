import { JSDOM } from "jsdom";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BulkConfirmTable, BulkResultTable, rowReady, type BulkRow } from "./bulk-import-form";

const agencies = [
  { id: "agency-police", name: "示例市公安局" },
  { id: "agency-education", name: "示例市教育局" },
];

const rows: BulkRow[] = [
  { key: "0", filename: "公安局.docx", agencyId: "agency-police", year: "2020", problems: [], include: true },
  { key: "1", filename: "六盘水.pdf", agencyId: "", year: "", problems: ["未找到报告标题。"], include: false },
];

function render(markup: string) {
  return new JSDOM(markup).window.document;
}

describe("BulkConfirmTable", () => {
  it("lists each file with its proposed agency and year preselected, 「未匹配」 when none, and its problems", () => {
    const doc = render(renderToStaticMarkup(<BulkConfirmTable rows={rows} agencies={agencies} years={[2021, 2020]} onChange={() => {}} />));
    const [matched, unmatched] = [...doc.querySelectorAll("[data-testid=bulk-confirm-row]")];
    const agencySelect = (row: Element) => row.querySelector<HTMLSelectElement>("[data-testid=bulk-agency]")!;
    const selected = (select: HTMLSelectElement) => select.querySelector("option[selected]")?.textContent ?? select.options[0]!.textContent;

    expect(agencySelect(matched!).getAttribute("aria-label")).toBe("公安局.docx 的机关");
    expect(selected(agencySelect(matched!))).toBe("示例市公安局");
    expect(selected(matched!.querySelector<HTMLSelectElement>("[data-testid=bulk-year]")!)).toBe("2020 年度");
    expect(matched!.querySelector<HTMLInputElement>("[data-testid=bulk-include]")!.hasAttribute("checked")).toBe(true);

    expect(selected(agencySelect(unmatched!))).toBe("未匹配");
    expect(unmatched!.querySelector("[data-testid=bulk-problems]")!.textContent).toContain("未找到报告标题。");
    expect(unmatched!.querySelector<HTMLInputElement>("[data-testid=bulk-include]")!.hasAttribute("checked")).toBe(false);
    expect(rows.map(rowReady)).toEqual([true, false]);
  });

  it("lists the results per agency with status, counts and the review link", () => {
    const doc = render(
      renderToStaticMarkup(
        <BulkResultTable
          results={[
            { key: "0", filename: "公安局.docx", agencyId: "agency-police", agencyName: "示例市公安局", year: "2020", ok: true, url: "/workspace/import/imp-1", findings: { errors: 1, warnings: 2 }, problems: 3 },
            { key: "1", filename: "教育局.pdf", agencyId: "agency-education", agencyName: "示例市教育局", year: "2021", ok: false, message: "该 PDF 没有文字层。" },
          ]}
        />,
      ),
    );
    const groups = [...doc.querySelectorAll("[data-testid=bulk-result-agency]")];
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual(["示例市公安局", "示例市教育局"]);
    expect(groups[0]!.querySelector("[data-testid=bulk-result-status]")!.textContent).toBe("已上传待核对");
    expect(groups[0]!.querySelector("[data-testid=bulk-result-findings]")!.textContent).toBe("错误 1 项，提示 2 项");
    expect(groups[0]!.querySelector("a")!.getAttribute("href")).toBe("/workspace/import/imp-1");
    expect(groups[1]!.querySelector("[data-testid=bulk-result-status]")!.textContent).toBe("失败该 PDF 没有文字层。");
  });
});
