-- Issue 14.1: a published report's findings are frozen with it. publishReport stores the rule
-- engine's findings on the published version, with what the cross-year rules compared with
-- ({ "findings": [...], "comparedWith": "2020年度已发布版本" | null }), in the same transaction; the
-- review page and the preview show these for a published report instead of a fresh check, so a
-- later correction of last year's report or a change of rule levels does not rewrite them.
-- Publications from before have none (null): those are checked afresh, as until now.
ALTER TABLE "Publication" ADD COLUMN "findings" JSONB;
