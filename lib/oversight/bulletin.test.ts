import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { daysLate, daysUntilDeadline, deadlineRule, publicationDeadline, type AgencyKind } from "../workflow/deadline";
import type { ProgressStatus } from "../workflow/report-status";
import { buildBulletinDocument, bulletinCounts, bulletinTitle, renderBulletinDocx } from "./bulletin";
import type { AgencyStatusRow } from "./status-row";

const YEAR = 2024;
const NOW = new Date("2025-02-10T02:00:00Z");

/** A status row as lib/server/oversight/load-agency-statuses.ts computes it. */
function statusRow(name: string, kind: AgencyKind, state: { status: ProgressStatus; publishedAt?: Date; version?: { number: number; errors: number; warnings: number } }): AgencyStatusRow {
  const publishedAt = state.publishedAt ?? null;
  const daysLeft = publishedAt ? null : daysUntilDeadline(kind, YEAR, NOW);
  const late = publishedAt ? daysLate(kind, YEAR, publishedAt) : null;
  return {
    agency: { id: `id-${name}`, name, slug: name, kind, parentId: null, depth: 0 },
    reportId: state.status === "NOT_STARTED" ? null : `r-${name}`,
    status: state.status,
    lastChange: null,
    latestVersion: state.version ?? null,
    submittedAt: null,
    publishedAt,
    revision: publishedAt ? 1 : null,
    deadline: publicationDeadline(kind, YEAR),
    deadlineRule: deadlineRule(kind),
    daysLeft,
    daysLate: late,
    overdue: publishedAt ? late! > 0 : daysLeft! < 0,
    publicPath: publishedAt ? `/reports/${name}/${YEAR}` : null,
  };
}

const statuses = [
  // Published on 3 February (China time): 3 days after 31 January.
  statusRow("示例市公安局", "DEPARTMENT", { status: "PUBLISHED", publishedAt: new Date("2025-02-03T02:00:00Z"), version: { number: 2, errors: 0, warnings: 0 } }),
  statusRow("示例市教育局", "DEPARTMENT", { status: "RETURNED", version: { number: 1, errors: 2, warnings: 1 } }),
  statusRow("示例市民政局", "DEPARTMENT", { status: "NOT_STARTED" }),
  // The government's deadline is 31 March: not yet due.
  statusRow("示例市人民政府", "GOVERNMENT", { status: "SUBMITTED", version: { number: 1, errors: 0, warnings: 0 } }),
  statusRow("示例市财政局", "DEPARTMENT", { status: "PUBLISHED", publishedAt: new Date("2025-01-20T02:00:00Z"), version: { number: 1, errors: 1, warnings: 4 } }),
  statusRow("示例市交通运输局", "DEPARTMENT", { status: "PUBLISHED", publishedAt: new Date("2025-01-28T02:00:00Z"), version: { number: 1, errors: 0, warnings: 0 } }),
  statusRow("示例市审计局", "DEPARTMENT", { status: "PUBLISHED", publishedAt: new Date("2025-01-30T02:00:00Z"), version: { number: 3, errors: 0, warnings: 0 } }),
];

const findings = new Map([
  [
    "id-示例市教育局",
    [
      "表三（收到和处理申请）「自然人」列不平衡：第一项加第二项之和为 12，第三项加第四项之和为 10。",
      "报告缺少「六、其他需要报告的事项」部分。",
      "「（七）总计」应为 8，填写为 9。",
      "第四条信息",
      "第五条信息",
    ],
  ],
]);

/** The text of word/document.xml: every w:t run, paragraphs on their own lines. */
async function documentText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file("word/document.xml")!.async("string");
  return xml
    .split("</w:p>")
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter(Boolean)
    .join("\n")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

describe("draft 通报", () => {
  it("counts the agencies by how they stand", () => {
    expect(bulletinCounts(statuses)).toEqual({
      agencies: 7,
      published: 4,
      onTime: 3,
      late: 1,
      unpublished: 3,
      overdueUnpublished: 2,
      withErrors: 2,
      withWarnings: 2,
    });
  });

  it("renders a DOCX naming each problem agency with its lateness and findings, then the agencies on time", async () => {
    const docx = await renderBulletinDocx({ year: YEAR, statuses, findings, scope: "示例市", issuer: "示例市人民政府办公室", now: NOW });
    const text = await documentText(docx);
    const lines = text.split("\n");

    expect(lines.slice(0, 2).join("")).toBe(bulletinTitle(YEAR));
    expect(bulletinTitle(YEAR)).toBe("关于2024年度政府信息公开工作年度报告编制发布情况的通报（稿）");
    expect(text).toContain(
      "截至2025年2月10日，示例市纳入统计的机关共7个；已发布年度报告4个，其中按时发布3个、逾期发布1个；尚未发布3个，其中已超过法定发布时限2个。经规则检查（勾稽关系等），最近提交的版本有错误的机关2个、有警告的机关2个。",
    );

    const line = (name: string) => lines.find((l) => l.includes(`${name}（`))!;
    expect(line("示例市公安局")).toContain("逾期发布，逾期3天");
    expect(line("示例市教育局")).toContain("逾期未发布，逾期10天");
    expect(line("示例市教育局")).toContain("报告状态为「退回修改」（最近提交第1版）");
    expect(line("示例市教育局")).toContain("最近提交的版本检查发现错误2个、警告1个。");
    // The first three messages, without their full stops, and how many there are.
    expect(line("示例市教育局")).toContain(
      "主要问题：（1）表三（收到和处理申请）「自然人」列不平衡：第一项加第二项之和为 12，第三项加第四项之和为 10；（2）报告缺少「六、其他需要报告的事项」部分；（3）「（七）总计」应为 8，填写为 9等5条。",
    );
    expect(text).not.toContain("第四条信息");
    expect(line("示例市民政局")).toContain("尚未开始编制，逾期未发布，逾期10天（法定截止日期2025年1月31日）");
    expect(line("示例市人民政府")).toContain(`未发布，距截止${daysUntilDeadline("GOVERNMENT", YEAR, NOW)}天（法定截止日期2025年3月31日）`);
    expect(line("示例市财政局")).toContain("按时发布");
    expect(line("示例市财政局")).toContain("错误1个、警告4个");

    // Problems grouped, worst first, each followed by room for the supervisor.
    const order = ["逾期未发布的机关（2个）", "逾期发布的机关（1个）", "尚未发布（未到截止日期）的机关（1个）", "按时发布但检查发现问题的机关（1个）"].map((heading) =>
      lines.findIndex((l) => l.endsWith(heading)),
    );
    expect(order.every((index, i) => index > 0 && (i === 0 || index > order[i - 1]))).toBe(true);
    expect(lines.filter((l) => l === "处理意见：【请在此填写】")).toHaveLength(5);

    // The rest in one list, after the problems.
    const onTime = lines.findIndex((l) => l.startsWith("以下2个机关按时发布年度报告"));
    expect(lines[onTime]).toBe("以下2个机关按时发布年度报告，最近提交的版本未发现问题：示例市交通运输局、示例市审计局。");
    expect(onTime).toBeGreaterThan(order[3]);
    expect(lines.filter((l) => l.includes("示例市审计局"))).toHaveLength(1);
    expect(lines.slice(-2)).toEqual(["示例市人民政府办公室", "2025年2月10日"]);

    // The report renderer's fonts: 方正小标宋 title, 仿宋 body.
    const styles = await (await JSZip.loadAsync(docx)).file("word/styles.xml")!.async("string");
    expect(styles).toContain("方正小标宋简体");
    expect(styles).toContain("仿宋_GB2312");
  });

  it("says so when nobody has a problem, and uses placeholders without scope and issuer", () => {
    const fine = statuses.filter((s) => s.agency.name === "示例市审计局");
    const document = buildBulletinDocument({ year: YEAR, statuses: fine, now: NOW });
    const texts = document.blocks.map((b) => (b.type === "paragraph" ? b.inlines.map((i) => i.text).join("") : b.type === "heading" ? b.text : b.type === "title" ? b.lines.join("") : ""));
    expect(texts).toContain("截至2025年2月10日，纳入统计的机关共1个；已发布年度报告1个，其中按时发布1个、逾期发布0个；尚未发布0个，其中已超过法定发布时限0个。经规则检查（勾稽关系等），最近提交的版本均未发现错误和警告。");
    expect(texts.some((t) => t.includes("存在问题的机关"))).toBe(false);
    expect(texts).toContain("二、按时发布的机关");
    expect(texts).toContain("三、下一步工作要求");
    expect(texts).toContain("【通报单位】");
    expect(document.title).toBe(bulletinTitle(YEAR));
  });
});
