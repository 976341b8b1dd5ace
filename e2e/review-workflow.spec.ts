import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { buildSampleReport } from "../lib/report/sample-report";
import { expectAccessible } from "./support/axe";
import { cell, createReport, goToStep, login, newSignedInPage, typeCell, waitSaved } from "./support/session";

const SHOTS = join("test-results", "screenshots");

test("editor submits, reviewer comments on a cell and returns, editor fixes, reviewer diffs, approves and publishes, the public reads it", async ({ page, browser, playwright }) => {
  test.setTimeout(300_000);
  mkdirSync(SHOTS, { recursive: true });

  // 填报人: a complete 2024 report, imported from JSON, then submitted.
  await login(page, "tianbao");
  // 2024: no report of the year before exists in this run, so no cross-year warnings.
  const reportId = await createReport(page, 2024);
  await page.goto(`/workspace/reports/${reportId}/preview`);
  const sample = buildSampleReport({ year: 2024, agency: "示例市公安局", seed: 21 });
  await page.locator('input[type="file"]').setInputFiles({ name: "report-2024.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sample)) });
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText("已导入「report-2024.json」")).toBeVisible();
  await page.goto(`/workspace/reports/${reportId}/edit/check`);
  await expectAccessible(page, "wizard");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核").first()).toBeVisible();
  await page.screenshot({ path: join(SHOTS, "r1-submitted.png"), fullPage: true });

  // 审核人: comments on a table cell and returns the report.
  const reviewer = await newSignedInPage(browser, "shenhe");
  await reviewer.goto("/workspace/review");
  await expect(reviewer.getByRole("cell", { name: "示例市公安局" }).first()).toBeVisible();
  await reviewer.getByRole("link", { name: /审核.*示例市公安局/ }).first().click();
  await expect(reviewer).toHaveURL(new RegExp(`/workspace/reports/${reportId}/review`));
  await expectAccessible(reviewer, "review page");
  await reviewer.getByRole("button", { name: "添加批注" }).click();
  await reviewer.locator('td[data-ref="requests.granted.natural_person"]').click();
  const commentDialog = reviewer.getByRole("dialog", { name: "添加批注" });
  await commentDialog.getByLabel("批注内容").fill("予以公开的自然人件数与台账不符，请核实。");
  await commentDialog.getByRole("button", { name: "添加批注" }).click();
  await expect(reviewer.getByText("予以公开的自然人件数与台账不符，请核实。").first()).toBeVisible();
  await reviewer.getByRole("button", { name: "退回修改" }).click();
  const returnDialog = reviewer.getByRole("dialog", { name: "退回修改" });
  await returnDialog.getByLabel("退回理由").fill("表三予以公开数有误，请按批注修改。");
  await returnDialog.getByRole("button", { name: "确认退回" }).click();
  await expect(reviewer.getByText("退回修改").first()).toBeVisible();
  await reviewer.screenshot({ path: join(SHOTS, "r2-returned.png"), fullPage: true });

  // 填报人: sees the comment on that cell, fixes it (keeping the table balanced), resubmits.
  await page.goto(`/workspace/reports/${reportId}/edit/basic`);
  await expect(page.getByText("表三予以公开数有误，请按批注修改。").first()).toBeVisible();
  await goToStep(page, "三、收到和处理申请");
  await expect(page.locator('[data-comment-marker="requests.granted.natural_person"]')).toBeVisible();
  await expect(page.getByText("予以公开的自然人件数与台账不符，请核实。").first()).toBeVisible();
  await page.screenshot({ path: join(SHOTS, "r3-editor-sees-comment.png"), fullPage: true });
  const granted = Number(await cell(page, "requests.granted.natural_person").inputValue());
  const received = Number(await cell(page, "requests.received.natural_person").inputValue());
  await typeCell(page, "requests.granted.natural_person", granted + 1);
  await typeCell(page, "requests.received.natural_person", received + 1);
  await waitSaved(page);
  await goToStep(page, "检查与预览");
  await page.getByRole("button", { name: /提交审核/ }).click();
  await expect(page.getByText("已提交审核").first()).toBeVisible();

  // 审核人: sees the change in the diff, approves and publishes.
  await reviewer.goto(`/workspace/reports/${reportId}/review?tab=diff`);
  await expect(reviewer.getByText(String(granted + 1)).first()).toBeVisible();
  await expect(reviewer.getByText("（一）予以公开").first()).toBeVisible();
  await reviewer.screenshot({ path: join(SHOTS, "r4-diff.png"), fullPage: true });
  await reviewer.goto(`/workspace/reports/${reportId}/review`);
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await reviewer.getByRole("dialog", { name: "审核通过" }).getByRole("button", { name: "确认审核通过" }).click();
  await reviewer.getByRole("button", { name: "发布" }).click();
  await reviewer.getByRole("dialog", { name: "发布" }).getByRole("button", { name: "确认发布" }).click();
  await expect(reviewer.getByText("已发布").first()).toBeVisible();
  await reviewer.context().close();

  // The public: no login, the stable URL, the PDF.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/reports/shili-shi-gonganju/2024");
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText("示例市公安局");
  await expect(visitor.locator('td[data-ref="requests.granted.natural_person"]')).toHaveText(String(granted + 1));
  await expectAccessible(visitor, "public report page");
  await visitor.screenshot({ path: join(SHOTS, "r5-public.png"), fullPage: true });
  const [download] = await Promise.all([visitor.waitForEvent("download"), visitor.getByRole("link", { name: /PDF/ }).first().click()]);
  expect(download.suggestedFilename()).toMatch(/示例市公安局-2024年政府信息公开工作年度报告\.pdf$/);
  await visitor.goto("/reports/shili-shi-gonganju");
  await expect(visitor.getByRole("link", { name: /2024/ })).toBeVisible();
  // Unpublished years stay private.
  const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  expect((await anonymous.get("/reports/shili-shi-gonganju/2021")).status()).toBe(404);
  await anonymous.dispose();
  await visitor.context().close();
});
