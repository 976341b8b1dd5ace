-- Issue 14.1: a publication keeps the agency as it was when published, and a public link never
-- breaks. "Publication" gets the agency's name and slug at publication time, filled by a BEFORE
-- INSERT trigger from the report's agency (so every writer freezes them, in the same statement);
-- the rows already there get today's name and slug (the best record there is). "AgencySlugAlias"
-- keeps every slug an agency had before (lib/server/agencies/update-agency.ts writes it when the
-- slug changes): the public pages answer an old slug with a permanent redirect to the current one.
ALTER TABLE "Publication" ADD COLUMN "agencyName" TEXT, ADD COLUMN "agencySlug" TEXT;

ALTER TABLE "Publication" DISABLE TRIGGER "Publication_append_only";
UPDATE "Publication" p SET "agencyName" = a."name", "agencySlug" = a."slug"
  FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId" WHERE r."id" = p."reportId";
ALTER TABLE "Publication" ENABLE TRIGGER "Publication_append_only";

CREATE FUNCTION "gov_report_publication_agency"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT a."name", a."slug" INTO NEW."agencyName", NEW."agencySlug"
    FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId" WHERE r."id" = NEW."reportId";
  RETURN NEW;
END $$;
CREATE TRIGGER "Publication_agency" BEFORE INSERT ON "Publication" FOR EACH ROW EXECUTE FUNCTION "gov_report_publication_agency"();

CREATE TABLE "AgencySlugAlias" (
  "slug" TEXT NOT NULL,
  "agencyId" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AgencySlugAlias_pkey" PRIMARY KEY ("slug")
);
CREATE INDEX "AgencySlugAlias_agencyId_idx" ON "AgencySlugAlias"("agencyId");
ALTER TABLE "AgencySlugAlias" ADD CONSTRAINT "AgencySlugAlias_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;
