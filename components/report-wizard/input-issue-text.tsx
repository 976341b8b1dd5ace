"use client";

import { describeInputIssue, translateIssueMessage } from "@/lib/report/describe-input-issue";
import type { InputIssue } from "@/lib/report/prepare-report";
import type { FormatVersion } from "@/lib/template/types";

/*
 * Input issues in Chinese (describe-input-issue.ts). Only a draft the schema refuses has any, so
 * the wizard loads this when one appears (next/dynamic in findings-panel and narrative-field).
 */

export function InputIssueItems({ issues, format }: { issues: InputIssue[]; format: FormatVersion }) {
  return issues.map((issue) => {
    const described = describeInputIssue(issue, format);
    return (
      <li key={issue.path}>
        {described.location ?? described.path}：{described.message}
      </li>
    );
  });
}

export function IssueMessage({ message, format }: { message: string; format: FormatVersion }) {
  return translateIssueMessage(message, format);
}
