"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { createReportAction, type CreateReportState } from "@/lib/server/reports/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

export interface NewReportFormProps {
  /** Years offered, newest first. */
  years: number[];
  defaultYear: number;
  /** Years this agency already has a report for, to mark them in the list. */
  existingYears: number[];
}

export function NewReportForm({ years, defaultYear, existingYears }: NewReportFormProps) {
  const [state, formAction, pending] = useActionState<CreateReportState, FormData>((_previous, data) => createReportAction(data), null);
  // Controlled: React resets an uncontrolled form after its action, which would show another
  // year next to the message about the one just chosen.
  const [year, setYear] = useState(String(defaultYear));
  const existingId = state && !state.ok && typeof state.details?.reportId === "string" ? state.details.reportId : null;

  return (
    <form action={formAction} className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56 space-y-1.5">
          <Label htmlFor="new-report-year">报告年度</Label>
          <Select id="new-report-year" name="year" value={year} onChange={(event) => setYear(event.target.value)}>
            {years.map((option) => (
              <option key={option} value={option}>
                {option} 年度{existingYears.includes(option) ? "（已有报告）" : ""}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "正在新建…" : "新建年度报告"}
        </Button>
      </div>
      {state && !state.ok && (
        <Alert variant="danger" role="alert">
          {state.message}
          {existingId && (
            <>
              {" "}
              <Link href={`/workspace/reports/${existingId}/preview`} className="font-medium underline underline-offset-4">
                打开已有的报告
              </Link>
            </>
          )}
        </Alert>
      )}
    </form>
  );
}
