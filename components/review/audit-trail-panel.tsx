import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/utils/format-date-time";
import { auditActionLabel, auditDetailLines, collapseSaves, type AuditDetailContext } from "./audit-labels";
import type { VersionTrace } from "./version-trace";

export interface AuditEventView {
  id: string;
  at: Date;
  actor: string | null;
  actorUsername: string | null;
  action: string;
  versionNumber: number | null;
  details: unknown;
}

/**
 * Who wrote, submitted, checked and released each version: the traceability of every published
 * text, read from the audit trail (traceVersions).
 */
export function VersionHistory({ traces, revisions = {} }: { traces: VersionTrace[]; /** Public revision numbers by version number. */ revisions?: Record<number, number[]> }) {
  return (
    <section aria-labelledby="versions-title" className="space-y-3">
      <h2 id="versions-title" className="text-xl font-semibold">
        版本与发布记录
      </h2>
      {traces.length === 0 ? (
        <p className="text-muted-foreground">本报告还没有提交过审核。</p>
      ) : (
        <ol className="space-y-3">
          {traces.map((t) => (
            <li key={t.versionId} className="rounded-md border border-border bg-surface px-4 py-3">
              <h3 className="font-semibold">第 {t.number} 版</h3>
              <dl className="mt-1 grid gap-x-4 gap-y-1 text-base sm:grid-cols-[8em_1fr]">
                <dt className="text-muted-foreground">编写</dt>
                <dd>{t.writers.length ? t.writers.join("、") : "—"}</dd>
                <dt className="text-muted-foreground">提交审核</dt>
                <dd>{t.submittedBy && t.submittedAt ? `${t.submittedBy} · ${formatDateTime(t.submittedAt)}` : "—"}</dd>
                <dt className="text-muted-foreground">审核</dt>
                <dd>
                  {t.decision
                    ? `${t.decision.kind === "approved" ? "审核通过" : "退回修改"} · ${t.decision.by ?? "—"} · ${formatDateTime(t.decision.at)}${t.decision.reason ? `（理由：${t.decision.reason}）` : ""}`
                    : "尚未审核"}
                </dd>
                <dt className="text-muted-foreground">发布</dt>
                <dd>
                  {t.published.length
                    ? t.published
                        .map((p, i) => {
                          const revision = revisions[t.number]?.[i];
                          const which = revision ? (revision > 1 ? `第 ${revision} 次发布（更正）· ` : "首次发布 · ") : "";
                          return `${which}${p.by ?? "—"} · ${formatDateTime(p.at)}${p.correctionNote ? `（更正说明：${p.correctionNote}）` : ""}`;
                        })
                        .join("；")
                    : "未发布"}
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The audit trail of the report, newest first, in plain words. */
export function AuditTrailPanel({ events, context }: { events: AuditEventView[]; context: AuditDetailContext }) {
  const rows = collapseSaves(events);
  return (
    <section aria-labelledby="audit-title" className="space-y-3">
      <h2 id="audit-title" className="text-xl font-semibold">
        审核记录
      </h2>
      <p className="text-muted-foreground">系统自动记录对本报告的每一次操作，记录不能修改或删除。连续的自动保存合并为一行。</p>
      {rows.length === 0 ? (
        <p className="text-muted-foreground">没有记录。</p>
      ) : (
        <div className="rounded-md border border-border bg-surface">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>时间</TableHead>
                <TableHead>操作人</TableHead>
                <TableHead>操作</TableHead>
                <TableHead>版本</TableHead>
                <TableHead>详情</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((event) => {
                const lines = auditDetailLines(event.action, event.details, context);
                return (
                  <TableRow key={event.id}>
                    <TableCell className="align-top text-base whitespace-nowrap">
                      {event.saves > 1 ? (
                        <>
                          {formatDateTime(event.firstAt)}
                          <span className="block text-sm text-muted-foreground">至 {formatDateTime(event.at)}</span>
                        </>
                      ) : (
                        formatDateTime(event.at)
                      )}
                    </TableCell>
                    <TableCell className="align-top">
                      {event.actor ?? "—"}
                      {event.actorUsername && <span className="block text-sm text-muted-foreground">{event.actorUsername}</span>}
                    </TableCell>
                    <TableCell className="align-top font-medium whitespace-nowrap">
                      {auditActionLabel(event.action)}
                      {event.saves > 1 && <span className="text-muted-foreground"> ×{event.saves}</span>}
                    </TableCell>
                    <TableCell className="align-top whitespace-nowrap">{event.versionNumber ? `第 ${event.versionNumber} 版` : "—"}</TableCell>
                    <TableCell className="min-w-[16em] align-top">
                      {lines.length ? (
                        <ul className="space-y-0.5">
                          {lines.map((line, i) => (
                            <li key={i}>{line}</li>
                          ))}
                        </ul>
                      ) : (
                        "—"
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
