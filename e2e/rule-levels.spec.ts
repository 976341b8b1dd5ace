import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { login, newSignedInPage } from "./support/session";

const SHOTS = join("test-results", "screenshots");

/** The select of 「单元格空白」 (value.blank). */
const blankLevel = (page: Page) => page.getByRole("combobox", { name: /单元格空白（value\.blank）/ });

/**
 * Rule levels per deployment (issue 12.6). The suite shares one database: the levels are set
 * back to the defaults at the end, whatever happens, so no other spec sees them. No report is
 * written here (no report year is used).
 */
test("an admin sets a rule's level for the deployment, downloads the levels file, and others cannot", async ({ page, browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  await login(page, "admin");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "规则级别" }).click();
  await expect(page).toHaveURL(/\/workspace\/admin\/rules$/);
  await expect(page.getByRole("heading", { name: "规则级别", level: 1 })).toBeVisible();
  for (const group of ["表格勾稽关系", "表格数值", "格式与结构", "文字、日期与数字"]) await expect(page.getByRole("heading", { name: group, level: 2 })).toBeVisible();
  await expect(blankLevel(page)).toHaveValue("");

  try {
    await blankLevel(page).selectOption({ label: "错误" });
    await expect(page.getByText("有 1 项未保存的修改。")).toBeVisible();
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已保存规则级别（1 项改动）" })).toBeVisible();
    await expect(page.getByText("没有未保存的修改。")).toBeVisible();

    // Stored: a fresh load shows it, with who changed it last.
    await page.reload();
    await expect(blankLevel(page)).toHaveValue("error");
    await expect(page.getByText(/目前有 1 条规则按本部署的级别检查。/)).toBeVisible();
    await expect(page.getByText(/最近一次修改：管理员/)).toBeVisible();
    await expectAccessible(page, "rule levels page");
    await page.screenshot({ path: join(SHOTS, "rule-levels-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(blankLevel(page)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, "rule-levels-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The file the CLI reads with --rules.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载规则配置文件" }).click()]);
    expect(download.suggestedFilename()).toBe("rule-levels.json");
    const path = await download.path();
    const { readFile } = await import("node:fs/promises");
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ ruleLevels: { "value.blank": "error" } });

    // Neither the page nor the file is there for an editor or a reviewer.
    for (const username of ["tianbao", "shenhe"]) {
      const other = await newSignedInPage(browser, username);
      await expect(other.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "规则级别" })).toHaveCount(0);
      const response = await other.goto("/workspace/admin/rules");
      expect(response?.status()).toBe(404);
      const file = await other.request.get("/api/admin/rule-levels");
      expect(file.status()).toBe(403);
      expect((await file.json()).error.message).toBe("只有管理员可以设置规则级别。");
      await other.context().close();
    }
  } finally {
    // Back to the project's policy for the other specs.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/workspace/admin/rules");
    await blankLevel(page).selectOption({ label: "默认" });
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("status").filter({ hasText: /已保存规则级别|规则级别没有变化/ })).toBeVisible();
    await page.reload();
    await expect(page.getByText("目前全部规则按默认级别检查。")).toBeVisible();
  }
});
