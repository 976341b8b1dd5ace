import { TEMPLATES } from "../../templates";
import { describeCell } from "../rules/describe";
import { TABLE_NAMES, templateCells } from "../template/cells";
import type { FormatVersion, TableId } from "../template/types";
import type { InputIssue } from "./prepare-report";

/** An input problem as a clerk reads it: the JSON path, what it is, and what is wrong. */
export interface DescribedIssue {
  /** The JSON path as in the file, e.g. tables.requests.received.natural_person. */
  path: string;
  /** What the path is, in Chinese (e.g. 表三（收到和处理申请）「…」行「自然人」列), when known. */
  location?: string;
  message: string;
}

const FIELD_NAMES: Record<string, string> = {
  format: "格式版本",
  agency: "机关名称",
  year: "报告年度",
  date: "报告日期",
  contact: "联系方式",
  "contact.address": "联系地址",
  "contact.postcode": "邮政编码",
  "contact.phone": "联系电话",
  "contact.fax": "传真",
  "contact.email": "电子邮箱",
  "contact.website": "网址",
  preface: "引言",
  stated: "原文声明",
  "stated.title": "原文标题",
  "stated.period": "原文统计期间",
  "stated.sectionCount": "原文所称部分数",
  "stated.headings": "原文各部分标题",
  "stated.labels": "原文表格标签",
  sections: "正文",
  "sections.overview": "一、总体情况",
  "sections.proactiveNote": "二、主动公开政府信息情况的说明",
  "sections.requestsNote": "三、收到和处理政府信息公开申请情况的说明",
  "sections.reviewsNote": "四、政府信息公开行政复议、行政诉讼情况的说明",
  "sections.problems": "五、存在的主要问题及改进情况",
  "sections.other": "六、其他需要报告的事项",
  tables: "统计表",
};

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  boolean: "true/false",
  array: "数组",
  object: "对象",
  null: "null",
  undefined: "空缺",
};

/** Where a path points, in Chinese, for the format the file is in. */
export function describePath(path: string, format: FormatVersion): string | undefined {
  if (path === "(root)") return "整个文件";
  const parts = path.split(".");
  if (parts[0] === "tables" && parts.length >= 2) {
    const table = TABLE_NAMES[parts[1] as TableId];
    if (!table) return undefined;
    if (parts.length >= 4) {
      const cell = templateCells(TEMPLATES[format]).get(parts.slice(1, 4).join("."));
      if (cell) return describeCell(cell);
    }
    return table;
  }
  if (parts[0] === "sections" && parts[1] === "overview" && parts.length >= 3 && /^\d+$/.test(parts[2])) {
    const part = parts[3] === "title" ? "小标题" : parts[3] === "text" ? "内容" : "";
    return `一、总体情况 第 ${Number(parts[2]) + 1} 项${part}`;
  }
  for (let n = parts.length; n > 0; n--) {
    const name = FIELD_NAMES[parts.slice(0, n).join(".")];
    if (name) return name;
  }
  return undefined;
}

/** Translates a schema message (zod's English wording or prepare-report's) into Chinese. */
export function translateIssueMessage(message: string, format: FormatVersion): string {
  let m: RegExpMatchArray | null;
  // The schema's own messages in Chinese (the bound of a cell, lib/report/schema.ts) are shown as they are.
  if (/^[\u4e00-\u9fff]/.test(message)) return message;
  if (message === "expected a JSON object") return "文件内容应当是一个 JSON 对象（以 { 开头）。";
  if ((m = message.match(/^unknown key "(.*)"( \(not an id)?/))) {
    return m[2] ? `「${m[1]}」不是 ${format} 年版格式中的编号。` : `不认识的字段「${m[1]}」。`;
  }
  if ((m = message.match(/expected (\w+), received (\w+)/))) {
    if (m[2] === "undefined") return "缺少此项。";
    return `应为${TYPE_NAMES[m[1]] ?? m[1]}，实际是${TYPE_NAMES[m[2]] ?? m[2]}。`;
  }
  if ((m = message.match(/^Too small: expected string to have >=1 characters/))) return "不能为空。";
  if ((m = message.match(/^Too big: expected string to have <=(\d+) characters/))) return `文字过长，最多 ${m[1]} 个字符。`;
  if ((m = message.match(/^Too big: expected array to have <=(\d+) items/))) return `最多 ${m[1]} 项。`;
  if ((m = message.match(/^Too small: expected number to be >=?(-?[\d.]+)/))) return `不能小于 ${m[1]}。`;
  if ((m = message.match(/^Too big: expected number to be <=?(-?[\d.]+)/))) return `不能大于 ${m[1]}。`;
  if ((m = message.match(/^Invalid option: expected one of (.+)$/))) return `只能是 ${m[1].replaceAll("|", " 或 ")}。`;
  if (message === "YYYY-MM-DD") return "日期应写成 YYYY-MM-DD，例如 2024-01-31。";
  if (message.includes("万元")) return "金额应为以万元为单位的数字，最多 4 位小数。";
  return `内容不符合要求（${message}）。`;
}

export function describeInputIssue(issue: InputIssue, format: FormatVersion): DescribedIssue {
  const location = describePath(issue.path, format);
  return { path: issue.path, ...(location && { location }), message: translateIssueMessage(issue.message, format) };
}
