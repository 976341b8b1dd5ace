import "server-only";

/**
 * A TIMESTAMP(3) column read by a raw query, as a Date. The column holds UTC wall-clock time (as
 * Prisma writes it); depending on the driver a raw query returns it as a Date or as text without
 * a zone, which must be read as UTC, not local time.
 */
export function toUtcDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(" ", "T")}Z`);
}

/** The same for a nullable column. */
export function toUtcDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : toUtcDate(value);
}
