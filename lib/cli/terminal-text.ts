/**
 * Everything the CLI prints goes through here (main.ts wraps its Io once): text that came from
 * the input — agency names, finding messages and quotes, table labels, file names, keys named
 * in an error — never reaches the terminal raw. Control characters (C0, DEL, C1), line and
 * paragraph separators and the bidirectional controls are shown escaped (`\x1b`, `\r`, `\t`,
 * `\u202e`), so a value cannot colour, retitle or rewrite the terminal, ring its bell or move
 * the cursor; every line printed is one line. JSON stays JSON: JSON.stringify escapes C0
 * already, and the rest are written as \uXXXX escapes, which parse to the same value.
 */

/** Characters never written raw (a line break only where the CLI itself ends a line). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw of those: DEL, C1, the separators and bidi controls. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, "0");
}

/** The text with every control character escaped: `\n`, `\r`, `\t`, `\x1b`, `\x07`, `\u2028`. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return NAMED[ch] ?? (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
  });
}

/** Lines for a terminal: each escaped (a line break inside one is shown as `\n`), each ended by a newline. */
export function terminalLines(lines: readonly string[]): string {
  return lines.map((line) => `${escapeControls(line)}\n`).join("");
}

/** A value as indented JSON for a terminal or a pipe (parses to the same value as JSON.stringify's). */
export function terminalJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (ch) => `\\u${hex(ch.charCodeAt(0), 4)}`)}\n`;
}

/** Where the CLI writes (main.ts's Io). */
export interface Streams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The CLI's one way to print: lines and JSON on stdout, single lines on stderr. */
export interface TerminalOutput {
  /** Lines on stdout. */
  lines: (lines: readonly string[]) => void;
  /** A value as JSON on stdout. */
  json: (value: unknown) => void;
  /** One line on stderr (a note, "wrote x", the batch's last line). */
  note: (line: string) => void;
  /** An input or usage error: one line on stderr, `gov-report: ` in front. */
  error: (message: string) => void;
  /** Lines on stderr (the usage after a usage error). */
  errorLines: (lines: readonly string[]) => void;
}

export function terminalOutput(io: Streams): TerminalOutput {
  return {
    lines: (lines) => io.stdout(terminalLines(lines)),
    json: (value) => io.stdout(terminalJson(value)),
    note: (line) => io.stderr(terminalLines([line])),
    error: (message) => io.stderr(terminalLines([`gov-report: ${message}`])),
    errorLines: (lines) => io.stderr(terminalLines(lines)),
  };
}
