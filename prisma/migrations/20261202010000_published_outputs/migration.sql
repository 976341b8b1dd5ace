-- Published revisions' downloads, rendered once and served with a strong ETag. Append-only like
-- the publications they belong to: a revision's file never changes once stored.
CREATE TABLE "PublishedOutput" (
    "publicationId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "etag" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PublishedOutput_pkey" PRIMARY KEY ("publicationId", "format"),
    CONSTRAINT "PublishedOutput_format_check" CHECK ("format" IN ('docx', 'pdf', 'html')),
    CONSTRAINT "PublishedOutput_etag_check" CHECK ("etag" ~ '^"[0-9a-f]{64}"$')
);

CREATE TRIGGER "PublishedOutput_append_only" BEFORE UPDATE OR DELETE ON "PublishedOutput" FOR EACH ROW EXECUTE FUNCTION "gov_report_append_only"();
