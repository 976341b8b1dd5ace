"use client";

import Link from "next/link";
import { useMemo, useState, useTransition, type ReactNode } from "react";
import { FindingsSummary } from "@/components/reports/findings-summary";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClassName } from "@/components/ui/button";
import { buildTable } from "@/lib/document/build-table";
import { acceptedContent, cellInputText, IMPORT_ACCEPTED_AS_LABELS, IMPORT_STATUS_LABELS, type ImportAcceptedAs } from "@/lib/import/accept-import";
import { formatLabel } from "@/lib/labels";
import { cellKey } from "@/lib/report/cell-ref";
import { prepareReport } from "@/lib/report/prepare-report";
import { checkReport } from "@/lib/rules/check-report";
import type { ImportReview } from "@/lib/server/import/load-import-review";
import { acceptImportAction, discardImportAction } from "@/lib/server/import/actions";
import { sectionHeading, templateCells } from "@/lib/template/cells";
import type { SectionDef } from "@/lib/template/types";
import { formatDateTime } from "@/lib/utils/format-date-time";
import { CorrectionTable } from "./correction-table";

/** What the screen gets: the review without the source (the page renders that pane itself). */
export type ImportReviewData = Omit<ImportReview, "source">;

function Place({ place, label = "原文" }: { place?: { location: string; anchor?: string }; label?: string }) {
  if (!place?.location) return null;
  return place.anchor ? (
    <a href={`#${place.anchor}`} className="text-sm whitespace-nowrap text-primary underline underline-offset-4">
      {label}：{place.location}
    </a>
  ) : (
    <span className="text-sm whitespace-nowrap text-muted-foreground">
      {label}：{place.location}
    </span>
  );
}

function Paragraphs({ text }: { text: string | undefined }) {
  if (!text?.trim()) return <p className="text-muted-foreground">（文中没有这部分内容）</p>;
  return (
    <div className="space-y-2">
      {text.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i} className="whitespace-pre-wrap">
          {paragraph}
        </p>
      ))}
    </div>
  );
}

type Decision = ImportAcceptedAs | "DISCARD";

/**
 * The review of one upload: what was read (metadata, the six sections with the three tables as
 * editable cells), what has no place or was printed differently, the import's problems and the
 * rule findings of the report as it would be imported — re-checked in the browser as cells are
 * corrected, with the same rules as the server. The buttons accept it as this year's draft or as
 * an earlier year's published report (each only where it applies) or discard it; the server
 * checks everything again and opens the report.
 */
export function ImportReviewScreen({ review, source }: { review: ImportReviewData; source: ReactNode }) {
  const [corrections, setCorrections] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ message: string; reportId?: string } | null>(null);
  const [pendingDecision, setPendingDecision] = useState<Decision | null>(null);
  const [pending, startTransition] = useTransition();
  const pendingUpload = review.status === "PENDING";

  const target = useMemo(() => ({ agency: review.agency.name, year: review.year, contact: review.agencyContact, as: "HISTORICAL" as const }), [review]);
  const base = useMemo(() => acceptedContent(review.imported, target), [review.imported, target]);
  const current = useMemo(() => acceptedContent(review.imported, target, corrections), [review.imported, target, corrections]);
  const previous = useMemo(() => (review.previousContent ? prepareReport(review.previousContent) : null), [review.previousContent]);
  const prepared = current.ok ? current.report : base.ok ? base.report : null;
  const findings = useMemo(
    () => (prepared ? checkReport(prepared, { ...(review.ruleLevels && { ruleLevels: review.ruleLevels }), ...(previous?.ok && { previous: previous.report }) }) : []),
    [prepared, previous, review.ruleLevels],
  );
  const flagged = useMemo(() => new Set(findings.flatMap((f) => f.cells.map(cellKey))), [findings]);
  const cells = useMemo(() => (prepared ? templateCells(prepared.template) : new Map()), [prepared]);

  const original = (key: string) => cellInputText(base.ok ? base.report.cells.get(key)?.raw : undefined);
  function onCellChange(key: string, value: string) {
    setCorrections((previousCorrections) => {
      const next = { ...previousCorrections };
      if (value === original(key)) delete next[key];
      else next[key] = value;
      return next;
    });
  }
  const correctionCount = Object.keys(corrections).length;

  function decide(decision: Decision) {
    setFailure(null);
    setPendingDecision(decision);
    startTransition(async () => {
      try {
        // Success redirects to the report (or, when discarding, to the start page).
        const result =
          decision === "DISCARD"
            ? await discardImportAction({ importId: review.id })
            : await acceptImportAction({ importId: review.id, as: decision, corrections });
        if (result && !result.ok) {
          setFailure({ message: result.message, reportId: typeof result.details?.reportId === "string" ? result.details.reportId : undefined });
        }
      } catch {
        setFailure({ message: "无法连接服务器，没有完成操作。请检查网络后重试。" });
      } finally {
        setPendingDecision(null);
      }
    });
  }

  const { imported } = review;
  const sections = review.imported.sections ?? {};
  const renderSection = (section: SectionDef) => {
    const heading = sectionHeading(section);
    const content = section.content;
    let body: ReactNode;
    if (content.kind === "topics") {
      const items = sections.overview ?? [];
      body = items.length ? (
        <ol className="space-y-3">
          {items.map((item, i) => (
            <li key={i} className="space-y-1">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <p className="font-semibold">{item.title ?? "（无小标题）"}</p>
                <Place place={review.provenance[`sections.overview.${i}`]} />
              </div>
              <Paragraphs text={item.text} />
            </li>
          ))}
        </ol>
      ) : (
        <Paragraphs text={undefined} />
      );
    } else if (content.kind === "text") {
      body = (
        <div className="space-y-1">
          <Place place={review.provenance[`sections.${content.key}`]} />
          <Paragraphs text={sections[content.key]} />
        </div>
      );
    } else {
      const note = sections[content.noteKey];
      const table = prepared ? buildTable(prepared, prepared.template.tables[content.table]) : null;
      body = (
        <div className="space-y-3">
          {note?.trim() && (
            <div className="space-y-1">
              <Place place={review.provenance[`sections.${content.noteKey}`]} />
              <Paragraphs text={note} />
            </div>
          )}
          {table ? (
            <CorrectionTable table={table} cells={cells} original={original} corrections={corrections} onChange={onCellChange} flagged={flagged} disabled={!pendingUpload} />
          ) : (
            <p className="text-muted-foreground">表格无法显示。</p>
          )}
        </div>
      );
    }
    return (
      <section key={section.id} aria-labelledby={`import-section-${section.id}`} className="space-y-2 border-t border-border pt-4">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          <h3 id={`import-section-${section.id}`} className="text-lg font-semibold">
            {heading}
          </h3>
          <Place place={review.provenance[`stated.headings.${(imported.stated?.headings ?? []).findIndex((h) => h.includes(section.title))}`]} label="标题位置" />
        </div>
        {body}
      </section>
    );
  };

  const yearDiffers = imported.year !== undefined && imported.year !== review.year;
  const agencyDiffers = imported.agency !== undefined && imported.agency !== review.agency.name;

  return (
    <div className="space-y-6">
      {!pendingUpload && (
        <Alert variant={review.status === "ACCEPTED" ? "success" : "info"} data-testid="import-status">
          <AlertTitle variant={review.status === "ACCEPTED" ? "success" : "info"}>
            {IMPORT_STATUS_LABELS[review.status]}
            {review.acceptedAs && `（${IMPORT_ACCEPTED_AS_LABELS[review.acceptedAs]}）`}
          </AlertTitle>
          <p>
            {review.decidedBy ?? "—"}
            {review.decidedAt && ` 于 ${formatDateTime(review.decidedAt)}`}
            {review.status === "ACCEPTED" ? "导入了该文件。" : "放弃了该文件，没有导入任何内容。"}
            {review.reportId && (
              <Link href={`/workspace/reports/${encodeURIComponent(review.reportId)}/preview`} className="ml-2 font-medium underline underline-offset-4">
                打开报告
              </Link>
            )}
          </p>
        </Alert>
      )}
      {pendingUpload && review.existingReportId && (
        <Alert variant="warning" data-testid="import-existing-report">
          {review.agency.name} {review.year} 年度报告已经存在，不能再导入。
          <Link href={`/workspace/reports/${encodeURIComponent(review.existingReportId)}/preview`} className="ml-2 font-medium underline underline-offset-4">
            打开已有的报告
          </Link>
        </Alert>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] lg:items-start">
        <div className="min-w-0 lg:sticky lg:top-4">{source}</div>

        <div className="min-w-0 space-y-6">
          <section aria-labelledby="import-meta-title" className="space-y-3 rounded-md border border-border bg-surface px-4 py-4" data-testid="import-metadata">
            <h2 id="import-meta-title" className="text-xl font-semibold">
              解析结果
            </h2>
            <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_minmax(0,1fr)]">
              <dt className="text-muted-foreground">标题</dt>
              <dd className="flex flex-wrap items-baseline gap-x-3">
                <span>{imported.stated?.title ?? "（未读出标题）"}</span>
                <Place place={review.provenance["stated.title"]} />
              </dd>
              <dt className="text-muted-foreground">机关</dt>
              <dd className="space-y-1">
                <p className="flex flex-wrap items-baseline gap-x-3">
                  <span>{imported.agency ?? "（未读出机关名称）"}</span>
                  <Place place={review.provenance.agency} />
                </p>
                {agencyDiffers && <p className="text-sm text-warning">导入后按所选机关「{review.agency.name}」保存。</p>}
              </dd>
              <dt className="text-muted-foreground">年度</dt>
              <dd className="space-y-1">
                <p className="flex flex-wrap items-baseline gap-x-3">
                  <span>{imported.year !== undefined ? `${imported.year} 年度` : "（未读出报告年度）"}</span>
                  <Place place={review.provenance.year} />
                </p>
                {yearDiffers && (
                  <p className="text-sm font-medium text-warning" data-testid="import-year-mismatch">
                    文件中的年度与上传时所选的 {review.year} 年度不一致；导入后按 {review.year} 年度保存。请确认选择的年度正确。
                  </p>
                )}
              </dd>
              <dt className="text-muted-foreground">格式版本</dt>
              <dd>{prepared ? formatLabel(prepared.format) : imported.format ? formatLabel(imported.format) : "—"}格式</dd>
              {imported.date && (
                <>
                  <dt className="text-muted-foreground">报告日期</dt>
                  <dd>{imported.date}</dd>
                </>
              )}
              <dt className="text-muted-foreground">文件</dt>
              <dd className="break-all">
                {review.filename}（{review.kindName}
                {review.encoding ? `，${review.encoding}` : ""}）· {review.createdBy} 上传于 {formatDateTime(review.createdAt)}
              </dd>
            </dl>
          </section>

          {review.problems.length > 0 && (
            <section aria-labelledby="import-problems-title" className="space-y-2" data-testid="import-problems">
              <h2 id="import-problems-title" className="text-xl font-semibold">
                导入问题（{review.problems.length}）
              </h2>
              <ul className="space-y-2">
                {review.problems.map((problem, i) => (
                  <li key={`${problem.code}-${i}`} className="rounded-md border border-border bg-surface px-4 py-2">
                    <p>{problem.message}</p>
                    <p className="flex flex-wrap gap-x-3 text-sm text-muted-foreground">
                      <code className="font-mono">{problem.code}</code>
                      {problem.location && <Place place={{ location: problem.location, anchor: problem.anchor }} />}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section aria-labelledby="import-content-title" className="space-y-4">
            <div className="space-y-1">
              <h2 id="import-content-title" className="text-xl font-semibold">
                报告内容
              </h2>
              <p className="text-sm text-muted-foreground">
                表格中的数值可以直接修改，改过的单元格以蓝框标出，导入时一并保存（空白表示未填写）。标红的单元格在下方检查结果中有错误或警告。
              </p>
              {correctionCount > 0 && (
                <p className="text-sm font-medium text-primary" aria-live="polite" data-testid="import-correction-count">
                  已更正 {correctionCount} 个单元格。
                </p>
              )}
              {!current.ok && (
                <Alert variant="danger" role="alert">
                  {current.message}
                </Alert>
              )}
            </div>
            {prepared ? prepared.template.sections.map(renderSection) : <Alert variant="danger">{base.ok ? "" : base.message}</Alert>}
          </section>

          <section aria-labelledby="import-deviations-title" className="space-y-2" data-testid="import-deviations">
            <h2 id="import-deviations-title" className="text-xl font-semibold">
              与官方格式写法不同的标签和标题（{review.deviations.length}）
            </h2>
            {review.deviations.length === 0 ? (
              <p className="text-muted-foreground">所有标签和标题都与官方格式一致。</p>
            ) : (
              <ul className="space-y-2">
                {review.deviations.map((d, i) => (
                  <li key={i} className="rounded-md border border-l-4 border-border border-l-[#b9cdea] bg-surface px-4 py-2">
                    <p className="flex flex-wrap items-baseline gap-x-3">
                      <span className="font-medium">{d.whereLabel}</span>
                      <Badge variant="info">{d.kindLabel}</Badge>
                      <Place place={d} />
                    </p>
                    <p className="mt-1">
                      原文：「{d.published}」
                      <span className="mx-2 text-muted-foreground" aria-hidden="true">
                        →
                      </span>
                      <span className="sr-only">，</span>
                      官方：{d.official === null ? "（官方格式没有这一部分）" : `「${d.official}」`}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="import-unplaced-title" className="space-y-2" data-testid="import-unplaced">
            <h2 id="import-unplaced-title" className="text-xl font-semibold">
              无法对应的内容（{review.unplaced.length}）
            </h2>
            {review.unplaced.length === 0 ? (
              <p className="text-muted-foreground">文中的内容都已对应到报告中。</p>
            ) : (
              <>
                <p className="text-sm text-muted-foreground">这些内容在报告格式中没有对应的位置，导入后不会保存；如有需要，请导入后在报告中补充。</p>
                <ul className="space-y-2">
                  {review.unplaced.map((item, i) => (
                    <li key={i} className="rounded-md border border-l-4 border-border border-l-[#f3d19c] bg-warning-soft/40 px-4 py-2">
                      <p className="flex flex-wrap items-baseline gap-x-3">
                        <Badge variant="warning">{item.reasonLabel}</Badge>
                        {item.whereLabel && <span className="text-sm text-muted-foreground">{item.whereLabel}</span>}
                        <Place place={item} />
                      </p>
                      <p className="mt-1 break-words whitespace-pre-wrap">{item.text || "（空白）"}</p>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <div data-testid="import-findings">
            <FindingsSummary findings={findings} comparedWith={previous?.ok ? review.previousLabel : null} headingId="import-findings-title" />
            <p className="mt-2 text-sm text-muted-foreground">检查的是按原文导入的报告（含原文的标题和标签写法）；作为本年度草稿导入时，报告改按官方格式排版，不再检查原文的写法。</p>
          </div>

          {pendingUpload && (
            <section aria-labelledby="import-decision-title" className="space-y-3 rounded-md border border-border bg-surface px-4 py-4">
              <h2 id="import-decision-title" className="text-xl font-semibold">
                导入
              </h2>
              <ul className="list-disc space-y-1 pl-5 text-sm text-muted-foreground">
                <li>作为本年度草稿：新建 {review.agency.name} {review.year} 年度报告（草稿），之后可以继续填报并提交审核。</li>
                {review.options.HISTORICAL.allowed ? (
                  <li>作为往年已发布报告：按已发布保存，用于下一年度的上年结转和跨年对比，并在公开页面展示。</li>
                ) : (
                  review.options.HISTORICAL.reason && !review.existingReportId && <li>{review.options.HISTORICAL.reason}</li>
                )}
              </ul>
              <div aria-live="polite">
                {failure && (
                  <Alert variant="danger" role="alert" data-testid="import-decision-error">
                    {failure.message}
                    {failure.reportId && (
                      <Link href={`/workspace/reports/${encodeURIComponent(failure.reportId)}/preview`} className="ml-2 font-medium underline underline-offset-4">
                        打开已有的报告
                      </Link>
                    )}
                  </Alert>
                )}
              </div>
              <div className="flex flex-wrap gap-3">
                <Button size="lg" onClick={() => decide("DRAFT")} disabled={pending || !review.options.DRAFT.allowed} data-testid="import-accept-draft">
                  {pendingDecision === "DRAFT" ? "正在导入…" : "作为本年度草稿导入"}
                </Button>
                {review.options.HISTORICAL.allowed && (
                  <Button size="lg" variant="secondary" onClick={() => decide("HISTORICAL")} disabled={pending} data-testid="import-accept-historical">
                    {pendingDecision === "HISTORICAL" ? "正在导入…" : "作为往年已发布报告导入"}
                  </Button>
                )}
                <Button size="lg" variant="outline" onClick={() => decide("DISCARD")} disabled={pending} data-testid="import-discard">
                  {pendingDecision === "DISCARD" ? "正在放弃…" : "放弃"}
                </Button>
              </div>
              {!review.options.DRAFT.allowed && review.options.DRAFT.reason && <p className="text-sm text-muted-foreground">{review.options.DRAFT.reason}</p>}
            </section>
          )}
          {!pendingUpload && (
            <Link href="/workspace/import" className={buttonClassName({ variant: "outline" })}>
              返回导入页面
            </Link>
          )}
        </div>
      </div>
    </div>
  );
}
