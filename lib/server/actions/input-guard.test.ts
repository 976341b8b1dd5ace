import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { assertCleanInput, MAX_DEPTH } from "./input-guard";

function problem(value: unknown): string | null {
  try {
    assertCleanInput(value);
    return null;
  } catch (error) {
    if (error instanceof AppError) return `${error.code} ${error.message}`;
    throw error;
  }
}

describe("assertCleanInput", () => {
  it("accepts a real report and ordinary text, including tabs, line breaks and emoji", () => {
    expect(problem({ version: 3, content: { preface: "第一段\n第二段\t表格", sections: { other: "无 😀" }, tables: [1, 2.5, -3, null, true] } })).toBeNull();
  });

  it("refuses NUL and other control characters, naming the field", () => {
    expect(problem({ content: { sections: { problems: "问题\u0000" } } })).toMatch(/^INVALID 「content\.sections\.problems」含有不可见的控制字符（U\+0000）/);
    expect(problem({ body: "a\u001bb" })).toMatch(/「body」.*U\+001B/);
    expect(problem({ items: ["ok", "x\u0007"] })).toMatch(/「items\[1\]」/);
    expect(problem({ ["key\u0000"]: 1 })).toMatch(/控制字符/);
  });

  it("refuses lone surrogates but not whole ones", () => {
    expect(problem({ name: "abc\uD800" })).toMatch(/「name」含有不完整的字符/);
    expect(problem({ name: "\uDC00abc" })).toMatch(/不完整/);
    expect(problem({ name: "𠀀 surrogate pair" })).toBeNull();
  });

  it("refuses numbers that cannot be stored exactly", () => {
    expect(problem({ version: 9007199254740993 })).toMatch(/「version」数值超出/);
    expect(problem({ version: 1e23 })).toMatch(/数值超出/);
    expect(problem({ version: Number.NaN })).toMatch(/数值超出/);
    expect(problem({ version: Number.MAX_SAFE_INTEGER })).toBeNull();
  });

  it("refuses hostile nesting without overflowing the stack", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(problem({ content: deep })).toMatch(/嵌套层级过深/);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_DEPTH - 1; i++) ok = { a: ok };
    expect(problem(ok)).toBeNull();
  });

  it("refuses a flood of values", () => {
    expect(problem({ content: new Array(200_000).fill(0) })).toMatch(/过大/);
  });

  it("checks FormData fields", () => {
    const data = new FormData();
    data.set("name", "示例\u0000局");
    expect(problem(data)).toMatch(/「name」/);
  });
});
