import { formatLabel } from "@/lib/labels";
import { isReportStatus, statusLabel } from "@/lib/workflow/report-status";

/** Chinese names of the audited actions (lib/server/audit.ts AuditAction). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "report.create": "创建",
  "report.save": "保存",
  "report.submit": "提交审核",
  "report.return": "退回修改",
  "report.approve": "审核通过",
  "report.publish": "发布",
  "report.startCorrection": "发起更正",
  "report.import": "由已发布文件导入",
  "import.upload": "上传待导入的文件",
  "import.discard": "放弃导入",
  "comment.create": "批注",
  "comment.resolve": "处理批注",
  "agency.create": "新增机关",
  "agency.update": "修改机关",
  "oversight.remind": "提醒未提交的机关",
  "rule-levels.update": "修改规则级别",
  "user.create": "新增账号",
  "user.update": "修改账号",
  "user.resetPassword": "重置密码",
  "user.disable": "停用账号",
  "user.enable": "启用账号",
  "user.unlock": "解除登录锁定",
  "auth.signIn": "登录",
  "auth.signInFailed": "登录失败",
};

/** An unknown action keeps its code, so nothing recorded is ever hidden. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export interface AuditDetailContext {
  /** Words for a comment's anchor (表三… ／ 自然人). */
  anchorLabel?: (type: string, anchor: string) => string;
  /** The first words of a comment, by id, to say which one was resolved. */
  commentExcerpt?: (id: string) => string | undefined;
}

function statusName(value: unknown): string {
  return typeof value === "string" && isReportStatus(value) ? statusLabel(value) : String(value);
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/**
 * The details of an audit event as lines a person reads: the status change, the reason of a
 * return, the editor's note on warnings, the 更正说明, where a comment sits.
 */
export function auditDetailLines(action: string, details: unknown, context: AuditDetailContext = {}): string[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return [];
  const d = details as Record<string, unknown>;
  const lines: string[] = [];
  if (d.from !== undefined && d.to !== undefined) lines.push(`状态：${statusName(d.from)} → ${statusName(d.to)}`);
  if (typeof d.errors === "number" && typeof d.warnings === "number") lines.push(`提交时检查结果：${d.errors} 个错误、${d.warnings} 个警告`);
  if (text(d.warningNote)) lines.push(`填报人对警告的说明：${text(d.warningNote)}`);
  if (text(d.reason)) lines.push(`退回理由：${text(d.reason)}`);
  if (text(d.correctionNote)) lines.push(`更正说明：${text(d.correctionNote)}`);
  if (action === "report.create" && typeof d.year === "number") lines.push(`${d.year} 年度，${formatLabel(String(d.format ?? ""))}格式`);
  if (action === "report.save" && typeof d.version === "number") lines.push(`保存序号 ${d.version}`);
  if (action === "report.import" && text(d.filename)) {
    lines.push(`文件：${text(d.filename)}（${d.acceptedAs === "HISTORICAL" ? "作为往年已发布报告" : "作为本年度草稿"}${typeof d.corrected === "number" && d.corrected > 0 ? `，更正 ${d.corrected} 个单元格` : ""}）`);
  }
  if (typeof d.anchorType === "string" && typeof d.anchor === "string") {
    lines.push(`位置：${context.anchorLabel?.(d.anchorType, d.anchor) ?? d.anchor}`);
  }
  if (action === "comment.resolve" && typeof d.commentId === "string") {
    const excerpt = context.commentExcerpt?.(d.commentId);
    if (excerpt) lines.push(`批注：「${excerpt}」`);
  }
  if (action.startsWith("auth.") && text(d.username)) lines.push(`用户名：${text(d.username)}`);
  return lines;
}

/** The first characters of a text, with an ellipsis when cut. */
export function excerpt(value: string, max = 30): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** An audit event with how many consecutive saves it stands for. */
export type CollapsedEvent<T> = T & { saves: number; firstAt: Date | string };

/**
 * Autosave records a save every few seconds; consecutive saves by the same person are shown as
 * one row (保存 ×37, from … to …) so the decisions stay readable. Events are newest first.
 */
export function collapseSaves<T extends { action: string; actor: string | null; at: Date | string }>(events: T[]): CollapsedEvent<T>[] {
  const out: CollapsedEvent<T>[] = [];
  for (const event of events) {
    const last = out.at(-1);
    if (event.action === "report.save" && last?.action === "report.save" && last.actor === event.actor) {
      last.saves++;
      last.firstAt = event.at;
    } else {
      out.push({ ...event, saves: 1, firstAt: event.at });
    }
  }
  return out;
}
