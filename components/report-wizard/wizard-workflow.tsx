"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { indexThreads, type CommentIndex } from "@/lib/comments/comment-places";
import type { CommentThreadView } from "@/lib/comments/comment-views";
import type { ReportTemplate } from "@/lib/template/types";
import type { ReportStatus } from "@/lib/workflow/report-status";

/** The workflow side of the wizard as the server hands it over (lib/server/reports/load-editor-workflow.ts). */
export interface WizardWorkflowData {
  isEditor: boolean;
  /** The viewer's report list's name (lib/auth/roles.ts reportsLabel), for the breadcrumb. */
  reportsLabel: string;
  canComment: boolean;
  canReview: boolean;
  returned: { reason: string; by: string | null; atText: string } | null;
  /** The 提交理由 of the last submission, offered again when the editor resubmits. */
  lastWarningNote: string | null;
  published: { revision: number; publishedText: string; path: string } | null;
  threads: CommentThreadView[];
}

export interface WizardWorkflowValue extends Omit<WizardWorkflowData, "threads"> {
  reportId: string;
  status: ReportStatus;
  threads: CommentThreadView[];
  /** The threads sorted into wizard places (cells, sections, narrative fields). */
  comments: CommentIndex;
  /** Shows the threads a comment action answered with (no page reload). */
  setThreads: (threads: CommentThreadView[]) => void;
}

const WizardWorkflowContext = createContext<WizardWorkflowValue | null>(null);

/**
 * Status, return reason, publication and comment threads: kept apart from the form's context so
 * a reply or resolve re-renders only what shows comments, never the form or the table cells.
 */
export function WizardWorkflowProvider({
  reportId,
  status,
  template,
  data,
  children,
}: {
  reportId: string;
  status: ReportStatus;
  template: ReportTemplate;
  data: WizardWorkflowData;
  children: ReactNode;
}) {
  const [threads, setThreads] = useState(data.threads);
  // A server refresh brings new threads: they replace what the last action answered.
  const [source, setSource] = useState(data.threads);
  if (source !== data.threads) {
    setSource(data.threads);
    setThreads(data.threads);
  }
  const comments = useMemo(() => indexThreads(template, threads), [template, threads]);
  const value = useMemo<WizardWorkflowValue>(
    () => ({
      reportId,
      status,
      isEditor: data.isEditor,
      reportsLabel: data.reportsLabel,
      canComment: data.canComment,
      canReview: data.canReview,
      returned: data.returned,
      lastWarningNote: data.lastWarningNote,
      published: data.published,
      threads,
      comments,
      setThreads,
    }),
    [reportId, status, data.isEditor, data.reportsLabel, data.canComment, data.canReview, data.returned, data.lastWarningNote, data.published, threads, comments],
  );
  return <WizardWorkflowContext.Provider value={value}>{children}</WizardWorkflowContext.Provider>;
}

export function useWizardWorkflow(): WizardWorkflowValue {
  const value = useContext(WizardWorkflowContext);
  if (!value) throw new Error("useWizardWorkflow must be used inside WizardWorkflowProvider");
  return value;
}
