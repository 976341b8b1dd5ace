import { describe, expect, it } from "vitest";
import { newContext } from "./context";
import type { TextPiece } from "./narrative";
import { dateLine, readContact, readFrontMatter, readNumber, readPeriod, readSectionCount, readTitle } from "./stated";

const piece = (text: string, line: number): TextPiece => ({ text, at: { kind: "text", line } });

describe("stated claims", () => {
  it.each([
    ["石嘴山市公安局2019 年政府信息公开工作年度报告", "石嘴山市公安局", 2019],
    ["宿迁市公安局 2020 年政府信息公开工作 年度报告", "宿迁市公安局", 2020],
    ["六盘水市公安局2020年度政府信息公开工作年度报告", "六盘水市公安局", 2020],
    ["示例市人民政府关于2023年政府信息公开工作年度报告", "示例市人民政府", 2023],
  ])("the title 「%s」 names %s and %i", (title, agency, year) => {
    expect(readTitle(title)).toEqual({ agency, year });
  });

  it.each([
    ["本报告各类数据统计时限从 2021 年 1 月 1 日到 2021 年 12 月 31 日止。", { from: "2021-01-01", to: "2021-12-31" }],
    ["统计期限自2019年1月1日至2019年12月31日止", { from: "2019-01-01", to: "2019-12-31" }],
    ["统计期限自 2021 年 1 月 1 日起至 2021 年 12 月 31 日止", { from: "2021-01-01", to: "2021-12-31" }],
    ["统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。", { from: "2020-01-01", to: "2020-12-31" }],
  ])("the period in 「%s」", (text, period) => {
    expect(readPeriod(text)).toEqual(period);
  });

  it.each([
    ["等六个部分组成", 6],
    ["等六项内容。", 6],
    ["等六部分组成。", 6],
    ["共7部分", 7],
    ["十二个部分", 12],
  ])("the claimed number of parts in 「%s」", (text, count) => {
    expect(readSectionCount(text)).toBe(count);
  });

  it("dates on a line of their own, Chinese numerals", () => {
    expect(dateLine("(2021 年 1 月 18 日)")).toBe("2021-01-18");
    expect(dateLine("2021年13月18日")).toBeUndefined();
    expect(readNumber("十")).toBe(10);
    expect(readNumber("二十一")).toBe(21);
  });
});

describe("readFrontMatter", () => {
  it("reads letterhead, a title over two lines, the date, a short heading and the preface", () => {
    const ctx = newContext();
    const fm = readFrontMatter(
      [
        piece("海东市公安局文件", 1),
        piece("余姚市公安局2019年政府信息公开工作", 2),
        piece("年度报告", 3),
        piece("(2020 年 1 月 18 日)", 4),
        piece("概述", 5),
        piece("本年报由总体情况……等六个部分组成。本年报中所列数据统计期限自2019年1月1日至2019年12月31日止。如有疑问请", 6),
        piece("联系。", 7),
      ],
      ctx,
    );
    expect(fm).toMatchObject({
      title: "余姚市公安局2019年政府信息公开工作年度报告",
      agency: "余姚市公安局",
      year: 2019,
      date: "2020-01-18",
      sectionCount: 6,
      period: { from: "2019-01-01", to: "2019-12-31" },
    });
    expect(fm.preface).toMatch(/如有疑问请联系。$/);
    expect(ctx.unplaced.map((u) => [u.text, u.reason])).toEqual([
      ["海东市公安局文件", "letterhead"],
      ["概述", "front-matter-heading"],
    ]);
    expect(ctx.provenance).toMatchObject({ "stated.title": { line: 2 }, date: { line: 4 }, preface: { line: 6 } });
  });

  it("says when there is no title", () => {
    const ctx = newContext();
    readFrontMatter([piece("根据《条例》规定，现公布本机关年度报告。", 1)], ctx);
    expect(ctx.problems.map((p) => p.code)).toEqual(["title.missing"]);
  });
});

describe("readContact", () => {
  it("reads each field where it is first given, an address without 地址 included (seed 004)", () => {
    const ctx = newContext();
    const contact = readContact(
      [
        piece("本报告的电子版可在宿迁市公安局门户网站(http://gaj.suqian.gov.cn/)下载。如对本报告有疑问,请于宿迁市公安局办公室联系(宿迁市宿城区洪泽湖路 865 号,邮政编码:223800,联系电话:0527-84352050,电子邮箱 sqgabgs@163.com)。", 7),
        piece("（地址：另一处，传真：0952-2216046）", 9),
      ],
      ctx,
    );
    expect(contact).toEqual({
      address: "宿迁市宿城区洪泽湖路 865 号",
      postcode: "223800",
      phone: "0527-84352050",
      fax: "0952-2216046",
      email: "sqgabgs@163.com",
      website: "http://gaj.suqian.gov.cn/",
    });
    expect(ctx.provenance["contact.fax"]).toMatchObject({ line: 9 });
  });

  it("reads nothing from text without contact data", () => {
    expect(readContact([piece("本年度无其他需要报告的事项。", 1)], newContext())).toBeUndefined();
  });
});
