import { Alert } from "@/components/ui/alert";
import type { PublicationDateNote } from "@/lib/workflow/report-date";

/**
 * The publish confirmation's word on the report's 成文日期 (lib/workflow/report-date.ts): the date
 * that will be printed, or that none will be, and a warning when it is after the deadline.
 */
export function PublicationDateSummary({ note }: { note: PublicationDateNote }) {
  return (
    <div className="space-y-2" data-testid="publication-date">
      <p>{note.text}</p>
      {note.late && <Alert variant="warning">{note.late}</Alert>}
    </div>
  );
}
