import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { AppError } from "../errors";

/** Name and slug are unique; a clash is reported on its field. */
export async function assertAgencyUnique(tx: Prisma.TransactionClient, data: { name: string; slug: string }, exceptId?: string) {
  // The name and the slug may clash with two different agencies: look for both.
  const clashes = await tx.agency.findMany({
    where: { OR: [{ name: data.name }, { slug: data.slug }], ...(exceptId && { NOT: { id: exceptId } }) },
    select: { name: true, slug: true },
  });
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
