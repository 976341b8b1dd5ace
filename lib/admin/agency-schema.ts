import { z } from "zod";
import { AGENCY_KINDS } from "../workflow/deadline";

/** Blank form fields mean "not given". */
const optionalText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max, message).optional());

/** URL-safe name of an agency: lowercase letters, digits, single hyphens inside. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An agency as the admin enters it; used by the form and, authoritatively, by the server. */
export const ZAgencyInput = z.object({
  name: z.string().trim().min(2, "请填写机关全称（至少 2 个字）。").max(100, "机关名称不能超过 100 个字符。"),
  slug: z
    .string()
    .trim()
    .min(2, "请填写机关代号（至少 2 个字符）。")
    .max(64, "机关代号不能超过 64 个字符。")
    .regex(SLUG_PATTERN, "机关代号只能使用小写字母、数字和连字符（-），且不能以连字符开头或结尾。"),
  parentId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().nullable()),
  /**
   * 人民政府 or 人民政府部门: decides the statutory deadline. Left out, a new agency gets the kind
   * its name suggests (lib/workflow/deadline.ts suggestAgencyKind) and an edited one keeps its own.
   */
  kind: z.preprocess((v) => (v === "" ? undefined : v), z.enum(AGENCY_KINDS, "请选择机关类别。").optional()),
  address: optionalText(200, "地址不能超过 200 个字符。"),
  postcode: optionalText(20, "邮政编码不能超过 20 个字符。").refine((v) => v === undefined || /^\d{6}$/.test(v), "邮政编码应为 6 位数字。"),
  phone: optionalText(100, "电话不能超过 100 个字符。"),
  fax: optionalText(100, "传真不能超过 100 个字符。"),
  email: optionalText(200, "电子邮箱不能超过 200 个字符。").refine((v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "电子邮箱格式不正确。"),
  website: optionalText(300, "网址不能超过 300 个字符。").refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), "网址应以 http:// 或 https:// 开头。"),
});

export type TAgencyInput = z.infer<typeof ZAgencyInput>;

/** The contact fields of an agency, in form order, with their Chinese labels. */
export const AGENCY_CONTACT_FIELDS = [
  { key: "address", label: "地址" },
  { key: "postcode", label: "邮政编码" },
  { key: "phone", label: "电话" },
  { key: "fax", label: "传真" },
  { key: "email", label: "电子邮箱" },
  { key: "website", label: "网站" },
] as const;
