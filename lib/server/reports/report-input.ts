import "server-only";
import { z } from "zod";

/** Largest value of an INTEGER column (report versions are stored as int4). */
export const MAX_STORED_INT = 2_147_483_647;

/** The report version a client names (autosave, submit): what the database can hold, or a clear "missing". */
export const ZReportVersion = z
  .number({ error: "缺少版本号。" })
  .int("缺少版本号。")
  .nonnegative("缺少版本号。")
  .max(MAX_STORED_INT, "版本号不正确，请刷新页面。");
