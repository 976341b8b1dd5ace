import { describe, expect, it } from "vitest";
import { auditActionLabel, auditDetailLines, collapseSaves, excerpt } from "./audit-labels";

describe("audit action labels", () => {
  it("names every audited action in Chinese and keeps unknown codes visible", () => {
    const actions = [
      "report.create",
      "report.save",
      "report.submit",
      "report.return",
      "report.approve",
      "report.publish",
      "report.startCorrection",
      "comment.create",
      "comment.resolve",
      "auth.signIn",
      "auth.signInFailed",
    ];
    expect(actions.map(auditActionLabel)).toEqual(["创建", "保存", "提交审核", "退回修改", "审核通过", "发布", "发起更正", "批注", "处理批注", "登录", "登录失败"]);
    expect(auditActionLabel("report.somethingNew")).toBe("report.somethingNew");
  });
});

describe("auditDetailLines", () => {
  it("spells out a submission: status change, frozen counts and the editor's note", () => {
    expect(auditDetailLines("report.submit", { from: "RETURNED", to: "SUBMITTED", errors: 0, warnings: 2, warningNote: " 已核实 " })).toEqual([
      "状态：退回修改 → 待审核",
      "提交时检查结果：0 个错误、2 个警告",
      "填报人对警告的说明：已核实",
    ]);
  });

  it("shows the reason of a return and the 更正说明 of a publication", () => {
    expect(auditDetailLines("report.return", { from: "SUBMITTED", to: "RETURNED", reason: "表三有空白" })).toContain("退回理由：表三有空白");
    expect(auditDetailLines("report.publish", { from: "APPROVED", to: "PUBLISHED", correctionNote: null })).toEqual(["状态：审核通过 → 已发布"]);
    expect(auditDetailLines("report.publish", { correctionNote: "补充第六部分" })).toEqual(["更正说明：补充第六部分"]);
  });

  it("names a comment's place and which comment was resolved", () => {
    const context = { anchorLabel: (type: string, anchor: string) => `${type}/${anchor}`, commentExcerpt: (id: string) => (id === "c1" ? "请核实" : undefined) };
    expect(auditDetailLines("comment.create", { commentId: "c1", anchorType: "CELL", anchor: "requests.received.total" }, context)).toEqual(["位置：CELL/requests.received.total"]);
    expect(auditDetailLines("comment.resolve", { commentId: "c1" }, context)).toEqual(["批注：「请核实」"]);
    expect(auditDetailLines("comment.resolve", { commentId: "gone" }, context)).toEqual([]);
  });

  it("describes creation and saves, and ignores details that are not an object", () => {
    expect(auditDetailLines("report.create", { year: 2023, format: "2021" })).toEqual(["2023 年度，2021 版格式"]);
    expect(auditDetailLines("report.save", { version: 7 })).toEqual(["保存序号 7"]);
    expect(auditDetailLines("report.save", null)).toEqual([]);
    expect(auditDetailLines("report.save", ["x"])).toEqual([]);
  });
});

describe("collapseSaves", () => {
  it("merges consecutive saves by the same person, keeping the time span", () => {
    const events = [
      { id: "5", action: "report.submit", actor: "田宝", at: "2026-01-05T10:05:00Z" },
      { id: "4", action: "report.save", actor: "田宝", at: "2026-01-05T10:04:00Z" },
      { id: "3", action: "report.save", actor: "田宝", at: "2026-01-05T10:02:00Z" },
      { id: "2", action: "report.save", actor: "王五", at: "2026-01-05T10:01:00Z" },
      { id: "1", action: "report.save", actor: "田宝", at: "2026-01-05T10:00:00Z" },
    ];
    const rows = collapseSaves(events);
    expect(rows.map((r) => [r.id, r.saves, r.firstAt])).toEqual([
      ["5", 1, "2026-01-05T10:05:00Z"],
      ["4", 2, "2026-01-05T10:02:00Z"],
      ["2", 1, "2026-01-05T10:01:00Z"],
      ["1", 1, "2026-01-05T10:00:00Z"],
    ]);
  });
});

describe("excerpt", () => {
  it("cuts long text with an ellipsis and flattens line breaks", () => {
    expect(excerpt("第一行\n第二行", 30)).toBe("第一行 第二行");
    expect(excerpt("一二三四五六", 3)).toBe("一二三…");
  });
});
