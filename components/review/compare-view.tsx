import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { ParagraphChange } from "@/lib/review/diff-reports";
import type { CompareMode, ReviewComparison } from "@/lib/server/review/load-review";
import { anchorKey } from "@/lib/comments/anchors";
import { CELL_CHANGE_LABELS, labelCellChanges } from "./cell-rows";
import { diffInline, type Segment } from "./inline-diff";

export interface CompareViewProps {
  comparison: ReviewComparison;
  /** What the right side is, e.g. 第 2 版 (the version under review). */
  afterTitle: string;
  /** The review page's URL without query, for the toggle links and 在正文中查看. */
  baseHref: string;
}

const MODE_LABELS: Record<CompareMode, string> = {
  version: "与上一次提交的版本对比",
  published: "与已公开的版本对比",
  lastYear: "与上一年度已发布的报告对比",
};

const UNAVAILABLE: Record<CompareMode, string> = {
  version: "本报告只提交过一次，没有上一次提交的版本。",
  published: "本报告没有已发布、又在更正中的版本。",
  lastYear: "本机关没有已发布的上一年度报告。",
};

/** Deleted text: struck through on a red tint; inserted text: underlined on a green tint (never colour alone). */
const DEL = "rounded-sm bg-[#fde8e8] px-0.5 text-[#8a1c12] line-through decoration-2";
const INS = "rounded-sm bg-[#e3f6e8] px-0.5 text-[#14532d] underline decoration-2 underline-offset-4";

function Marked({ segments, as }: { segments: Segment[]; as: "del" | "ins" }) {
  return (
    <>
      {segments.map((s, i) => {
        if (!s.changed) return <span key={i}>{s.text}</span>;
        return as === "del" ? (
          <del key={i} className={DEL}>
            {s.text}
          </del>
        ) : (
          <ins key={i} className={INS}>
            {s.text}
          </ins>
        );
      })}
    </>
  );
}

const KIND_LABELS: Record<ParagraphChange["kind"], string> = { same: "未改", added: "新增", removed: "删除", changed: "修改" };

function ParagraphRow({ change }: { change: ParagraphChange }) {
  let before: ReactNode;
  let after: ReactNode;
  if (change.kind === "same") {
    before = after = <span className="text-muted-foreground">{change.text}</span>;
  } else if (change.kind === "added") {
    before = <span className="text-muted-foreground">（无）</span>;
    after = <ins className={INS}>{change.text}</ins>;
  } else if (change.kind === "removed") {
    before = <del className={DEL}>{change.text}</del>;
    after = <span className="text-muted-foreground">（已删除）</span>;
  } else {
    const inline = diffInline(change.before, change.after);
    before = <Marked segments={inline.before} as="del" />;
    after = <Marked segments={inline.after} as="ins" />;
  }
  return (
    <tr className={change.kind === "same" ? "" : "bg-surface"}>
      <th scope="row" className="w-16 px-3 py-2 text-left align-top text-sm font-medium whitespace-nowrap">
        {KIND_LABELS[change.kind]}
      </th>
      <td className="px-3 py-2 align-top leading-relaxed break-words">{before}</td>
      <td className="px-3 py-2 align-top leading-relaxed break-words">{after}</td>
    </tr>
  );
}

/**
 * The comparison of the version under review with the previous submission or last year's
 * published report: numbers cell by cell, then the narrative paragraph by paragraph, side by side.
 * Rendered on the server; the toggle is two links (works without JavaScript).
 */
export function CompareView({ comparison, afterTitle, baseHref }: CompareViewProps) {
  const { mode, available, unavailableRequest, before, diff, error } = comparison;
  const beforeTitle = before?.title ?? "";
  const tables = diff ? labelCellChanges(diff.cells) : [];
  const parts = diff ? diff.text.filter((p) => p.changes.some((c) => c.kind !== "same")) : [];

  return (
    <section aria-labelledby="compare-title" className="space-y-6">
      <h2 id="compare-title" className="text-xl font-semibold">
        修改对比
      </h2>
      <nav aria-label="对比对象">
        <ul className="flex flex-wrap gap-2">
          {(Object.keys(MODE_LABELS) as CompareMode[]).map((m) => (
            <li key={m}>
              {available[m] ? (
                <Link
                  href={`${baseHref}?tab=diff&compare=${m}`}
                  aria-current={mode === m ? "page" : undefined}
                  className={`inline-flex min-h-10 items-center rounded-md border px-4 text-base no-underline ${
                    mode === m ? "border-primary bg-primary text-primary-foreground" : "border-input bg-surface text-foreground hover:bg-muted"
                  }`}
                >
                  {MODE_LABELS[m]}
                </Link>
              ) : (
                <span className="inline-flex min-h-10 items-center rounded-md border border-dashed border-border px-4 text-base text-muted-foreground">
                  {MODE_LABELS[m]}（没有可对比的报告）
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>

      {unavailableRequest && mode && (
        <Alert variant="info">
          {UNAVAILABLE[unavailableRequest]}下面改为{MODE_LABELS[mode]}。
        </Alert>
      )}
      {!mode && (
        <Alert variant="info">
          {UNAVAILABLE.version}
          {UNAVAILABLE.lastYear}没有可以对比的内容。
        </Alert>
      )}
      {error && <Alert variant="danger">{error}</Alert>}

      {diff && (
        <>
          <div className="space-y-2 text-base">
            <p>
              左侧为<strong>{beforeTitle}</strong>，右侧为<strong>{afterTitle}</strong>。共 {diff.cells.length} 个单元格、{diff.changedParagraphs}{" "}
              段文字有变化。
            </p>
            {mode === "lastYear" && <p className="text-muted-foreground">不同年度的数字本来就会不同，此对比用于发现漏改的文字（如年份、沿用的表述）和异常变化。</p>}
            {diff.unmatchedCells > 0 && (
              <p className="text-muted-foreground">两份报告使用不同的格式，有 {diff.unmatchedCells} 个单元格在另一份报告中没有对应项，未列出。</p>
            )}
            <p className="text-muted-foreground">
              图例：
              <del className={DEL}>删除的内容</del>（删除线）、<ins className={INS}>新增的内容</ins>（下划线）。
            </p>
          </div>

          <section aria-labelledby="compare-cells-title" className="space-y-3">
            <h3 id="compare-cells-title" className="text-lg font-semibold">
              表格数字
            </h3>
            {tables.length === 0 ? (
              <p className="text-muted-foreground">表格中的数字没有变化。</p>
            ) : (
              tables.map((table) => (
                <details key={table.table} open className="rounded-md border border-border bg-surface">
                  <summary className="cursor-pointer px-4 py-3 text-base font-semibold">
                    {table.name}：{table.rows.length} 个单元格有变化
                  </summary>
                  <div className="relative overflow-x-auto border-t border-border">
                    {/* Fixed columns: every table of the comparison lines up the same way. */}
                    <table className="w-full min-w-[44rem] table-fixed border-collapse text-left text-base">
                      <caption className="sr-only">{`${table.name}有变化的单元格：${beforeTitle} 与 ${afterTitle}`}</caption>
                      <colgroup>
                        <col className="w-[32%]" />
                        <col className="w-[24%]" />
                        <col className="w-[12%]" />
                        <col className="w-[12%]" />
                        <col className="w-[8%]" />
                        <col />
                      </colgroup>
                      <thead className="bg-muted">
                        <tr>
                          <th scope="col" className="px-3 py-2 text-sm font-semibold">
                            行
                          </th>
                          <th scope="col" className="px-3 py-2 text-sm font-semibold">
                            列
                          </th>
                          <th scope="col" className="px-3 py-2 text-right text-sm font-semibold">
                            {beforeTitle}
                          </th>
                          <th scope="col" className="px-3 py-2 text-right text-sm font-semibold">
                            {afterTitle}
                          </th>
                          <th scope="col" className="px-3 py-2 text-right text-sm font-semibold">
                            变化
                          </th>
                          <th scope="col" className="px-3 py-2 text-sm font-semibold">
                            <span className="sr-only">操作</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-border">
                        {table.rows.map((row) => (
                          <tr key={row.key}>
                            <th scope="row" className="px-3 py-2 text-left align-top font-normal">
                              {row.row}
                            </th>
                            <td className="px-3 py-2 align-top">{row.col}</td>
                            <td className="px-3 py-2 text-right align-top tabular-nums">
                              {row.before === "" ? <span className="text-muted-foreground">（空）</span> : <del className={DEL}>{row.before}</del>}
                            </td>
                            <td className="px-3 py-2 text-right align-top tabular-nums">
                              {row.after === "" ? <span className="text-muted-foreground">（空）</span> : <ins className={INS}>{row.after}</ins>}
                            </td>
                            <td className="px-3 py-2 text-right align-top whitespace-nowrap tabular-nums">
                              {row.delta ?? CELL_CHANGE_LABELS[row.kind]}
                            </td>
                            <td className="px-3 py-2 align-top whitespace-nowrap">
                              <Link href={`${baseHref}?tab=report#at=${encodeURIComponent(anchorKey("CELL", row.key))}`} className="underline underline-offset-4">
                                在正文中查看<span className="sr-only">{`：${row.row} ${row.col}`}</span>
                              </Link>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              ))
            )}
          </section>

          <section aria-labelledby="compare-text-title" className="space-y-3">
            <h3 id="compare-text-title" className="text-lg font-semibold">
              文字
            </h3>
            {parts.length === 0 ? (
              <p className="text-muted-foreground">文字没有变化。</p>
            ) : (
              <>
                {parts.map((part) => (
                  <details key={part.part} open className="rounded-md border border-border bg-surface">
                    <summary className="cursor-pointer px-4 py-3 text-base font-semibold">
                      {part.part}：{part.changes.filter((c) => c.kind !== "same").length} 段有变化
                    </summary>
                    <div className="relative overflow-x-auto border-t border-border">
                      <table className="w-full table-fixed border-collapse text-left text-base">
                        <caption className="sr-only">{`${part.part}逐段对比：${beforeTitle} 与 ${afterTitle}`}</caption>
                        <colgroup>
                          <col className="w-16" />
                          <col />
                          <col />
                        </colgroup>
                        <thead className="bg-muted">
                          <tr>
                            <th scope="col" className="px-3 py-2 text-sm font-semibold">
                              变化
                            </th>
                            <th scope="col" className="px-3 py-2 text-sm font-semibold">
                              {beforeTitle}
                            </th>
                            <th scope="col" className="px-3 py-2 text-sm font-semibold">
                              {afterTitle}
                            </th>
                          </tr>
                        </thead>
                        <tbody className="divide-y divide-border">
                          {part.changes.map((change, i) => (
                            <ParagraphRow key={i} change={change} />
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                ))}
                <p className="text-muted-foreground">没有列出的部分，文字没有变化。</p>
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}
