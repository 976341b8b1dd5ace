-- Reminders (催报, issue 10) are sent at most once a day per agency and year
-- (lib/server/oversight/remind.ts): the look-up of an agency's latest reminder for a year.
CREATE INDEX "Notification_agencyId_year_kind_createdAt_idx" ON "Notification"("agencyId", "year", "kind", "createdAt");
