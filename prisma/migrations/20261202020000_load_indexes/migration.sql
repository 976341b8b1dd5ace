-- The review queue selects reports by status within a reviewer's agencies (lib/server/review/
-- review-queue.ts): with this index it reads only the reports in that status, e.g. the few
-- SUBMITTED ones among every year's reports of every agency, instead of scanning them all.
CREATE INDEX "Report_status_agencyId_idx" ON "Report"("status", "agencyId");
