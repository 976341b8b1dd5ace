/*
 * The calendar in China (UTC+8, no daylight saving) whatever the zone of the server or the
 * browser: a report's date, an export's date and "today" are China's days.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * An instant as the wall-clock time in China (UTC+8) carried in a Date's UTC fields: what exceljs
 * writes as an Excel date (it converts a Date by its UTC time), and what the text formats read.
 */
export function chinaWallClock(instant: Date): Date {
  return new Date(instant.getTime() + CHINA_OFFSET_MS);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** e.g. 2025-01-31 (China time): the ISO date of the China calendar day of an instant. */
export function chinaDateText(instant: Date): string {
  const d = chinaWallClock(instant);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}
