-- Tree order and depth of agencies, stored, so the oversight status list (issue 10) filters,
-- sorts and pages 10,000 agencies in SQL instead of loading the whole scope and ordering it in
-- Node (lib/admin/agency-tree.ts orderAgencyTree: each parent before its children, siblings by
-- their Chinese name order).
--
-- "nameKey": the name's sort key (lib/admin/name-sort-key.ts), whose plain byte order (COLLATE
--   "C") is Intl.Collator("zh-CN")'s order. Computed by the app: PGlite is built without ICU, so
--   neither database can sort by a zh collation itself. The app writes it with the name (create /
--   update agency); a rename without a new key clears it (below), and rows without one — written
--   by seeds, tests or before this migration — get theirs when an oversight view first needs it
--   (lib/server/oversight/agency-order.ts).
-- "treePath": the materialised path, one segment per agency from the root down to this one:
--   sort key (the name while there is none), U+0001, id, U+0001. Ordering by it is tree order
--   (a parent's path is a prefix of its children's; siblings compare by key, then id), and an
--   agency's subtree is the paths that start with its own.
-- "depth": 0 for a root, parent's + 1.
-- Triggers keep both in every write: an agency's path and depth are computed from its parent's
-- whenever it is inserted or its name, key, parent (or the columns themselves) change, and a
-- change of an agency's path is passed down to its children (and so on down the subtree). A move
-- under the agency itself or one of its descendants is refused (the app refuses it first).

ALTER TABLE "Agency"
    ADD COLUMN "nameKey" TEXT COLLATE "C",
    ADD COLUMN "treePath" TEXT COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN "depth" INTEGER NOT NULL DEFAULT 0;

-- Existing agencies, from the roots down (members of a cycle, which the app prevents, have no
-- root and keep an empty path).
WITH RECURSIVE "placed" ("id", "treePath", "depth") AS (
    SELECT "id", "name" || chr(1) || "id" || chr(1), 0 FROM "Agency" WHERE "parentId" IS NULL
    UNION ALL
    SELECT a."id", p."treePath" || a."name" || chr(1) || a."id" || chr(1), p."depth" + 1
    FROM "Agency" a JOIN "placed" p ON a."parentId" = p."id"
)
UPDATE "Agency" a SET "treePath" = p."treePath", "depth" = p."depth" FROM "placed" p WHERE p."id" = a."id";

CREATE FUNCTION "gov_report_agency_place"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_path TEXT := '';
  parent_depth INTEGER := -1;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."name" IS DISTINCT FROM OLD."name" AND NEW."nameKey" IS NOT DISTINCT FROM OLD."nameKey" THEN
    NEW."nameKey" := NULL;
  END IF;
  IF NEW."parentId" IS NOT NULL THEN
    SELECT "treePath", "depth" INTO parent_path, parent_depth FROM "Agency" WHERE "id" = NEW."parentId";
    IF NOT FOUND THEN
      -- Not inserted yet (a child before its parent in one statement; the parent's insert places
      -- it again), or missing (the foreign key refuses the row).
      parent_path := '';
      parent_depth := -1;
    ELSIF TG_OP = 'UPDATE' AND OLD."treePath" <> '' AND starts_with(parent_path, OLD."treePath") THEN
      RAISE EXCEPTION 'agency % cannot be moved below itself', NEW."id" USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  NEW."treePath" := parent_path || COALESCE(NEW."nameKey", NEW."name") || chr(1) || NEW."id" || chr(1);
  NEW."depth" := parent_depth + 1;
  RETURN NEW;
END;
$$;

-- Children placed again from this agency's new path (their own triggers pass it further down).
CREATE FUNCTION "gov_report_agency_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Agency" SET "treePath" = "treePath"
  WHERE "parentId" = NEW."id" AND (TG_OP = 'UPDATE' OR NOT starts_with("treePath", NEW."treePath"));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Agency_place" BEFORE INSERT OR UPDATE OF "name", "nameKey", "parentId", "treePath", "depth" ON "Agency"
    FOR EACH ROW EXECUTE FUNCTION "gov_report_agency_place"();
CREATE TRIGGER "Agency_moved" AFTER UPDATE OF "name", "nameKey", "parentId", "treePath", "depth" ON "Agency"
    FOR EACH ROW WHEN (OLD."treePath" IS DISTINCT FROM NEW."treePath" OR OLD."depth" IS DISTINCT FROM NEW."depth")
    EXECUTE FUNCTION "gov_report_agency_moved"();
CREATE TRIGGER "Agency_inserted" AFTER INSERT ON "Agency"
    FOR EACH ROW EXECUTE FUNCTION "gov_report_agency_moved"();

-- Tree order and subtree ranges; the agencies still waiting for a sort key.
CREATE INDEX "Agency_treePath_idx" ON "Agency"("treePath");
CREATE INDEX "Agency_nameKey_missing_idx" ON "Agency"("id") WHERE "nameKey" IS NULL;
