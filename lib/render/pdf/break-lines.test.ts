import { describe, expect, it } from "vitest";
import { breakLines } from "./break-lines";

/** Hanzi and full-width forms 10 wide, everything else 5. */
const widthOf = (ch: string) => (ch.codePointAt(0)! >= 0x2e80 ? 10 : 5);
const lines = (text: string, width: number, options: { firstWidth?: number; minSpacing?: number } = {}) =>
  breakLines(text, widthOf, { firstWidth: options.firstWidth ?? width, width, minSpacing: options.minSpacing ?? 0 });

describe("breakLines", () => {
  it("breaks between any two Hanzi and keeps every character", () => {
    const text = "政府信息公开工作年度报告";
    const result = lines(text, 50);
    expect(result).toEqual(["政府信息公", "开工作年度", "报告"]);
    expect(result.join("")).toBe(text);
  });

  it("narrows the first line by the indent", () => {
    expect(lines("一二三四五六七八", 50, { firstWidth: 30 })).toEqual(["一二三", "四五六七八"]);
  });

  it("never starts a line with closing punctuation: the character before moves down with it", () => {
    expect(lines("一二三四，五六", 40)).toEqual(["一二三", "四，五六"]);
    expect(lines("一二三四）五六", 40)).toEqual(["一二三", "四）五六"]);
  });

  it("never ends a line with an opening bracket or quote", () => {
    expect(lines("一二三《四五》", 40)).toEqual(["一二三", "《四五》"]);
    expect(lines("一二三“四五”", 40)).toEqual(["一二三", "“四五”"]);
  });

  it("keeps a number or Latin word whole", () => {
    expect(lines("一二2020年", 35)).toEqual(["一二", "2020年"]);
    expect(lines("共计142149条", 40)).toEqual(["共计", "142149条"]);
  });

  it("moves a phone number, an e-mail address or a Latin word down whole instead of splitting it", () => {
    // Each would have fitted in part on the first line (100 wide: 一二 leaves 80).
    expect(lines("一二联系电话0952-2216049，传真", 100)).toEqual(["一二联系电话", "0952-2216049，传真"]);
    expect(lines("一二三四邮箱sgaj110@126.com）", 100)).toEqual(["一二三四邮箱", "sgaj110@126.com）"]);
    expect(lines("一二三四五六Information", 100)).toEqual(["一二三四五六", "Information"]);
  });

  it("breaks a URL only after a “/”, never between the slashes of “//”, keeping what is glued to its ends", () => {
    const text = "网址为（http://gaj.shizuishan.gov.cn/xxgk/index.html），如需";
    const result = lines(text, 160);
    expect(result.join("")).toBe(text);
    expect(result).toEqual(["网址为（http://", "gaj.shizuishan.gov.cn/xxgk/", "index.html），如需"]);
    for (const line of result.slice(0, -1)) expect(line.endsWith("/")).toBe(true);
    // Glued to a half-width colon (a Latin character): it may start the next line.
    expect(lines("一二三四五六七八九十址:http://gaj.gzlps.gov.cn/)上", 140)).toEqual(["一二三四五六七八九十址:", "http://gaj.gzlps.gov.cn/)上"]);
    // Not a URL: a date or a fraction with a slash stays whole.
    expect(lines("一二三四五六七2023/12/31", 100)).toEqual(["一二三四五六七", "2023/12/31"]);
  });

  it("splits a word longer than a line by character", () => {
    const result = lines("abcdefghijklmnopqrst", 50);
    expect(result).toEqual(["abcdefghij", "klmnopqrst"]);
  });

  it("squeezes one more character onto a line within the allowed negative spacing", () => {
    // 4 Hanzi need 40; at width 38 one more fits only if 3 gaps may shrink by 1 each.
    expect(lines("一二三四五六七八", 38)).toEqual(["一二三", "四五六", "七八"]);
    expect(lines("一二三四五六七八", 38, { minSpacing: -1 })).toEqual(["一二三四", "五六七八"]);
  });

  it("breaks at spaces and drops them at line ends", () => {
    expect(lines("abc def ghi", 40)).toEqual(["abc def", "ghi"]);
  });

  it("returns one empty line for empty text", () => {
    expect(lines("", 50)).toEqual([""]);
  });
});
