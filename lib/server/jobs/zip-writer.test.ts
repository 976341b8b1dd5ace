import { crc32 } from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { ZipWriter, type ZipSink } from "./zip-writer";

function memory(): ZipSink & { bytes(): Buffer; writes: number } {
  const parts: Buffer[] = [];
  return {
    writes: 0,
    async write(bytes) {
      this.writes++;
      parts.push(Buffer.from(bytes));
    },
    bytes: () => Buffer.concat(parts),
  };
}

describe("ZipWriter", () => {
  it("writes stored entries with UTF-8 names that JSZip reads back byte for byte", async () => {
    const sink = memory();
    const zip = new ZipWriter(sink, new Date("2026-01-31T04:05:06Z"));
    const pdf = Buffer.from("%PDF-1.7\n" + "x".repeat(100_000));
    await zip.add("示例市公安局-2025年政府信息公开工作年度报告.pdf", pdf);
    await zip.add("清单.csv", Buffer.from("\uFEFF序号,机关名称\r\n", "utf8"));
    await zip.add("empty.txt", new Uint8Array());
    const size = await zip.finish();
    const bytes = sink.bytes();
    expect(bytes.length).toBe(size);
    // Stored, not deflated: the archive is the entries plus headers.
    expect(size).toBeLessThan(pdf.length + 1000);

    const read = await JSZip.loadAsync(bytes);
    expect(Object.keys(read.files)).toEqual(["示例市公安局-2025年政府信息公开工作年度报告.pdf", "清单.csv", "empty.txt"]);
    expect((await read.file("示例市公安局-2025年政府信息公开工作年度报告.pdf")!.async("nodebuffer")).equals(pdf)).toBe(true);
    expect(await read.file("清单.csv")!.async("string")).toBe("\uFEFF序号,机关名称\r\n");
    expect(await read.file("empty.txt")!.async("string")).toBe("");
    // Entry times in China time (UTC+8): 12:05:06 on 31 January 2026.
    const date = read.file("清单.csv")!.date;
    expect([date.getFullYear(), date.getMonth() + 1, date.getDate()]).toEqual([2026, 1, 31]);
    // The local header names the CRC of the bytes (offset 14).
    expect(bytes.readUInt32LE(14)).toBe(crc32(pdf));
  });

  it("refuses to add after finishing", async () => {
    const zip = new ZipWriter(memory());
    await zip.finish();
    await expect(zip.add("a", new Uint8Array([1]))).rejects.toThrow(/finished/);
  });
});
