import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { cell, createReport, goToStep, login, typeCell, waitSaved } from "./support/session";

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

/** The script nonce of a response's CSP; fails unless the headers are all there. */
async function expectSecurityHeaders(response: Response | APIResponse | null, what: string, options: { noStore?: boolean } = {}): Promise<string> {
  expect(response, what).toBeTruthy();
  const headers = "allHeaders" in response! ? await response.allHeaders() : response!.headers();
  const csp = directives(headers["content-security-policy"] ?? "");
  const scripts = csp.get("script-src") ?? [];
  const nonce = scripts.find((value) => value.startsWith("'nonce-"));
  expect(nonce, `${what}: script nonce in ${headers["content-security-policy"]}`).toMatch(/^'nonce-[A-Za-z0-9+/=]{16,}'$/);
  expect(scripts, `${what}: script-src`).toContain("'strict-dynamic'");
  expect(scripts, `${what}: script-src`).not.toContain("'unsafe-inline'");
  expect(scripts, `${what}: script-src`).not.toContain("'unsafe-eval'");
  expect(csp.get("default-src"), `${what}: default-src`).toEqual(["'self'"]);
  expect(csp.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(headers["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) expect(headers["permissions-policy"], `${what}: Permissions-Policy`).toContain(feature);
  expect(headers["x-powered-by"], `${what}: X-Powered-By`).toBeUndefined();
  // The e2e server is plain http (BETTER_AUTH_URL is not https): no HSTS.
  expect(headers["strict-transport-security"], `${what}: Strict-Transport-Security over http`).toBeUndefined();
  if (options.noStore) expect(headers["cache-control"] ?? "", `${what}: Cache-Control`).toMatch(/(^|[\s,])no-store($|[\s,])/);
  return nonce!.slice("'nonce-".length, -1);
}

/** Collects every CSP (and Permissions-Policy) complaint the browser reports, on every page. */
async function watchPolicyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|evaluate|apply|connect|frame)|Permissions-Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
        `${location.pathname}: securitypolicyviolation ${event.effectiveDirective} ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

/**
 * Every script tag of the server's HTML carries the response's nonce. (Scripts that Next's own
 * scripts add later need none: 'strict-dynamic' trusts them.)
 */
async function expectScriptsNonced(response: Response | null, nonce: string) {
  const tags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
}

test("every response carries the security headers, and the app's scripts run under the CSP without a violation", async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const violations = await watchPolicyViolations(page);

  await test.step("the login page: headers, a fresh nonce per response on every script", async () => {
    const first = await expectSecurityHeaders(await page.goto("/login"), "/login");
    const response = await page.goto("/login");
    const nonce = await expectSecurityHeaders(response, "/login again");
    expect(nonce).not.toBe(first);
    await expectScriptsNonced(response, nonce);
  });

  await test.step("an inline script injected into the page without the nonce is refused, and the refusal is noticed", async () => {
    await page.route("**/login", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
      await route.fulfill({ response, body });
    });
    await page.goto("/login");
    await page.unroute("**/login");
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join("\n")).toContain("script-src");
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    violations.length = 0;
  });

  let reportId = "";
  await test.step("signing in (client-side JS) and a staff page", async () => {
    await login(page, "tianbao");
    const response = await page.goto("/workspace/reports");
    await expectScriptsNonced(response, await expectSecurityHeaders(response, "/workspace/reports"));
    reportId = await createReport(page, 2022);
  });

  await test.step("the wizard works: steps, live totals, autosave", async () => {
    const response = await page.reload();
    await expectScriptsNonced(response, await expectSecurityHeaders(response, "the wizard"));
    await goToStep(page, "一、总体情况");
    await page.getByLabel("内容").first().fill("2022年，示例市公安局坚持以公开为常态、不公开为例外。");
    await goToStep(page, "三、收到和处理申请");
    await typeCell(page, "requests.received.natural_person", 7);
    await expect(cell(page, "requests.received.total")).toHaveText("7");
    await waitSaved(page);
  });

  await test.step("the report API: no-store", async () => {
    const response = await page.request.get(`/api/reports/${reportId}`);
    expect(response.status()).toBe(200);
    expect((await response.json()).content).toBeTruthy();
    await expectSecurityHeaders(response, `GET /api/reports/${reportId}`, { noStore: true });
    const anonymous = await playwright.request.newContext({ baseURL });
    const refused = await anonymous.get(`/api/reports/${reportId}`);
    expect(refused.status()).toBe(401);
    await expectSecurityHeaders(refused, "the API's 401", { noStore: true });
    await anonymous.dispose();
  });

  await test.step("the PDF download: no-store, still a PDF", async () => {
    const response = await page.request.get(`/api/reports/${reportId}/export/pdf`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await expectSecurityHeaders(response, "the PDF export", { noStore: true });
  });

  await test.step("the sign-in API: no-store", async () => {
    const response = await page.request.get("/api/auth/get-session");
    expect(response.status()).toBe(200);
    await expectSecurityHeaders(response, "GET /api/auth/get-session", { noStore: true });
  });

  await test.step("public pages, a public 404, and public downloads (which may be cached)", async () => {
    const visitor = await page.context().browser()!.newContext();
    const publicPage = await visitor.newPage();
    const publicViolations = await watchPolicyViolations(publicPage);
    const agencyPage = await publicPage.goto("/reports/shili-shi-gonganju");
    await expectScriptsNonced(agencyPage, await expectSecurityHeaders(agencyPage, "/reports/shili-shi-gonganju"));
    await expect(publicPage.getByRole("heading", { level: 1 })).toContainText("示例市公安局");

    const missing = await publicPage.goto("/reports/shili-shi-gonganju/1999");
    expect(missing?.status()).toBe(404);
    await expectScriptsNonced(missing, await expectSecurityHeaders(missing, "a public 404"));
    const unknown = await publicPage.goto("/no/such/page");
    expect(unknown?.status()).toBe(404);
    await expectScriptsNonced(unknown, await expectSecurityHeaders(unknown, "the 404 of an unknown address"));

    const download = await publicPage.request.get("/api/public/reports/shili-shi-gonganju/1999/pdf");
    expect(download.status()).toBe(404);
    await expectSecurityHeaders(download, "a public download");
    expect(download.headers()["cache-control"] ?? "").not.toContain("no-store");
    expect(publicViolations).toEqual([]);
    await visitor.close();
  });

  await test.step("a static asset", async () => {
    const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
    const response = await page.request.get(stylesheet!);
    expect(response.status()).toBe(200);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["x-powered-by"]).toBeUndefined();
  });

  expect(violations).toEqual([]);
});
