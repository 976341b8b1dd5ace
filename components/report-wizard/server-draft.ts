import type { TReportInput } from "@/lib/report/schema";

/**
 * The draft as the server had it when the wizard opened: what a local backup is compared with
 * and merged into (WizardShell passes it to WizardDialogs and RestoreDialog).
 */
export interface ServerDraft {
  version: number;
  content: TReportInput;
  updatedAt: string;
  updatedBy: string | null;
}
