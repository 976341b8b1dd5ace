import { describe, expect, it } from "vitest";
import { loadSeed, type SeedName } from "../test-support/seeds";
import { checkReport } from "./check-report";

/**
 * The real defects of each published seed report (read from shared/seeds and
 * official-format.md §6), and nothing else. Each entry: rule id, severity, words the message
 * must contain.
 */
const EXPECTED: Record<SeedName, [string, "error" | "warning", string][]> = {
  // 石嘴山市公安局 2019: period says 2021; improvised sub-rows with names in a number column;
  // 规章 reported by a 公安局; section 五 heading reworded.
  "000_dbcc449a2218d1f4": [
    ["value.unreadable", "error", "「其他对外管理服务事项」行「上一年项目数量」列填写了「行政检查」"],
    ["stated.period", "error", "2021年1月1日至2021年12月31日，应为 2019年1月1日至2019年12月31日"],
    ["proactive.regulations-authority", "warning", "对外公开总数量 1"],
    ["stated.heading-wording", "warning", "「五、政府信息公开工作存在的主要问题和改进情况」"],
  ],
  // 余姚市公安局 2019: seven sections (extra 三、公开平台建设…), renumbered 三…六 as 四…七, preface
  // claims 六个部分 with pre-2019 part names, unit in a money cell, blanks in table 3.
  "001_c4d8e41b12f6790a": [
    // One defect, one finding (issue 12.5): the extra section is a warning (C15 「不宜泛化」), and
    // the renumbering it causes is part of its message; the preface's 六个部分 is right about the
    // format, so stated.section-count (six said, seven printed) is not reported again.
    ["value.text-in-cell", "warning", "「2791.3万元」"],
    ["value.blank", "warning", "表三（收到和处理申请）有 111 个单元格空白"],
    ["stated.heading-wording", "warning", "「一、总体情况。」"],
    ["stated.heading-wording", "warning", "「二、主动公开政府信息情况。」"],
    [
      "stated.heading-extra",
      "warning",
      "「三、公开平台建设和信息发布情况」不属于官方格式的六个部分，年度报告不应增设部分（“不能遗漏，也不宜泛化”）。其后各部分的编号因此顺延（「四、收到和处理政府信息公开申请情况」应为「三、收到和处理政府信息公开申请情况」",
    ],
    ["text.outdated-format", "warning", "「依申请公开政府信息情况」"],
  ],
  // 六盘水市公安局 2020: 减2 / 减3 / 1753802元 typed into number cells; title says 2020年度…年度报告.
  "002_d477ee84c8f7efa5": [
    ["value.text-in-cell", "warning", "「减2」，已按 -2 计"],
    ["value.text-in-cell", "warning", "「减3」，已按 -3 计"],
    ["value.text-in-cell", "warning", "「1753802元」，已按 175.3802 万元 计"],
    ["stated.title-wording", "warning", "「六盘水市公安局2020年度政府信息公开工作年度报告」"],
    // Half-width punctuation throughout (「2020年,六盘水市公安局」, 「(一)主动公开」): one finding per text.
    ["text.half-width-punctuation", "warning", "前言中有 10 处半角标点（「(」「)」「,」「:」）"],
    ["text.half-width-punctuation", "warning", "一、总体情况中有 6 处半角标点"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (一)主动公开中有 2 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (一)主动公开中有 6 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (二)依申请公开中有 2 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (二)依申请公开中有 9 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (三)政府信息管理中有 2 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (三)政府信息管理中有 37 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (四)平台建设中有 2 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (四)平台建设中有 32 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (五)监督保障中有 2 处"],
    ["text.half-width-punctuation", "warning", "一、总体情况 (五)监督保障中有 13 处"],
    ["text.half-width-punctuation", "warning", "五、存在的主要问题及改进情况中有 24 处半角标点（「,」），中文正文应使用全角标点（，）"],
  ],
  // 海东市公安局 2021: preface cites 《海东市 2020 年…》; lists five of six parts; unit in a cell
  // whose header has it; blanks in tables 2–4; 总体情况 misses four guidance topics.
  "003_5f1914cbe288c934": [
    ["stated.preface-title", "error", "《海东市 2020 年政府信息公开年度报告》年份写成了 2020 年（应为 2021 年），机关名称写成了「海东市」"],
    ["value.text-in-cell", "warning", "「710.824 万元」"],
    ["value.blank", "warning", "表二（主动公开）有 7 个单元格空白"],
    ["value.blank", "warning", "表三（收到和处理申请）有 142 个单元格空白"],
    ["value.blank", "warning", "表四（行政复议、行政诉讼）有 12 个单元格空白"],
    ["overview.topics-missing", "warning", "依申请公开、政府信息管理、政府信息公开平台建设、监督保障"],
    ["stated.preface-parts", "warning", "「其他需要报告的事项」"],
    // 「(一) 存在的主要问题」 with half-width brackets.
    ["text.half-width-punctuation", "warning", "五、存在的主要问题及改进情况中有 2 处半角标点（「(」「)」）"],
  ],
  // 宿迁市公安局 2020: no section 六; section 五 heading shortened; unit in a cell; blanks in table 3.
  // Its narrative (23 received, 1/1/14/3/4) agrees with the tables.
  "004_f8f28e4c849350e4": [
    // One finding for the missing 六 (issue 12.5), not section.missing and stated.heading-missing.
    ["section.missing", "error", "报告缺少「六、其他需要报告的事项」部分（既无标题，也无内容）"],
    ["value.text-in-cell", "warning", "「3414.41 万元」"],
    ["value.blank", "warning", "表三（收到和处理申请）有 122 个单元格空白"],
    ["stated.heading-wording", "warning", "「五、存在问题及改进情况」与官方格式「五、存在的主要问题及改进情况」"],
    ["text.half-width-punctuation", "warning", "前言中有 11 处半角标点"],
    ["text.half-width-punctuation", "warning", "一、总体情况中有 11 处半角标点（「,」）"],
  ],
};

describe("findings on the published seed reports", () => {
  for (const [seed, expected] of Object.entries(EXPECTED) as [SeedName, (typeof EXPECTED)[SeedName]][]) {
    it(`${seed}: finds exactly its real defects`, () => {
      const findings = checkReport(loadSeed(seed));
      expect(findings.map((f) => [f.ruleId, f.severity])).toEqual(expected.map(([id, severity]) => [id, severity]));
      findings.forEach((finding, i) => expect(finding.message).toContain(expected[i][2]));
    });
  }

  it("every seed's table 3 balances (C1, C2, C4 hold in all five, as official-format.md §6 observes)", () => {
    for (const seed of Object.keys(EXPECTED) as SeedName[]) {
      const ids = checkReport(loadSeed(seed)).map((f) => f.ruleId);
      expect(ids.filter((id) => id.startsWith("requests.") || id.startsWith("reviews."))).toEqual([]);
    }
  });
});
