import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, TextEncodingError, type UndecodableReason } from "./decode-text";
import { seedText } from "./fixtures/sample-files";
import { ImportFileError, importFile } from "./import-file";

const SEED = "003_5f1914cbe288c934";
const text = seedText(SEED);
const bytes = (b: Buffer | number[]) => new Uint8Array(b);

async function refusal(input: Uint8Array): Promise<TextEncodingError> {
  const error = await decodeText(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected a TextEncodingError").toBeInstanceOf(TextEncodingError);
  return error as TextEncodingError;
}

describe("decodeText: the encoding detected with confidence, or a reason", () => {
  it("reads UTF-8 (with or without a BOM), UTF-16 by its BOM or its NUL bytes, and GBK/GB18030 Chinese text", async () => {
    expect(await decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: "utf-8", detectedBy: "content" });
    expect(await decodeText(bytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))).toEqual({ text, encoding: "utf-8", detectedBy: "bom" });
    expect(await decodeText(bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")])))).toEqual({ text, encoding: "utf-16le", detectedBy: "bom" });
    expect(await decodeText(bytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")])))).toEqual({ text, encoding: "utf-16be", detectedBy: "bom" });
    expect(await decodeText(bytes(iconv.encode(text, "utf-16le")))).toEqual({ text, encoding: "utf-16le", detectedBy: "content" });
    expect(await decodeText(bytes(iconv.encode(text, "gbk")))).toEqual({ text, encoding: "gb18030", detectedBy: "content" });
    // GB18030's four-byte sequences (characters beyond GBK, here 𠀀 and €).
    const rare = "示例市𠀀局 €10";
    expect(await decodeText(bytes(iconv.encode(rare, "gb18030")))).toMatchObject({ text: rare, encoding: "gb18030" });
    expect(await decodeText(new Uint8Array(0))).toEqual({ text: "", encoding: "utf-8", detectedBy: "content" });
  });

  it.each<[string, number[] | Buffer, UndecodableReason["kind"], RegExp]>([
    ["bytes in no encoding", Buffer.from('{"agency": "\xff\xfe\x80 x"}', "latin1"), "unknown", /^not UTF-8 \(byte 0xFF at offset 12\), nor GBK\/GB18030 or UTF-16 — save it as UTF-8$/],
    ["Latin-1 text", Buffer.from("Caf\xe9 au lait", "latin1"), "unknown", /^not UTF-8 \(byte 0xE9 at offset 3\)/],
    ["GBK with a damaged byte", Buffer.concat([iconv.encode("示例市公安局政府信息公开工作年度报告", "gbk"), Buffer.from([0xff, 0x41])]), "gb18030-damaged", /^not UTF-8 \(byte 0xC0 at offset 2\); it looks like GBK\/GB18030, but byte 0xFF at offset 36 is not valid GBK\/GB18030 either — save it as UTF-8$/],
    ["valid GB18030 that is not Chinese", iconv.encode("Ünïcödé ẞtrâßé ÀÉÎÕÜ", "gb18030"), "not-chinese", /read as GBK\/GB18030 it is not Chinese text/],
    ["UTF-8 with a damaged byte", Buffer.concat([Buffer.from(text.slice(0, 400)), Buffer.from([0xc0]), Buffer.from(text.slice(400, 800))]), "utf-8-damaged", /^not valid UTF-8 \(byte 0xC0 at offset \d+\); the rest is UTF-8/],
    ["a UTF-8 BOM before GBK", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode("示例市公安局政府信息公开工作年度报告", "gbk")]), "utf-8-bom-invalid", /^starts with a UTF-8 byte-order mark but is not UTF-8 \(byte 0xC0 at offset 5\) — save it as UTF-8$/],
    ["a UTF-8 BOM before damaged UTF-8", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.slice(0, 300)), Buffer.from([0xff])]), "utf-8-damaged", /^not valid UTF-8 \(byte 0xFF at offset \d+\); the rest is UTF-8/],
    ["UTF-16 with an odd length", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("示例", "utf-16le"), Buffer.from([0x41])]), "utf-16-invalid", /^not valid UTF-16LE \(by its byte-order mark\): broken at offset 6/],
    ["UTF-16 with a lone surrogate", Buffer.from([0xfe, 0xff, 0xd8, 0x00, 0x00, 0x41]), "utf-16-invalid", /^not valid UTF-16BE \(by its byte-order mark\): broken at offset 2/],
  ])("refuses %s, naming the byte and what the bytes look like", async (_name, input, kind, message) => {
    const error = await refusal(bytes(input as Buffer));
    expect(error.reason.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });

  it("lets importFile refuse such a text with a Chinese reason (text.encoding), binary files staying text.binary", async () => {
    const refused = await importFile({ bytes: bytes(Buffer.from("示例\xff\xfe\x80 report", "latin1")), filename: "report.txt" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportFileError);
    expect(refused).toMatchObject({ code: "text.encoding", kind: "text" });
    expect((refused as ImportFileError).message).toMatch(/^无法识别该文件的字符编码（不是 UTF-8、GBK\/GB18030 或 UTF-16）。请用记事本或 WPS 将文件另存为 UTF-8 编码后再导入/);
    expect((refused as ImportFileError).cause).toBeInstanceOf(TextEncodingError);
    const damaged = await importFile({ bytes: bytes(Buffer.concat([iconv.encode(text, "gbk"), Buffer.from([0xff])])), filename: "report.txt" }).catch((e: unknown) => e);
    expect((damaged as ImportFileError).message).toMatch(/^该文件不是 UTF-8 编码，看起来是 GBK\/GB18030 编码，但第 \d+ 个字节处有损坏的内容。/);
    const binary = await importFile({ bytes: bytes([0x00, 0xff, 0x13, 0x00, 0x9c, 0x01, 0xfe, 0x00, 0x00]), filename: "x.txt" }).catch((e: unknown) => e);
    expect(binary).toMatchObject({ code: "text.binary" });
  });
});
