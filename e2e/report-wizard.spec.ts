import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { extractDocxText } from "../lib/render/docx/extract-docx-text";
import { extractPdfText } from "../lib/render/pdf/extract-pdf-text";
import { parseServerTiming } from "../lib/utils/server-timing";
import { javascriptTransferred, measureKeystrokes, percentile } from "./support/measure";
import { cell, createReport, goToStep, login, newSignedInPage, pasteInto, typeCell, waitSaved } from "./support/session";

const SHOTS = join("test-results", "screenshots");
const MEASUREMENTS = join("test-results", "measurements.json");

/** Seed 004 (宿迁市公安局 2020), table 2 as published. */
const TABLE_2: [string, string | number][] = [
  ["proactive.regulations.new_made", 0], ["proactive.regulations.new_published", 0], ["proactive.regulations.total_published", 0],
  ["proactive.normative_documents.new_made", 0], ["proactive.normative_documents.new_published", 0], ["proactive.normative_documents.total_published", 5],
  ["proactive.licensing.prev_items", 28], ["proactive.licensing.change", 0], ["proactive.licensing.decisions", 103845],
  ["proactive.other_services.prev_items", 77], ["proactive.other_services.change", 0], ["proactive.other_services.decisions", 135617],
  ["proactive.penalties.prev_items", 852], ["proactive.penalties.change", 0], ["proactive.penalties.decisions", 2366863],
  ["proactive.enforcement.prev_items", 68], ["proactive.enforcement.change", 0], ["proactive.enforcement.decisions", 13553],
  ["proactive.fees.prev_items", 25], ["proactive.fees.change", 0],
  ["proactive.procurement.projects", 16], ["proactive.procurement.amount", "3414.41"],
];

/** Seed 004's table 3 自然人 column from （一）予以公开 to （六）其他处理, as copied from a ledger (blanks as published). */
const RESULTS_COLUMN = ["1", "1", "10", "3", "", "", "1", "", "", "", "1", "1", "1", "4", "", "", "", "", ""].join("\n");

function record(name: string, value: unknown) {
  mkdirSync("test-results", { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(MEASUREMENTS, "utf8"));
  } catch {
    // first entry
  }
  all[name] = value;
  writeFileSync(MEASUREMENTS, JSON.stringify(all, null, 2));
  console.log(`[measure] ${name}: ${JSON.stringify(value)}`);
}

test("a new 填报人 fills the 2020 report of seed 004 and downloads it", async ({ page, browser }) => {
  test.setTimeout(300_000);
  mkdirSync(SHOTS, { recursive: true });
  const saveTimes: number[] = [];
  /** The server's own account of each save (Server-Timing: auth, body, header, access, validate, write, total). */
  const savePhases: Record<string, number>[] = [];
  page.on("requestfinished", async (request) => {
    if (request.method() !== "PUT" || !/\/api\/reports\/[^/]+$/.test(request.url())) return;
    const timing = request.timing();
    saveTimes.push(timing.responseEnd);
    savePhases.push(parseServerTiming(await (await request.response())?.headerValue("server-timing")));
  });

  await login(page, "tianbao");
  const reportId = await createReport(page, 2020);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2020");
  await page.screenshot({ path: join(SHOTS, "1-basic.png"), fullPage: true });

  await test.step("一、总体情况 offers the official topics", async () => {
    await goToStep(page, "一、总体情况");
    const topics = page.getByLabel("内容");
    await expect(topics).toHaveCount(5);
    await topics.first().fill("2020年，宿迁市公安局坚持以公开为常态、不公开为例外，全年共公开政府信息1748条。");
    await topics.nth(1).fill("2020年，市公安局共收到政府信息公开申请23件，其中予以公开1件，部分公开1件，不予公开14件。");
    await page.screenshot({ path: join(SHOTS, "2-overview.png"), fullPage: true });
  });

  await test.step("二、主动公开: typed", async () => {
    await goToStep(page, "二、主动公开");
    for (const [key, value] of TABLE_2) await typeCell(page, key, value);
    await expect(cell(page, "proactive.penalties.decisions")).toHaveValue("2366863");
    await page.screenshot({ path: join(SHOTS, "3-proactive.png"), fullPage: true });
  });

  await test.step("三: typing and one paste of a block, a balance error on the exact cell that vanishes when corrected", async () => {
    await goToStep(page, "三、收到和处理申请");
    await typeCell(page, "requests.received.natural_person", 23);
    await pasteInto(page, "requests.granted.natural_person", RESULTS_COLUMN);
    await expect(page.getByText(/已填入 \d+ 个单元格/)).toBeVisible();
    await expect(cell(page, "requests.withheld_state_secret.natural_person")).toHaveValue("10");
    await expect(cell(page, "requests.not_processed_petition.natural_person")).toHaveValue("4");
    await expect(cell(page, "requests.total_processed.natural_person")).toHaveText("23");
    await page.getByRole("button", { name: "空白单元格填 0" }).click();
    await expect(cell(page, "requests.carried_forward.natural_person")).toHaveValue("0");

    const received = cell(page, "requests.received.natural_person");
    await expect(received).not.toHaveAttribute("aria-invalid", "true");
    await typeCell(page, "requests.received.natural_person", 24);
    await expect(received).toHaveAttribute("aria-invalid", "true");
    await expect(cell(page, "requests.received.total")).toHaveText("24");
    await expect(page.getByText("「自然人」列不平衡").first()).toBeVisible();
    await page.screenshot({ path: join(SHOTS, "4-requests-error.png"), fullPage: true });
    await typeCell(page, "requests.received.natural_person", 23);
    await expect(received).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("「自然人」列不平衡")).toHaveCount(0);
    await page.screenshot({ path: join(SHOTS, "4-requests.png"), fullPage: true });
  });

  await test.step("measure keystroke → total and findings on table 3", async () => {
    // A digit, then Backspace, twenty times: every key changes the value and ends where it began.
    const keys = Array.from({ length: 40 }, (_, i) => (i % 2 ? "Backspace" : String((i % 9) + 1)));
    const { latencies: fast, checks: fastChecks } = await measureKeystrokes(page, "#cell-requests-received-commercial", keys);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const { latencies: slow, checks: slowChecks } = await measureKeystrokes(page, "#cell-requests-received-research", keys);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await cdp.detach();
    record("keystrokeToCheckedMs", {
      samples: fast.length,
      p50: percentile(fast, 50),
      p95: percentile(fast, 95),
      // Of which the rule check (prepareReport + checkReport); the rest is rendering and the event.
      checkP50: percentile(fastChecks, 50),
      checkP95: percentile(fastChecks, 95),
      throttled4x: { samples: slow.length, p50: percentile(slow, 50), p95: percentile(slow, 95), checkP50: percentile(slowChecks, 50), checkP95: percentile(slowChecks, 95) },
    });
    expect(fastChecks.length).toBeGreaterThan(10);
    expect(fast.length).toBeGreaterThan(10);
    await expect(cell(page, "requests.received.commercial")).toHaveValue("0");
  });

  await test.step("四、复议诉讼 and the narrative sections", async () => {
    await goToStep(page, "四、复议诉讼");
    await page.getByRole("button", { name: "空白单元格填 0" }).click();
    await expect(cell(page, "reviews.reconsideration.upheld")).toHaveValue("0");
    await page.screenshot({ path: join(SHOTS, "5-reviews.png"), fullPage: true });
    await goToStep(page, "五、问题及改进");
    const problems = page.getByRole("textbox", { name: "存在的主要问题及改进情况" });
    // Half-width punctuation as pasted text has it: warned, and corrected with one click.
    await problems.fill("一是政府信息主动公开与群众期待还有一定差距,有待加强(重点是解读)。");
    await page.getByRole("button", { name: "改为全角标点" }).click();
    await expect(problems).toHaveText("一是政府信息主动公开与群众期待还有一定差距，有待加强（重点是解读）。");
    await expect(page.getByRole("button", { name: "改为全角标点" })).toHaveCount(0);
    await problems.fill("一是政府信息主动公开与群众期待还有一定差距。\n二是政策解读的深度和广度还需进一步加强。");
    await page.screenshot({ path: join(SHOTS, "6-problems.png"), fullPage: true });
    await goToStep(page, "六、其他事项");
    await page.getByRole("textbox", { name: "其他需要报告的事项" }).fill("本年度未收取信息处理费。");
    await page.screenshot({ path: join(SHOTS, "7-other.png"), fullPage: true });
    await waitSaved(page);
  });

  await test.step("reload: everything was saved", async () => {
    await page.goto(`/workspace/reports/${reportId}/edit/requests`);
    await expect(cell(page, "requests.received.natural_person")).toHaveValue("23");
    await expect(cell(page, "requests.withheld_state_secret.natural_person")).toHaveValue("10");
    await expect(cell(page, "requests.total_processed.total")).toHaveText("23");
    await page.goto(`/workspace/reports/${reportId}/edit/proactive`);
    await expect(cell(page, "proactive.penalties.decisions")).toHaveValue("2366863");
  });

  await test.step("检查与预览: download DOCX and PDF with the numbers", async () => {
    await goToStep(page, "检查与预览");
    await expect(page.getByText("宿迁").or(page.getByText("示例市公安局")).first()).toBeVisible();
    await page.screenshot({ path: join(SHOTS, "8-check.png"), fullPage: true });
    for (const [label, extract] of [["Word（DOCX）", extractDocxText], ["PDF", extractPdfText]] as const) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `下载 ${label}` }).click()]);
      expect(download.suggestedFilename()).toMatch(/^示例市公安局-2020年政府信息公开工作年度报告\.(docx|pdf)$/);
      const text = (await extract(readFileSync((await download.path())!))).replace(/\s+/g, " ");
      for (const number of ["103845", "135617", "2366863", "13553", "3414.41万元", "23"]) expect(text, label).toContain(number);
      expect(text.replace(/\s+/g, "")).toContain("一、本年新收政府信息公开申请数量");
    }
  });

  await test.step("a second browser edits the same report: the conflict is shown and merged, never overwritten", async () => {
    await page.goto(`/workspace/reports/${reportId}/edit/requests`);
    await expect(cell(page, "requests.received.natural_person")).toHaveValue("23");
    const other = await newSignedInPage(browser, "tianbao");
    await other.goto(`/workspace/reports/${reportId}/edit/reviews`);
    await typeCell(other, "reviews.litigation_direct.pending", 2);
    await waitSaved(other);
    await page.screenshot({ path: join(SHOTS, "9-before-conflict.png") });
    await typeCell(page, "requests.received.legal_services", 1);
    await typeCell(page, "requests.granted.legal_services", 1);
    // The same account in a second window: said so, not 「他人」, with what this window changed.
    const dialog = page.getByRole("dialog", { name: "本报告已在您的另一个窗口中修改" });
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    await expect(dialog).toContainText("在另一个窗口（或另一台设备）保存了新的版本");
    await expect(dialog).toContainText("本窗口为「1」，另一个窗口为「0」");
    await page.screenshot({ path: join(SHOTS, "9-conflict.png") });
    await dialog.getByRole("button", { name: "合并" }).click();
    await waitSaved(page);
    await page.goto(`/workspace/reports/${reportId}/edit/reviews`);
    await expect(cell(page, "reviews.litigation_direct.pending")).toHaveValue("2");
    await page.goto(`/workspace/reports/${reportId}/edit/requests`);
    await expect(cell(page, "requests.received.legal_services")).toHaveValue("1");
    await other.context().close();
  });

  await test.step("measure JavaScript transferred for the wizard and autosave round trips", async () => {
    const fresh = await newSignedInPage(browser, "tianbao");
    const { bytes, withHeaders, scripts } = await javascriptTransferred(fresh, `/workspace/reports/${reportId}/edit/requests`);
    record("wizardJavaScriptTransferred", { bytes, kib: Math.round(bytes / 102.4) / 10, kB: Math.round(bytes / 100) / 10, withHeadersKiB: Math.round(withHeaders / 102.4) / 10, scripts });
    await fresh.context().close();
    record("autosaveRoundTripMs", { samples: saveTimes.length, p50: percentile(saveTimes, 50), p95: percentile(saveTimes, 95) });
    const phaseNames = [...new Set(savePhases.flatMap((phases) => Object.keys(phases)))];
    record(
      "autosaveServerPhasesMs",
      Object.fromEntries(phaseNames.map((name) => {
        const values = savePhases.map((phases) => phases[name]).filter((v) => v !== undefined);
        return [name, { p50: percentile(values, 50), p95: percentile(values, 95) }];
      })),
    );
    expect(phaseNames).toContain("write");
    expect(saveTimes.length).toBeGreaterThan(0);
  });
});
