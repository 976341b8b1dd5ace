-- An editor may delete a draft that was never submitted (lib/server/reports/delete-draft.ts); the
-- audit trail must outlive it whole. "AuditEvent"."reportId" becomes a plain column: with the
-- foreign key it could neither stay (RESTRICT refuses the delete) nor be set to NULL (the
-- append-only trigger refuses that UPDATE, rightly — and a NULL would cut the draft's earlier
-- rows off from the report they describe, since their details do not name it). Without it, the
-- rows keep the deleted report's id (ids are random UUIDs, never reused) and the trail's last
-- row, "report.delete", names the agency, year and format it had. Every writer takes the id from
-- a report it has just read or written; the (reportId, at) index stays for the look-ups.
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_reportId_fkey";
