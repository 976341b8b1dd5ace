import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { formatValue } from "../lib/report/normalize-value";
import { officialTsv } from "../lib/test-support/official-tsv";
import { loadSeed } from "../lib/test-support/seeds";
import { editGrid } from "../lib/wizard/paste-grid";
import { cell, createReport, goToStep, login, pasteInto, typeCell } from "./support/session";

const SHOTS = join("test-results", "screenshots");
/**
 * A year no other spec writes (import: 2019–2022, input-fuzz: 2023, review: 2024, oversight:
 * 2025), in the 2021 format of seed 003.
 */
const YEAR = 2026;
const SEED = "003_5f1914cbe288c934" as const;

test("a clerk pastes the printed table 3 of seed 003 with its total row and column, then undoes and redoes values", async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  await login(page, "tianbao");
  await createReport(page, YEAR);
  await goToStep(page, "三、收到和处理申请");

  const seed = loadSeed(SEED);
  const editable = editGrid("2021", "requests").lines.flatMap((line) => line.slots.filter((slot) => slot && !slot.readOnly).map((slot) => slot!));

  await test.step("the whole printed table, labels, headers, （七）总计 and the 总计 column, lands every cell in place", async () => {
    await pasteInto(page, "requests.received.natural_person", officialTsv(seed, "requests"));
    const report = page.getByRole("status").filter({ hasText: "已填入" });
    await expect(report).toContainText(`已填入 ${editable.length} 个单元格`);
    await expect(report).toContainText("个合计单元格由系统计算、未填入");
    await expect(report).toContainText("按行名对应各行、按表头对应各列放置");
    for (const slot of editable) {
      const value = seed.cells.get(slot.key)?.value;
      await expect(cell(page, slot.key), slot.key).toHaveValue(typeof value === "number" ? formatValue(value, slot.kind) : "");
    }
    // The last row stays the last row: 结转下年度 is blank in the seed, not （七）总计's 49.
    await expect(cell(page, "requests.carried_forward.natural_person")).toHaveValue("");
    await expect(cell(page, "requests.total_processed.natural_person")).toHaveText("49");
    await page.screenshot({ path: join(SHOTS, "table-paste-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, "table-paste-390.png"), fullPage: false });
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  await test.step("undo and redo work on values across cells, not on keystrokes", async () => {
    const a = "requests.carried_forward.natural_person";
    const b = "requests.carried_forward.commercial";
    await typeCell(page, a, 12);
    await typeCell(page, b, 5);
    await expect(cell(page, a)).toHaveValue("12");
    await expect(cell(page, b)).toHaveValue("5");
    // Back in the first cell, Ctrl+Z undoes the last edit (the second cell), then the first: whole values.
    await cell(page, a).click();
    await cell(page, a).press("Control+z");
    await expect(cell(page, b)).toHaveValue("");
    await expect(cell(page, a)).toHaveValue("12");
    await cell(page, a).press("Control+z");
    await expect(cell(page, a)).toHaveValue("");
    await expect(page.getByRole("status").filter({ hasText: "已撤销输入" })).toHaveCount(1);
    await cell(page, a).press("Control+y");
    await expect(cell(page, a)).toHaveValue("12");
    await page.getByRole("button", { name: "恢复" }).click();
    await expect(cell(page, b)).toHaveValue("5");
    // Escape during an edit goes back to the value the cell had, not to the last keystroke's.
    await cell(page, b).click();
    await cell(page, b).press("Control+A");
    await cell(page, b).pressSequentially("77");
    await cell(page, b).press("Escape");
    await expect(cell(page, b)).toHaveValue("5");
    // The paste is one step too: 撤销粘贴 puts every pasted cell back.
    await page.getByRole("button", { name: "撤销输入" }).click();
    await page.getByRole("button", { name: "撤销输入" }).click();
    await page.getByRole("button", { name: "撤销粘贴" }).first().click();
    await expect(cell(page, "requests.received.natural_person")).toHaveValue("");
  });

  await test.step("an XLSX template downloaded, filled in with exceljs and uploaded gives the same table as the paste", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "下载 Excel 模板" }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await (await download).path())!);
    const sheet = workbook.worksheets.find((ws) => ws.name.startsWith("表三"));
    expect(sheet, "a sheet for table 3").toBeDefined();
    // As a clerk fills it: the value of each row, found by its printed label, in the six input columns.
    const lines = editGrid("2021", "requests").lines;
    let filled = 0;
    sheet!.eachRow((row) => {
      const labels = [1, 2, 3].map((c) => String(row.getCell(c).value ?? "").trim());
      const line = lines.find((l) => l.label && labels.includes(l.label));
      if (!line) return;
      line.slots.forEach((slot, i) => {
        if (!slot || slot.readOnly) return;
        const value = seed.cells.get(slot.key)?.value;
        if (typeof value === "number") {
          row.getCell(4 + i).value = value;
          filled++;
        }
      });
    });
    expect(filled).toBeGreaterThan(0);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.getByTestId("xlsx-upload-input").setInputFiles({ name: "统计表.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await expect(page.getByRole("status").filter({ hasText: "已填入" })).toContainText(`已填入 ${editable.length} 个单元格`);
    for (const slot of editable) {
      const value = seed.cells.get(slot.key)?.value;
      await expect(cell(page, slot.key), slot.key).toHaveValue(typeof value === "number" ? formatValue(value, slot.kind) : "");
    }
    await expect(cell(page, "requests.total_processed.natural_person")).toHaveText("49");
    await page.screenshot({ path: join(SHOTS, "table-xlsx-upload-1280.png"), fullPage: false });
  });

  await test.step("a range selected with Shift+arrows and the mouse is copied as TSV, cleared with Delete and filled down, each one undo step", async () => {
    const key = (row: string, col: string) => `requests.${row}.${col}`;
    const rows = ["granted", "partly_granted", "withheld_state_secret"];
    const cols = ["natural_person", "commercial", "research"];
    // Seed 003 has these rows blank: the clerk types nine different numbers first.
    const typed = new Map<string, string>();
    for (const [r, row] of rows.entries()) for (const [c, col] of cols.entries()) typed.set(key(row, col), String(10 * (r + 1) + c + 1));
    for (const [k, v] of typed) await typeCell(page, k, v);
    const shown = (row: string, col: string) => typed.get(key(row, col))!;
    const toolbar = page.getByRole("toolbar", { name: "所选单元格" });
    await cell(page, key("granted", "natural_person")).click();
    for (const press of ["Shift+ArrowDown", "Shift+ArrowDown", "Shift+ArrowRight"]) await page.keyboard.press(press);
    await expect(toolbar).toContainText("已选择 3 行 × 2 列，共 6 个单元格");
    await expect(page.locator("td[data-selected]")).toHaveCount(6);
    await expect(cell(page, key("granted", "natural_person"))).toBeFocused();

    // Ctrl+C puts the range on the clipboard as Excel and WPS paste it.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.keyboard.press("Control+C");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(rows.map((row) => cols.slice(0, 2).map((col) => shown(row, col)).join("\t")).join("\n"));
    await page.screenshot({ path: join(SHOTS, "table-range-1280.png"), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await toolbar.evaluate((bar) => bar.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(SHOTS, "table-range-390.png"), fullPage: false });
    await page.setViewportSize({ width: 1366, height: 900 });

    // Delete clears the six cells as one edit; Ctrl+Z brings them back.
    await page.keyboard.press("Delete");
    for (const row of rows) for (const col of cols.slice(0, 2)) await expect(cell(page, key(row, col))).toHaveValue("");
    await expect(cell(page, key("granted", "research"))).toHaveValue(shown("granted", "research"));
    await page.keyboard.press("Control+z");
    for (const row of rows) for (const col of cols.slice(0, 2)) await expect(cell(page, key(row, col))).toHaveValue(shown(row, col));

    // The mouse: press in one cell, drag to another; Ctrl+D fills each column from the top row.
    const from = cell(page, key("granted", "research"));
    const to = cell(page, key("withheld_state_secret", "research"));
    // Raw mouse moves: the pointer is dragged as a hand would, in steps. The cell's text is
    // selected when it is pressed, so without the grid's care this would drag the text "13" into
    // the last cell (the browser's text drag and drop) instead of selecting the cells.
    const centre = async (locator: typeof from) => {
      const box = (await locator.boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    // Both cells on screen (the phone screenshot above scrolled the page).
    await from.evaluate((element) => element.scrollIntoView({ block: "center" }));
    const start = await centre(from);
    const end = await centre(to);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 8 });
    await page.mouse.up();
    await expect(toolbar).toContainText("已选择 3 行 × 1 列，共 3 个单元格");
    await expect(to).toHaveValue(shown("withheld_state_secret", "research"));
    await page.keyboard.press("Control+d");
    for (const row of rows) await expect(cell(page, key(row, "research"))).toHaveValue(shown("granted", "research"));
    await expect(page.getByRole("button", { name: "撤销向下填充" })).toBeVisible();
    // Escape ends the range; the focus never left the first cell.
    await page.keyboard.press("Escape");
    await expect(page.locator("td[data-selected]")).toHaveCount(0);
    await expect(from).toBeFocused();
    // One Ctrl+Z takes the whole fill back, and goes to the first cell it restored.
    await page.keyboard.press("Control+z");
    for (const row of rows) await expect(cell(page, key(row, "research"))).toHaveValue(shown(row, "research"));
    await expect(cell(page, key("partly_granted", "research"))).toBeFocused();
  });

  await test.step("a bound number shows in the narrative as a chip with its value, and is stored as its reference", async () => {
    await goToStep(page, "一、总体情况");
    const text = page.getByLabel("内容").first();
    await text.fill("2026年，市公安局坚持以公开为常态。");
    await page.getByRole("button", { name: "插入汇总句" }).first().click();
    const chip = text.getByRole("img", { name: /^表格数字 49：表三（收到和处理申请）「一、本年新收政府信息公开申请数量」行「总计」列/ });
    await expect(chip).toHaveText("49");
    await expect(text).toContainText("本年共收到政府信息公开申请49件");
    // The clerk cannot type into a chip: it is one piece of the text.
    await expect(chip).toHaveAttribute("contenteditable", "false");
    await page.screenshot({ path: join(SHOTS, "narrative-chips-1280.png"), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await text.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "narrative-chips-390.png"), fullPage: false });
    await page.setViewportSize({ width: 1366, height: 900 });
  });
});
