import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/utils/format-date-time";

/** Days at or below which the statutory deadline is shown as urgent. */
export const URGENT_DAYS = 7;

/** 剩 N 天 / 今天截止 / 已逾期 N 天, as a clerk reads it. */
export function deadlineText(daysLeft: number): string {
  if (daysLeft < 0) return `已逾期 ${-daysLeft} 天`;
  if (daysLeft === 0) return "今天截止";
  return `剩 ${daysLeft} 天`;
}

/**
 * Days left to the statutory publication deadline (条例第四十九条). Urgent ones (≤ 7 days or
 * overdue) are red and say 紧急 or 逾期 in words, so colour is never the only cue.
 */
export function DeadlineBadge({ daysLeft, deadline, rule }: { daysLeft: number; deadline?: Date; rule?: string }) {
  const urgent = daysLeft <= URGENT_DAYS;
  // The rule (lib/workflow/deadline.ts deadlineRule) says why this date: the agency's kind.
  const date = deadline ? `（${formatDate(deadline)}${rule ? `，${rule}` : ""}）` : "";
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1">
      <Badge variant={urgent ? "danger" : "neutral"}>
        {urgent && <span className="mr-1 font-semibold">{daysLeft < 0 ? "逾期" : "紧急"}</span>}
        {deadlineText(daysLeft)}
      </Badge>
      {date && <span className="text-sm text-muted-foreground">{date}</span>}
    </span>
  );
}
