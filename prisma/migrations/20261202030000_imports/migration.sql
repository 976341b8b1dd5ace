-- Published reports uploaded for import (issue 9): the file as uploaded and the importer's
-- outcome, kept for review and, once accepted, as the source of the report it became.
CREATE TYPE "ImportStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DISCARDED');
CREATE TYPE "ImportAcceptedAs" AS ENUM ('DRAFT', 'HISTORICAL');

CREATE TABLE "ImportedSource" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "filename" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "encoding" TEXT,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "outcome" JSONB NOT NULL,
    "document" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "ImportStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "acceptedAs" "ImportAcceptedAs",
    "discardedAt" TIMESTAMP(3),
    "reportId" TEXT,
    CONSTRAINT "ImportedSource_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ImportedSource_sourceKind_check" CHECK ("sourceKind" IN ('text', 'html', 'docx', 'doc', 'pdf')),
    CONSTRAINT "ImportedSource_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
    -- The decision's fields go with its status: none while pending, the report once accepted.
    CONSTRAINT "ImportedSource_decision_check" CHECK (
        ("status" = 'PENDING' AND "decidedById" IS NULL AND "acceptedAt" IS NULL AND "acceptedAs" IS NULL AND "discardedAt" IS NULL AND "reportId" IS NULL)
        OR ("status" = 'ACCEPTED' AND "decidedById" IS NOT NULL AND "acceptedAt" IS NOT NULL AND "acceptedAs" IS NOT NULL AND "reportId" IS NOT NULL AND "discardedAt" IS NULL)
        OR ("status" = 'DISCARDED' AND "decidedById" IS NOT NULL AND "discardedAt" IS NOT NULL AND "acceptedAt" IS NULL AND "acceptedAs" IS NULL AND "reportId" IS NULL)
    )
);
CREATE UNIQUE INDEX "ImportedSource_reportId_key" ON "ImportedSource"("reportId");
CREATE INDEX "ImportedSource_agencyId_year_idx" ON "ImportedSource"("agencyId", "year");
CREATE INDEX "ImportedSource_status_agencyId_idx" ON "ImportedSource"("status", "agencyId");
ALTER TABLE "ImportedSource" ADD CONSTRAINT "ImportedSource_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ImportedSource" ADD CONSTRAINT "ImportedSource_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ImportedSource" ADD CONSTRAINT "ImportedSource_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ImportedSource" ADD CONSTRAINT "ImportedSource_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- An upload never changes and is never deleted; the only update is its decision, once, from
-- PENDING (the application's UPDATE also names the status, so a lost race changes no row).
CREATE FUNCTION "gov_report_import_decision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ImportedSource rows are never deleted';
  END IF;
  IF OLD."status" <> 'PENDING' THEN
    RAISE EXCEPTION 'ImportedSource % was already %', OLD."id", OLD."status";
  END IF;
  IF NEW."id" IS DISTINCT FROM OLD."id" OR NEW."agencyId" IS DISTINCT FROM OLD."agencyId" OR NEW."year" IS DISTINCT FROM OLD."year"
     OR NEW."filename" IS DISTINCT FROM OLD."filename" OR NEW."sourceKind" IS DISTINCT FROM OLD."sourceKind"
     OR NEW."encoding" IS DISTINCT FROM OLD."encoding" OR NEW."bytes" IS DISTINCT FROM OLD."bytes" OR NEW."sha256" IS DISTINCT FROM OLD."sha256"
     OR NEW."outcome" IS DISTINCT FROM OLD."outcome" OR NEW."document" IS DISTINCT FROM OLD."document"
     OR NEW."createdById" IS DISTINCT FROM OLD."createdById" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    RAISE EXCEPTION 'ImportedSource % may only change its decision', OLD."id";
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "ImportedSource_decision_only" BEFORE UPDATE OR DELETE ON "ImportedSource" FOR EACH ROW EXECUTE FUNCTION "gov_report_import_decision"();
