import type { ReportDocument } from "@/lib/document/types";
import { REPORT_CSS, renderHtmlFragment } from "@/lib/render/html/render-html";

export type ReportViewProps = {
  className?: string;
} & (
  | {
      document: ReportDocument;
      /** Prefix for the report's element ids when several reports share a page. */
      idPrefix?: string;
    }
  /** The fragment renderHtmlFragment already made (a published revision's, rendered once). */
  | { html: string }
);

/**
 * The report as the public will read it. Preview and export share one renderer
 * (renderHtmlFragment), so there is no second JSX walker to drift from the exported file; the
 * renderer escapes all report text, which is what makes the inner HTML safe.
 *
 * Interaction hooks for later (highlighting, review comments): every value cell and bound number
 * carries `data-ref="table.row.col"`, so a client wrapper can attach one delegated listener on
 * this container and read `event.target.closest("[data-ref]")` instead of touching the markup.
 *
 * No hooks and no "use client": it renders on the server as well as in client trees.
 */
export function ReportView(props: ReportViewProps) {
  const { className } = props;
  const html = "html" in props ? props.html : renderHtmlFragment(props.document, { idPrefix: props.idPrefix });
  return (
    <>
      {/* href + precedence let React 19 hoist the sheet into <head> and emit it once per page. */}
      <style href="gov-report-css" precedence="default">
        {REPORT_CSS}
      </style>
      <div
        className={className ? `report-view ${className}` : "report-view"}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </>
  );
}
