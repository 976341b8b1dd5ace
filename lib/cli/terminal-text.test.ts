import { describe, expect, it } from "vitest";
import { escapeControls, terminalJson, terminalLines, terminalOutput } from "./terminal-text";

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("terminal text", () => {
  it("escapes control characters, separators and bidi controls, and leaves other text alone", () => {
    expect(escapeControls("a\u001b[31mb\u0007c\rd\te\nf\u0000g\u007fh\u009bi\u2028j\u202ek")).toBe("a\\x1b[31mb\\x07c\\rd\\te\\nf\\x00g\\x7fh\\x9bi\\u2028j\\u202ek");
    expect(escapeControls("示例市公安局 2020年度报告（2019 年版格式）：「3414.41 万元」…")).toBe("示例市公安局 2020年度报告（2019 年版格式）：「3414.41 万元」…");
  });

  it("writes each line as one line", () => {
    expect(terminalLines(["a\nb", "", "c\u001b"])).toBe("a\\nb\n\nc\\x1b\n");
    let stderr = "";
    terminalOutput({ stdout: () => {}, stderr: (t) => (stderr += t) }).error("x.json: unknown key \"\u001b]0;t\u0007\r\n\"");
    expect(stderr).toBe('gov-report: x.json: unknown key "\\x1b]0;t\\x07\\r\\n"\n');
  });

  it("writes JSON that parses to the same value, with no raw control character", () => {
    const value = { text: "a\u001b[31m\u0007\r\n\u009b\u2028\u202e\u0000z", list: [1, "示例"] };
    const json = terminalJson(value);
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual(value);
    // JSON.stringify alone escapes C0 but leaves C1, U+2028 and the bidi controls raw.
    expect(JSON.stringify(value)).toMatch(/[\u009b\u2028\u202e]/);
    expect(JSON.stringify(value)).not.toMatch(/[\u0000-\u001f]/);
  });
});
