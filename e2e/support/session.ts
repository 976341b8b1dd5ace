import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo2026gov";

/** Signs in through the login page, as a person would. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/workspace\/reports$/);
}

/** A fresh browser context (its own cookies) signed in as `username`. */
export async function newSignedInPage(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username);
  return page;
}

/** Creates this user's report for `year` from the reports page; returns its id. */
export async function createReport(page: Page, year: number): Promise<string> {
  await page.goto("/workspace/reports");
  await page.getByLabel("报告年度").selectOption(String(year));
  await page.getByRole("button", { name: "新建年度报告" }).click();
  await expect(page).toHaveURL(/\/workspace\/reports\/[^/]+\/edit\/basic$/);
  return /\/workspace\/reports\/([^/]+)\/edit/.exec(page.url())![1];
}

export function cell(page: Page, key: string) {
  const [table, row, col] = key.split(".");
  return page.locator(`#cell-${table}-${row}-${col}`);
}

/** Types a value into a table cell and leaves it, like a clerk would. */
export async function typeCell(page: Page, key: string, value: string | number) {
  const input = cell(page, key);
  await input.click();
  await input.press("Control+A");
  await input.pressSequentially(String(value));
  await input.press("Tab");
}

/** Pastes tab/newline-separated text into the focused cell as the clipboard would. */
export async function pasteInto(page: Page, key: string, text: string) {
  const input = cell(page, key);
  await input.click();
  await input.evaluate((element, data) => {
    const transfer = new DataTransfer();
    transfer.setData("text/plain", data);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

/** Opens a wizard step from the step list and waits until it is the current one. */
export async function goToStep(page: Page, label: string) {
  const link = page.getByRole("navigation", { name: "填报步骤" }).getByRole("link", { name: new RegExp(label) });
  await link.click();
  await expect(link).toHaveAttribute("aria-current", "step");
  await expect(page.getByText("正在载入")).toHaveCount(0);
}

export async function waitSaved(page: Page) {
  await expect(page.getByText(/已保存 \d{2}:\d{2}/)).toBeVisible({ timeout: 20_000 });
}
