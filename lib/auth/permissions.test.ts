import { describe, expect, it } from "vitest";
import { REPORT_STATUSES } from "../workflow/report-status";
import { canDeleteDraft, canEditReport, canReviewReport, draftDeletionBlock, hasPermission, isReportEditor, readOnlyReason, type Actor } from "./permissions";

const editor: Actor = { role: "EDITOR", agencyId: "police" };
const otherEditor: Actor = { role: "EDITOR", agencyId: "education" };
const reviewer: Actor = { role: "REVIEWER", agencyId: "city" };
const admin: Actor = { role: "ADMIN", agencyId: null };

describe("permission table", () => {
  it("gives each role its own work", () => {
    expect(hasPermission(editor, "report.edit")).toBe(true);
    expect(hasPermission(editor, "report.review")).toBe(false);
    expect(hasPermission(reviewer, "report.review")).toBe(true);
    expect(hasPermission(reviewer, "report.edit")).toBe(false);
    expect(hasPermission(admin, "admin.manage")).toBe(true);
    expect(hasPermission(admin, "report.review")).toBe(false);
    expect(hasPermission(admin, "report.edit")).toBe(false);
    for (const actor of [editor, reviewer, admin]) expect(hasPermission(actor, "self")).toBe(true);
  });
});

describe("canEditReport", () => {
  it("lets only the agency's editor change a draft or returned report", () => {
    for (const status of REPORT_STATUSES) {
      const report = { agencyId: "police", status };
      expect(canEditReport(editor, report), status).toBe(status === "DRAFT" || status === "RETURNED");
      expect(canEditReport(otherEditor, report)).toBe(false);
      expect(canEditReport(reviewer, report)).toBe(false);
      expect(canEditReport(admin, report)).toBe(false);
    }
  });

  it("an editor without an agency edits nothing", () => {
    expect(isReportEditor({ role: "EDITOR", agencyId: null }, { agencyId: "police" })).toBe(false);
  });

  it("says why a report is read-only", () => {
    expect(readOnlyReason(editor, { agencyId: "police", status: "DRAFT" })).toBeNull();
    expect(readOnlyReason(editor, { agencyId: "police", status: "SUBMITTED" })).toBe("status");
    expect(readOnlyReason(reviewer, { agencyId: "police", status: "DRAFT" })).toBe("role");
    expect(readOnlyReason(otherEditor, { agencyId: "police", status: "DRAFT" })).toBe("role");
  });
});

describe("canReviewReport", () => {
  it("lets reviewers decide submitted and approved reports only", () => {
    expect(REPORT_STATUSES.filter((status) => canReviewReport(reviewer, { status }))).toEqual(["SUBMITTED", "APPROVED"]);
    expect(REPORT_STATUSES.filter((status) => canReviewReport(editor, { status }))).toEqual([]);
    expect(REPORT_STATUSES.filter((status) => canReviewReport(admin, { status }))).toEqual([]);
  });
});

describe("canDeleteDraft", () => {
  const draft = { agencyId: "police", status: "DRAFT" as const, everSubmitted: false, imported: false };

  it("lets only the agency's editor delete a draft that was never submitted", () => {
    expect(canDeleteDraft(editor, draft)).toBe(true);
    for (const actor of [otherEditor, reviewer, admin, { role: "EDITOR", agencyId: null } satisfies Actor]) {
      expect(draftDeletionBlock(actor, draft)).toBe("role");
    }
  });

  it("keeps every report that was ever submitted, whatever its status now, and imported drafts", () => {
    for (const status of REPORT_STATUSES) {
      expect(draftDeletionBlock(editor, { ...draft, status, everSubmitted: true }), status).toBe("submitted");
      expect(draftDeletionBlock(editor, { ...draft, status }), status).toBe(status === "DRAFT" ? null : "status");
    }
    expect(draftDeletionBlock(editor, { ...draft, imported: true })).toBe("imported");
  });
});
