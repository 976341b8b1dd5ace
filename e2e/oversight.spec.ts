import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildSampleReport } from "../lib/report/sample-report";
import { expectAccessible } from "./support/axe";
import { createReport, login, newSignedInPage } from "./support/session";

const SHOTS = join("test-results", "screenshots");
/**
 * A year no other spec writes (import: 2019–2022, input-fuzz: 2023, review: 2024) and that
 * precedes none of theirs: a published report of the year before would give another spec's
 * report cross-year warnings (review-workflow submits 2024 without a warning note).
 */
const YEAR = 2025;

/** Gives the signed-in editor's new report of YEAR the sample's content (the JSON import of the preview page). */
async function fillFromSample(page: Page, reportId: string, agency: string, seed: number) {
  const sample = buildSampleReport({ year: YEAR, agency, seed });
  await page.goto(`/workspace/reports/${reportId}/preview`);
  await page.locator('input[type="file"]').setInputFiles({ name: `report-${YEAR}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sample)) });
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText(`已导入「report-${YEAR}.json」`)).toBeVisible();
  return sample;
}

test("a reviewer follows every agency's report, downloads the roll-up, reminds the late ones and exports all published reports", async ({ page, browser }) => {
  test.setTimeout(300_000);
  mkdirSync(SHOTS, { recursive: true });

  // 公安局 publishes its report of the year; 教育局 has a draft only; the others have nothing.
  await login(page, "tianbao");
  const policeId = await createReport(page, YEAR);
  const police = await fillFromSample(page, policeId, "示例市公安局", 31);
  await page.goto(`/workspace/reports/${policeId}/edit/check`);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核").first()).toBeVisible();

  const reviewer = await newSignedInPage(browser, "shenhe");
  await reviewer.goto(`/workspace/reports/${policeId}/review`);
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await reviewer.getByRole("dialog", { name: "审核通过" }).getByRole("button", { name: "确认审核通过" }).click();
  await reviewer.getByRole("button", { name: "发布" }).click();
  await reviewer.getByRole("dialog", { name: "发布" }).getByRole("button", { name: "确认发布" }).click();
  await expect(reviewer.getByText("已发布").first()).toBeVisible();

  const editor = await newSignedInPage(browser, "jiaoyu");
  await createReport(editor, YEAR);

  // 汇总与督办: one row per agency of the subtree, those without a report too.
  await reviewer.goto("/workspace/reports");
  await reviewer.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "汇总与督办" }).click();
  await reviewer.getByLabel("年度", { exact: true }).selectOption(String(YEAR));
  await reviewer.getByRole("button", { name: "查看" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`year=${YEAR}`));
  const status = (agencyId: string) => reviewer.locator(`[data-agency="${agencyId}"] [data-testid="agency-status"]`);
  await expect(status("agency-police")).toHaveText("已发布");
  await expect(status("agency-education")).toHaveText("草稿");
  await expect(status("agency-ecology")).toHaveText("未开始");
  await expect(status("agency-city")).toHaveText("未开始");
  await expect(reviewer.locator('[data-agency="agency-police"] [data-testid="public-link"]')).toHaveAttribute("href", `/reports/shili-shi-gonganju/${YEAR}`);
  await expect(reviewer.getByRole("figure").first()).toBeVisible();
  await expectAccessible(reviewer, "oversight page");
  await reviewer.screenshot({ path: join(SHOTS, "o1-oversight.png"), fullPage: true });
  await reviewer.setViewportSize({ width: 390, height: 844 });
  await reviewer.screenshot({ path: join(SHOTS, "o1-oversight-phone.png"), fullPage: true });
  await reviewer.setViewportSize({ width: 1366, height: 900 });

  // Filter: only those not started.
  await reviewer.getByRole("checkbox", { name: "未开始" }).check();
  await reviewer.getByRole("button", { name: "筛选" }).click();
  await expect(reviewer.getByTestId("agency-status")).toHaveText(["未开始", "未开始"]);

  // The XLSX: the region totals of the published reports, read back and compared with the report.
  const [download] = await Promise.all([reviewer.waitForEvent("download"), reviewer.locator('[data-export="xlsx"]').click()]);
  const workbook = new ExcelJS.Workbook();
  const xlsx = await readDownload(download);
  await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
  const perAgency = workbook.worksheets.find((w) => w.name.includes("各机关数据"))!;
  expect(perAgency, "the per-agency sheet").toBeTruthy();
  const ids = (perAgency.getRow(1).values as unknown[]).map(String);
  const column = (cellId: string) => ids.indexOf(cellId);
  const tables = police.tables as Record<string, Record<string, Record<string, number | null>>>;
  const policeRow = findRow(perAgency, "示例市公安局");
  for (const cellId of ["requests.received.natural_person", "requests.granted.total", "reviews.reconsideration.total"]) {
    const [t, r, c] = cellId.split(".");
    const expected = tables[t]?.[r]?.[c];
    if (typeof expected === "number") expect(Number(policeRow.getCell(column(cellId)).value), cellId).toBe(expected);
  }
  expect(findRow(workbook.worksheets.find((w) => w.name.includes("填报情况"))!, "示例市生态环境局").values).toContain("未开始");

  // The roll-up page: the official tables, the balance re-check, what is included.
  await reviewer.goto(`/workspace/oversight/roll-up?year=${YEAR}`);
  await expect(reviewer.getByTestId("coverage-summary")).toContainText("本表汇总 1 个机关");
  await expect(reviewer.getByTestId("roll-up-balanced")).toBeVisible();
  await expect(reviewer.locator('td[data-ref="requests.received.natural_person"]').first()).toHaveText(String(tables.requests.received.natural_person ?? 0));
  await expectAccessible(reviewer, "roll-up page");
  await reviewer.screenshot({ path: join(SHOTS, "o2-roll-up.png"), fullPage: true });
  await reviewer.goto(`/workspace/oversight/indicators?year=${YEAR}`);
  await expect(reviewer.getByTestId("indicator-table")).toContainText("示例市公安局");
  await expectAccessible(reviewer, "indicators page");
  await reviewer.screenshot({ path: join(SHOTS, "o3-indicators.png"), fullPage: true });

  // A reminder to the agencies that have not submitted: 贾瑜 (教育局, a draft) sees it.
  await reviewer.goto(`/workspace/oversight?year=${YEAR}`);
  await reviewer.getByRole("button", { name: "提醒未提交的机关" }).click();
  await reviewer.getByRole("button", { name: "确认发送" }).click();
  await expect(reviewer.getByRole("status").filter({ hasText: "发送提醒" })).toBeVisible();
  await editor.goto("/workspace/notifications");
  await expect(editor.getByText(new RegExp(`沈禾提醒.*${YEAR} 年度`)).first()).toBeVisible();
  await editor.screenshot({ path: join(SHOTS, "o4-reminder-seen.png"), fullPage: true });

  // Every published report of the selection as one ZIP, made by a background job.
  await reviewer.getByRole("button", { name: /批量下载已发布的报告/ }).click();
  const link = reviewer.getByTestId("bulk-download");
  await expect(link).toBeVisible({ timeout: 60_000 });
  await reviewer.screenshot({ path: join(SHOTS, "o5-bulk-done.png"), fullPage: true });
  const [zipDownload] = await Promise.all([reviewer.waitForEvent("download"), link.click()]);
  const zip = await JSZip.loadAsync(await readDownload(zipDownload));
  const names = Object.keys(zip.files);
  expect(names).toContain(`示例市公安局-${YEAR}年政府信息公开工作年度报告.pdf`);
  const pdf = await zip.file(`示例市公安局-${YEAR}年政府信息公开工作年度报告.pdf`)!.async("uint8array");
  expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

  // Editors see nothing of this: not the page, not an export.
  await editor.goto("/workspace/oversight");
  await expect(editor.getByRole("heading", { name: "汇总与督办" })).toHaveCount(0);
  const refused = await editor.request.get(`/api/oversight/export/xlsx?year=${YEAR}`);
  expect(refused.status()).toBe(403);

  await editor.context().close();
  await reviewer.context().close();
});

async function readDownload(download: { createReadStream(): Promise<NodeJS.ReadableStream> }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function findRow(sheet: ExcelJS.Worksheet, name: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && (row.values as unknown[]).some((v) => v === name)) found = row;
  });
  if (!found) throw new Error(`no row for ${name} in ${sheet.name}`);
  return found;
}
