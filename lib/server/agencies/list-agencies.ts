import "server-only";
import { orderAgencyTree } from "../../admin/agency-tree";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";

/** Every agency in tree order with its depth and how many accounts and reports it has. Admins only. */
export async function listAgencies(prisma: PrismaClient, actor: CurrentUser) {
  assertPermission(actor, "admin.manage");
  const agencies = await prisma.agency.findMany({
    select: {
      id: true,
      name: true,
      slug: true,
      parentId: true,
      kind: true,
      address: true,
      postcode: true,
      phone: true,
      fax: true,
      email: true,
      website: true,
      // Published reports: changing the slug of such an agency moves public links (the dialog warns).
      _count: { select: { users: true, reports: true } },
      reports: { where: { publications: { some: {} } }, select: { id: true } },
    },
  });
  return orderAgencyTree(agencies.map(({ reports, ...agency }) => ({ ...agency, publishedReports: reports.length })));
}

export type AgencyListItem = Awaited<ReturnType<typeof listAgencies>>[number];
