import { describe, expect, it } from "vitest";
import { ROLES } from "../../auth/roles";
import { ANCHOR_TYPES } from "../../comments/anchors";
import { AgencyKind, AnchorType, ImportAcceptedAs, ImportStatus, ReportStatus, Role } from "../../generated/prisma/enums";
import { IMPORT_ACCEPTED_AS, IMPORT_STATUSES } from "../../import/accept-import";
import { AGENCY_KINDS } from "../../workflow/deadline";
import { REPORT_STATUSES } from "../../workflow/report-status";

/**
 * lib/ may not import Prisma, so each stored enum is declared twice: once as the concept's list
 * in lib/ (what the code uses) and once in schema.prisma (what the database stores). These must
 * be the same lists, in the same order; the schema-drift test then ties schema.prisma to the
 * migrations.
 */
describe("stored enums", () => {
  it("anchor types are the Prisma enum AnchorType", () => {
    expect(Object.values(AnchorType)).toEqual([...ANCHOR_TYPES]);
  });

  it("report statuses are the Prisma enum ReportStatus", () => {
    expect(Object.values(ReportStatus)).toEqual([...REPORT_STATUSES]);
  });

  it("roles are the Prisma enum Role", () => {
    expect(Object.values(Role)).toEqual([...ROLES]);
  });

  it("import statuses and ways of accepting are the Prisma enums ImportStatus and ImportAcceptedAs", () => {
    expect(Object.values(ImportStatus)).toEqual([...IMPORT_STATUSES]);
    expect(Object.values(ImportAcceptedAs)).toEqual([...IMPORT_ACCEPTED_AS]);
  });

  it("agency kinds are the Prisma enum AgencyKind", () => {
    expect(Object.values(AgencyKind)).toEqual([...AGENCY_KINDS]);
  });
});
