import "server-only";
import { AppError } from "../errors";

/**
 * What no input may carry, checked once for every server action and route handler before any
 * schema or database sees it (issue 8: such input used to reach PostgreSQL and answer 500):
 * - NUL and other C0 control characters except tab, line feed and carriage return — PostgreSQL
 *   text cannot hold NUL, and none of them is meaningful in a report;
 * - lone UTF-16 surrogates (they are not Unicode text and cannot be encoded as UTF-8);
 * - numbers that are not finite or beyond the safe integer range (they would be silently
 *   rounded: 9007199254740993 arrives as …992);
 * - nesting deeper than MAX_DEPTH and more than MAX_NODES values (a report is a few thousand).
 */
export const MAX_DEPTH = 32;
export const MAX_NODES = 100_000;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `content.sections.problems`, `items[3].name` — the field a message names. */
function pathText(path: (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${key}` : key), "") || "（整体）";
}

function invalid(path: (string | number)[], problem: string): AppError {
  const field = pathText(path);
  return new AppError("INVALID", `「${field}」${problem}`, { fieldErrors: { [String(path[0] ?? "form")]: problem }, path: field });
}

function checkString(value: string, path: (string | number)[]) {
  if (CONTROL.test(value)) {
    const code = value.match(CONTROL)![0].charCodeAt(0);
    throw invalid(path, `含有不可见的控制字符（U+${code.toString(16).toUpperCase().padStart(4, "0")}），请删除后再保存（常见于从其他软件复制的文字）。`);
  }
  if (LONE_SURROGATE.test(value)) throw invalid(path, "含有不完整的字符（可能是复制时截断的表情符号或生僻字），请删除后重新输入。");
}

/**
 * Throws INVALID (400) with a Chinese message naming the field when the value carries anything
 * above. Iterative, so a hostile nesting depth cannot overflow the stack.
 */
export function assertCleanInput(value: unknown): void {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  let nodes = 0;
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (++nodes > MAX_NODES) throw new AppError("INVALID", "提交的内容过大，请分几次保存。");
    if (path.length > MAX_DEPTH) throw invalid(path.slice(0, 3), `嵌套层级过深（超过 ${MAX_DEPTH} 层），不是有效的报告内容。`);
    if (typeof current === "string") checkString(current, path);
    else if (typeof current === "number") {
      if (!Number.isFinite(current) || Math.abs(current) > Number.MAX_SAFE_INTEGER) throw invalid(path, "数值超出可以保存的范围。");
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
    } else if (current !== null && typeof current === "object") {
      if (current instanceof FormData) {
        for (const [key, entry] of current.entries()) {
          checkString(key, path);
          if (typeof entry === "string") stack.push({ value: entry, path: [...path, key] });
        }
        continue;
      }
      for (const [key, entry] of Object.entries(current)) {
        checkString(key, path);
        stack.push({ value: entry, path: [...path, key] });
      }
    }
  }
}
