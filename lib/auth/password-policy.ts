import { dictionary } from "@zxcvbn-ts/language-common";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";

/** A password with fewer different characters than this is too easy to guess (`aaaaaaaaaa1`). */
const MIN_DISTINCT_CHARACTERS = 5;
/** A password made of this many runs (repeats, sequences, keyboard rows) or fewer is trivial. */
const MAX_TRIVIAL_RUNS = 3;
/** Leading/trailing digits and symbols are stripped before the list look-up when this much is left. */
const MIN_CORE_LENGTH = 4;

export const COMMON_PASSWORD_MESSAGE = "这是一个常见密码，很容易被猜中，请换一个。";
export const TRIVIAL_PASSWORD_MESSAGE = "密码过于简单：不能只由重复的字符、连续的字母或数字、键盘上相邻的键组成，请换一个不易猜到的密码。";

/**
 * Common passwords a public list does not rank high enough for this system's users, and the
 * system's own name (context-specific words, as NIST SP 800-63B asks).
 */
const EXTRA_COMMON = ["woaini", "woaini1314", "aini1314", "iloveyou1314", "zhengfu", "xinxigongkai", "zhengwugongkai", "govreport", "nianbao"];

let common: Set<string> | undefined;

/**
 * The 49,000 most common passwords of @zxcvbn-ts/language-common (lower-case; built once, on
 * first use).
 */
function commonPasswords(): Set<string> {
  common ??= new Set([...dictionary["passwords-common"], ...EXTRA_COMMON]);
  return common;
}

/** `Password123`, `p@ssw0rd2026` and `Monkey123456` are a common password with digits added. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  return core.length >= MIN_CORE_LENGTH && core !== lower && list.has(core);
}

const KEYBOARD_ROWS = ["`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"];
const isDigit = (c: string) => c >= "0" && c <= "9";
const isLetter = (c: string) => c >= "a" && c <= "z";

/**
 * How b may follow a in a pattern: the same character, the next or previous letter or digit,
 * the next key to the right or left on a keyboard row (several at once: `f`→`g` is both).
 */
function relations(a: string, b: string): string[] {
  const found: string[] = [];
  if (a === b) found.push("same");
  if ((isDigit(a) && isDigit(b)) || (isLetter(a) && isLetter(b))) {
    const diff = b.charCodeAt(0) - a.charCodeAt(0);
    if (diff === 1) found.push("up");
    if (diff === -1) found.push("down");
  }
  for (const row of KEYBOARD_ROWS) {
    const i = row.indexOf(a);
    const j = row.indexOf(b);
    if (i >= 0 && j >= 0 && Math.abs(i - j) === 1) found.push(j > i ? "key-right" : "key-left");
  }
  return found;
}

/** The number of runs the password splits into, each a repeat, a sequence or a keyboard run. */
function runCount(password: string): number {
  const chars = [...password.toLowerCase()];
  let runs = 0;
  let i = 0;
  while (i < chars.length) {
    runs++;
    let kinds = i + 1 < chars.length ? relations(chars[i], chars[i + 1]) : [];
    let j = i + 1;
    while (kinds.length > 0 && j < chars.length) {
      const next = relations(chars[j - 1], chars[j]).filter((kind) => kinds.includes(kind));
      if (next.length === 0) break;
      kinds = next;
      j++;
    }
    i = j;
  }
  return runs;
}

/**
 * `aaaaaaaaaa1`, `abcdefgh12`, `1234567890ab`, `qwertyuiop1`, `abc123abc123`: few different
 * characters, a handful of runs, or one block repeated.
 */
export function isTrivialPassword(password: string): boolean {
  if (new Set(password.toLowerCase()).size < MIN_DISTINCT_CHARACTERS) return true;
  if (/^(.+)\1+$/su.test(password.toLowerCase())) return true;
  return runCount(password) <= MAX_TRIVIAL_RUNS;
}

/**
 * Why a password is too weak, in Chinese, or null when it is acceptable: at least 10 characters,
 * letters and digits, not containing the user name, not a common password (with or without
 * digits and symbols around it), not a trivial pattern (repeats, sequences, keyboard rows).
 * Every place that sets a password uses it: account creation and reset by admins, and
 * better-auth's own password endpoints (lib/server/auth/auth.ts).
 */
export function passwordProblem(password: string, username = ""): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符。`;
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return "密码须同时包含字母和数字。";
  if (/^(.)\1+$/su.test(password)) return "密码不能由同一个字符重复组成。";
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return "密码不能包含用户名。";
  if (isCommonPassword(password)) return COMMON_PASSWORD_MESSAGE;
  if (isTrivialPassword(password)) return TRIVIAL_PASSWORD_MESSAGE;
  return null;
}
