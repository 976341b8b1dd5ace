-- The agency's kind decides its statutory deadline (条例第四十九条; lib/workflow/deadline.ts):
-- 人民政府 publish by 3月31日, 人民政府部门 by 1月31日. Until now the deadline was guessed from
-- the name; from here admins set the kind. Existing agencies are backfilled with that guess
-- (a name ending in 人民政府 is a government), which is also the default the admin form offers.
CREATE TYPE "AgencyKind" AS ENUM ('GOVERNMENT', 'DEPARTMENT');

ALTER TABLE "Agency" ADD COLUMN "kind" "AgencyKind" NOT NULL DEFAULT 'DEPARTMENT';

UPDATE "Agency" SET "kind" = 'GOVERNMENT' WHERE "name" ~ '人民政府[[:space:]]*$';
