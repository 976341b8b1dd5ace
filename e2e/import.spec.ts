import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { buildDocument } from "../lib/document/build-document";
import { renderDocx } from "../lib/render/docx/render-docx";
import { renderHtmlDocument } from "../lib/render/html/render-html";
import { prepareReport } from "../lib/report/prepare-report";
import { buildSampleReport } from "../lib/report/sample-report";
import { expectAccessible } from "./support/axe";
import { cell, createReport, goToStep, login, newSignedInPage } from "./support/session";

const SHOTS = join("test-results", "screenshots");
const AGENCY = "示例市教育局";

test("an editor imports last year's published DOCX, creates this year's report from it, and the reviewer diffs against it", async ({ page, browser }) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });

  // Last year's report as the agency published it: a DOCX (rendered by our renderer, as any
  // Word file with the official layout would be).
  const lastYear = buildSampleReport({ year: 2021, agency: AGENCY, seed: 7 });
  const prepared = prepareReport(lastYear);
  if (!prepared.ok) throw new Error("sample report does not validate");
  const docx = await renderDocx(buildDocument(prepared.report));
  const carried = (lastYear.tables as Record<string, Record<string, Record<string, number | null>>>).requests.carried_forward;

  // 填报人 (示例市教育局): uploads it for 2021.
  await login(page, "jiaoyu");
  await page.goto("/workspace/reports");
  await page.getByRole("link", { name: "导入已发布的年报" }).first().click();
  await expect(page).toHaveURL(/\/workspace\/import$/);
  await page.getByTestId("import-year").selectOption("2021");
  await page.getByTestId("import-file").setInputFiles({ name: "2021年政府信息公开工作年度报告.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: docx });
  await page.screenshot({ path: join(SHOTS, "i1-upload.png"), fullPage: true });
  await page.getByTestId("import-submit").click();

  // The review screen: source beside the parsed report, the metadata read from the file.
  await expect(page).toHaveURL(/\/workspace\/import\/[^/]+$/);
  await expect(page.getByTestId("import-metadata")).toContainText(AGENCY);
  await expect(page.getByTestId("import-metadata")).toContainText("2021");
  await expectAccessible(page, "import review");
  await page.screenshot({ path: join(SHOTS, "i2-review.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SHOTS, "i2-review-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Accepted as last year's published report: it is public at once, marked as imported.
  await page.getByTestId("import-accept-historical").click();
  await expect(page).not.toHaveURL(/\/workspace\/import\//);
  const publicPage = await browser.newPage();
  await publicPage.goto("/reports/shili-shi-jiaoyuju/2021");
  await expect(publicPage.getByRole("heading", { name: new RegExp(`${AGENCY}\\s*2021年政府信息公开工作年度报告`) })).toBeVisible();
  await expect(publicPage.getByText("由已发布文件导入").first()).toBeVisible();
  await publicPage.close();

  // This year's report starts from it: 二、上年结转 carries last year's 结转下年度继续办理.
  await createReport(page, 2022);
  await goToStep(page, "三、收到和处理申请");
  for (const col of ["natural_person", "commercial", "other_org"]) {
    const value = carried[col];
    if (value !== null && value !== undefined) await expect(cell(page, `requests.carried_over.${col}`)).toHaveValue(String(value));
  }
  const reportId = /\/workspace\/reports\/([^/]+)\//.exec(page.url())![1];

  // 审核人: the diff against last year's (imported) published report.
  const reviewer = await newSignedInPage(browser, "shenhe");
  await reviewer.goto(`/workspace/reports/${reportId}/review?tab=diff&compare=lastYear`);
  await expect(reviewer.getByRole("link", { name: "与上一年度已发布的报告对比" })).toHaveAttribute("aria-current", "page");
  await expect(reviewer.getByText("不同年度的数字本来就会不同")).toBeVisible();
  await reviewer.screenshot({ path: join(SHOTS, "i3-diff-last-year.png"), fullPage: true });

  // 审核人: many files at once, each matched to an agency of the subtree by the name it gives,
  // confirmed, uploaded, and listed with its findings per agency.
  const html = (agency: string, year: number, seed: number) => {
    const p = prepareReport(buildSampleReport({ year, agency, seed }));
    if (!p.ok) throw new Error("sample report does not validate");
    return Buffer.from(renderHtmlDocument(buildDocument(p.report)), "utf8");
  };
  await reviewer.goto("/workspace/import");
  await reviewer.getByTestId("import-bulk-link").click();
  await expect(reviewer).toHaveURL(/\/workspace\/import\/batch$/);
  await reviewer.getByTestId("bulk-files").setInputFiles([
    { name: "公安局2019.html", mimeType: "text/html", buffer: html("示例市公安局", 2019, 3) },
    { name: "生态环境局2020.html", mimeType: "text/html", buffer: html("示例市生态环境局", 2020, 4) },
  ]);
  await reviewer.getByTestId("bulk-match").click();
  await expect(reviewer.getByTestId("bulk-confirm-row")).toHaveCount(2);
  await expect(reviewer.getByLabel("公安局2019.html 的机关")).toHaveValue("agency-police");
  await expect(reviewer.getByLabel("生态环境局2020.html 的机关")).toHaveValue("agency-ecology");
  await expect(reviewer.getByLabel("生态环境局2020.html 的年度")).toHaveValue("2020");
  await reviewer.screenshot({ path: join(SHOTS, "i4-bulk-confirm.png"), fullPage: true });
  await reviewer.getByTestId("bulk-confirm").click();
  await expect(reviewer.getByTestId("bulk-result-agency")).toHaveCount(2);
  await expect(reviewer.getByTestId("bulk-result-status").first()).toContainText("已上传待核对");
  await expectAccessible(reviewer, "bulk import results");
  await reviewer.screenshot({ path: join(SHOTS, "i5-bulk-results.png"), fullPage: true });
});
