import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { AppError } from "../errors";

/**
 * Name and slug are unique; a clash is reported on its field. A slug another agency had before
 * is taken too: its old links redirect to that agency (AgencySlugAlias).
 */
export async function assertAgencyUnique(tx: Prisma.TransactionClient, data: { name: string; slug: string }, exceptId?: string) {
  // The name and the slug may clash with two different agencies: look for both.
  const clashes = await tx.agency.findMany({
    where: { OR: [{ name: data.name }, { slug: data.slug }], ...(exceptId && { NOT: { id: exceptId } }) },
    select: { name: true, slug: true },
  });
  const alias = await tx.agencySlugAlias.findFirst({
    where: { slug: data.slug, ...(exceptId && { NOT: { agencyId: exceptId } }) },
    select: { agency: { select: { name: true } } },
  });
  if (alias) {
    throw new AppError("DUPLICATE", "机关名称或代号与已有机关重复。", {
      fieldErrors: { slug: `机关代号 ${data.slug} 曾是「${alias.agency.name}」的代号，它已发布报告的旧链接仍指向该机关，不能再用。` },
    });
  }
  if (clashes.length === 0) return;
  const fieldErrors: Record<string, string> = {};
  if (clashes.some((c) => c.name === data.name)) fieldErrors.name = `已有名为「${data.name}」的机关。`;
  if (clashes.some((c) => c.slug === data.slug)) fieldErrors.slug = `机关代号 ${data.slug} 已被使用。`;
  throw new AppError("DUPLICATE", "机关名称或代号与已有机关重复。", { fieldErrors });
}

/** For the unique index catching a concurrent insert the check above could not see. */
export function duplicateAgencyError(): AppError {
  return new AppError("DUPLICATE", "机关名称或代号与已有机关重复。");
}
