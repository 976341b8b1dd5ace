import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createReport, login, newSignedInPage } from "./support/session";

/** Status of a GET made with the page's cookies, without following redirects. */
async function statusOf(request: APIRequestContext, url: string, method: "GET" | "PUT" = "GET") {
  const response = method === "GET" ? await request.get(url, { maxRedirects: 0 }) : await request.put(url, { data: { version: 1, content: {} }, maxRedirects: 0 });
  return response.status();
}

async function expectNotFoundPage(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(404);
  await expect(page.getByRole("heading", { name: "找不到该页面" })).toBeVisible();
}

test("the server refuses what a user's role and agency do not allow, by URL", async ({ page, browser, playwright }) => {
  test.setTimeout(180_000);
  await login(page, "tianbao");
  const reportId = await createReport(page, 2021);

  await test.step("anonymous visitors: no drafts, no downloads, only the login page", async () => {
    const anonymous = await playwright.request.newContext({ baseURL: page.url().replace(/\/workspace.*/, "") });
    expect(await statusOf(anonymous, `/api/reports/${reportId}`)).toBe(401);
    expect(await statusOf(anonymous, `/api/reports/${reportId}/export/pdf`)).toBe(401);
    expect(await statusOf(anonymous, `/api/reports/${reportId}`, "PUT")).toBe(401);
    const preview = await anonymous.get(`/workspace/reports/${reportId}/preview`, { maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(preview.status());
    expect(preview.headers()["location"]).toContain("/login");
    await anonymous.dispose();
  });

  await test.step("an editor of another agency gets 404 on the report, its downloads and saves", async () => {
    const other = await newSignedInPage(browser, "jiaoyu");
    expect(await statusOf(other.request, `/api/reports/${reportId}`)).toBe(404);
    for (const format of ["docx", "pdf", "html", "json"]) expect(await statusOf(other.request, `/api/reports/${reportId}/export/${format}`)).toBe(404);
    expect(await statusOf(other.request, `/api/reports/${reportId}`, "PUT")).toBe(404);
    await expectNotFoundPage(other, `/workspace/reports/${reportId}/preview`);
    await expectNotFoundPage(other, `/workspace/reports/${reportId}/edit/requests`);
    await other.context().close();
  });

  await test.step("an editor cannot reach review or admin pages; a reviewer cannot save", async () => {
    await expectNotFoundPage(page, "/workspace/admin/users");
    await expectNotFoundPage(page, "/workspace/admin/agencies");
    const reviewer = await newSignedInPage(browser, "shenhe");
    expect(await statusOf(reviewer.request, `/api/reports/${reportId}`)).toBe(200);
    expect(await statusOf(reviewer.request, `/api/reports/${reportId}`, "PUT")).toBe(403);
    await reviewer.context().close();
  });
});
