import type { Page } from "@playwright/test";

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Keystroke → updated total and findings: from each keydown to the wizard's
 * `gov-report:checked` mark (set once the recomputed cells are on screen); and, of that, the
 * rule check alone (the store's `gov-report:check` measure), so the rest is React's rendering.
 */
export async function measureKeystrokes(page: Page, inputSelector: string, keys: string[]): Promise<{ latencies: number[]; checks: number[] }> {
  await page.evaluate(() => {
    const w = window as unknown as { __latencies: number[]; __checks: number[]; __pending: number[] };
    w.__latencies = [];
    w.__checks = [];
    w.__pending = [];
    document.addEventListener("keydown", (e) => w.__pending.push(e.timeStamp), { capture: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.entryType === "measure" && entry.name === "gov-report:check") w.__checks.push(entry.duration);
        if (entry.entryType !== "mark" || entry.name !== "gov-report:checked") continue;
        const start = w.__pending.shift();
        if (start !== undefined) w.__latencies.push(entry.startTime - start);
        w.__pending.length = 0;
      }
    }).observe({ entryTypes: ["mark", "measure"] });
  });
  await page.locator(inputSelector).click();
  for (const key of keys) {
    await page.keyboard.press(key);
    // Each key changes the value, so each is followed by one recompute.
    await page.waitForFunction(() => (window as unknown as { __pending: number[] }).__pending.length === 0, undefined, { timeout: 5_000 });
  }
  return page.evaluate(() => {
    const w = window as unknown as { __latencies: number[]; __checks: number[] };
    return { latencies: w.__latencies, checks: w.__checks };
  });
}

/**
 * JavaScript loaded by a page: the compressed bodies as served (gzip; what the ≤ 200 KB goal is
 * about, from Resource Timing's encodedBodySize), by script largest first, and what went over the
 * wire with each response's headers (the security headers add about 1 KiB per script).
 */
export async function javascriptTransferred(page: Page, url: string): Promise<{ bytes: number; withHeaders: number; scripts: { file: string; kib: number }[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Map<string, string>();
  let withHeaders = 0;
  cdp.on("Network.responseReceived", (event) => {
    if (event.type === "Script") scripts.set(event.requestId, event.response.url);
  });
  cdp.on("Network.loadingFinished", (event) => {
    if (scripts.has(event.requestId)) withHeaders += event.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await cdp.detach();
  const bodies = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === "script" || new URL(entry.name).pathname.endsWith(".js"))
      .map((entry) => ({ file: new URL(entry.name).pathname.split("/").pop()!, bytes: (entry as PerformanceResourceTiming).encodedBodySize })),
  );
  bodies.sort((a, b) => b.bytes - a.bytes);
  return {
    bytes: bodies.reduce((sum, s) => sum + s.bytes, 0),
    withHeaders,
    scripts: bodies.map((s) => ({ file: s.file, kib: Math.round(s.bytes / 102.4) / 10 })),
  };
}
