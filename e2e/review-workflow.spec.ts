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
  // The review page belongs to 审核队列 in the header; the reviewer's report list has its own name.
  const header = reviewer.getByRole("navigation", { name: "主导航" });
  await expect(header.getByRole("link", { name: "审核队列" })).toHaveAttribute("aria-current", "page");
  await expect(header.getByRole("link", { name: "所辖机关报告" })).not.toHaveAttribute("aria-current", "page");
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
  // No decision is left to take on a returned report, without a reload.
  await expect(reviewer.getByRole("button", { name: "审核通过" })).toHaveCount(0);
  await expect(reviewer.getByRole("button", { name: "退回修改" })).toHaveCount(0);
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
  // The comment still open is pointed out before resubmitting, with the step it is about.
  const open = page.getByTestId("open-comments");
  await expect(open).toContainText("还有 1 条审核批注未处理");
  await expect(open.getByRole("link", { name: "三、收到和处理申请" })).toBeVisible();
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

// Runs after the test above has published 示例市公安局's 2024 report (tests in a file run in order).
test("an admin changes the agency's name and slug after publication: told before saving, the old address redirects, 发布机关 stays as published", async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  const admin = await newSignedInPage(browser, "admin");
  const rename = async (name: string, slug: string, warned: boolean) => {
    await admin.goto("/workspace/admin/agencies");
    await admin.getByRole("button", { name: /^编辑\s*示例市公安局/ }).first().click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("机关全称").fill(name);
    await dialog.getByLabel("机关代号").fill(slug);
    const warning = dialog.getByRole("status").filter({ hasText: "已发布的年度报告" });
    if (warned) {
      await expect(warning).toContainText("会永久跳转到新网址");
      await admin.screenshot({ path: join(SHOTS, "r6-slug-warning.png"), fullPage: true });
    }
    await dialog.getByRole("button", { name: "保存修改" }).click();
    await expect(dialog.getByText(/已保存|已更新|保存成功/).first()).toBeVisible();
  };
  await rename("示例市公安局（更名测试）", "shili-gaj-new", true);

  // The public link made before the change: a permanent redirect, and the page as published.
  const origin = new URL(admin.url()).origin;
  const anonymous = await playwright.request.newContext({ baseURL: origin, maxRedirects: 0 });
  const page = await anonymous.get("/reports/shili-shi-gonganju/2024?revision=1");
  expect(page.status()).toBe(308);
  expect(page.headers().location).toMatch(/\/reports\/shili-gaj-new\/2024\?revision=1$/);
  const file = await anonymous.get("/api/public/reports/shili-shi-gonganju/2024/pdf");
  expect(file.status()).toBe(308);
  expect(file.headers().location).toMatch(/\/api\/public\/reports\/shili-gaj-new\/2024\/pdf$/);
  expect((await anonymous.get("/reports/shili-shi-gonganju")).status()).toBe(308);
  await anonymous.dispose();
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/reports/shili-shi-gonganju/2024");
  await expect(visitor).toHaveURL(/\/reports\/shili-gaj-new\/2024$/);
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText("示例市公安局");
  await expect(visitor.locator("dd").filter({ hasText: /^示例市公安局$/ })).toBeVisible();
  await visitor.screenshot({ path: join(SHOTS, "r7-old-link.png"), fullPage: true });
  await visitor.context().close();

  // Account administration: 焦宇 disabled cannot sign in, and can again once enabled.
  await admin.goto("/workspace/admin/users");
  const row = admin.getByRole("row").filter({ has: admin.getByText("jiaoyu", { exact: true }) });
  await expect(row.getByText("正常")).toBeVisible();
  await row.getByRole("button", { name: /^停用\s*账号 jiaoyu$/ }).click();
  await expect(row.getByRole("status")).toContainText("已停用账号 jiaoyu");
  await expect(row.getByText("已停用", { exact: true })).toBeVisible();
  await expectAccessible(admin, "account administration");
  await admin.screenshot({ path: join(SHOTS, "r9-accounts.png"), fullPage: true });
  const refused = await (await browser.newContext()).newPage();
  await refused.goto("/login");
  await refused.getByLabel("用户名").fill("jiaoyu");
  await refused.getByLabel("密码").fill("Demo2026gov");
  await refused.getByRole("button", { name: "登录" }).click();
  await expect(refused.getByText("该账号已停用，不能登录。")).toBeVisible();
  await row.getByRole("button", { name: /^启用\s*账号 jiaoyu$/ }).click();
  await expect(row.getByText("正常")).toBeVisible();
  await login(refused, "jiaoyu");
  await refused.context().close();

  // Back as it was, for the specs after this one; no public address is lost on the way.
  await rename("示例市公安局", "shili-shi-gonganju", false);
  const check = await playwright.request.newContext({ baseURL: origin, maxRedirects: 0 });
  expect((await check.get("/reports/shili-shi-gonganju/2024")).status()).toBe(200);
  expect((await check.get("/reports/shili-gaj-new/2024")).status()).toBe(308);
  await check.dispose();
  await admin.context().close();

  // The public index: every agency with published reports, searchable by name and year.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/reports");
  await expect(reader.getByRole("navigation", { name: "机关目录" }).getByRole("link", { name: "示例市公安局", exact: true })).toBeVisible();
  await reader.getByLabel("机关名称").fill("公安");
  await reader.getByLabel("报告年度").selectOption("2024");
  await reader.getByRole("button", { name: "查找" }).click();
  await expect(reader).toHaveURL(/\/reports\?q=%E5%85%AC%E5%AE%89&year=2024$/);
  await expect(reader.getByRole("status")).toContainText("找到 1 个机关");
  await expect(reader.getByRole("link", { name: "示例市公安局2024年度报告" })).toHaveAttribute("href", "/reports/shili-shi-gonganju/2024");
  await expectAccessible(reader, "public index");
  await reader.screenshot({ path: join(SHOTS, "r8-public-index.png"), fullPage: true });
  await reader.setViewportSize({ width: 390, height: 844 });
  await reader.goto("/reports");
  await expectAccessible(reader, "public index (phone)");
  await reader.screenshot({ path: join(SHOTS, "r8-public-index-390.png"), fullPage: true });
  await reader.getByLabel("机关名称").fill("没有这个机关");
  await reader.getByRole("button", { name: "查找" }).click();
  await expect(reader.getByText("没有符合条件的机关")).toBeVisible();
  await reader.context().close();

  // The correction path is visible: 发起更正 in the editor's list leads to its panel.
  const editor = await newSignedInPage(browser, "tianbao");
  await editor.goto("/workspace/reports");
  await editor.getByRole("link", { name: /^发起更正\s*示例市公安局 2024 年度报告$/ }).click();
  await expect(editor).toHaveURL(/\/edit\/check#correction-title$/);
  await expect(editor.getByTestId("correction-panel")).toContainText("公开页面上仍是已发布的第 1 版");
  await editor.context().close();
});
