import "server-only";
import { crc32 } from "node:zlib";

/*
 * A ZIP archive written entry by entry to a sink, without compression (STORE): the entries are
 * PDFs, compressed already, so deflating them again costs CPU for a percent or two. JSZip (used
 * to read archives back in the tests) keeps every entry in memory until the whole archive is
 * generated; a bulk export of a few thousand reports would hold hundreds of MB that way, so
 * this writer keeps only the central directory (≈ 100 bytes per entry) and hands each entry's
 * bytes on as soon as they are written.
 *
 * Names are UTF-8 with general-purpose bit 11 set (APPNOTE 6.3, appendix D), which Windows
 * Explorer (10 and later), macOS, 7-Zip, WinRAR, 360压缩 and Bandizip honour. No ZIP64: an
 * archive is limited to 65,535 entries and 4 GiB, and the writer refuses to exceed either.
 */

/** Where the archive's bytes go, in order. */
export interface ZipSink {
  write(bytes: Uint8Array): Promise<void>;
}

/** Most entries and bytes a ZIP without ZIP64 can describe. */
export const ZIP_MAX_ENTRIES = 0xffff;
export const ZIP_MAX_BYTES = 0xffffffff;

/** The archive would exceed what a ZIP without ZIP64 can hold. */
export class ZipTooLargeError extends Error {
  constructor() {
    super("ZIP archive too large (more than 65,535 entries or 4 GiB)");
    this.name = "ZipTooLargeError";
  }
}

const UTF8_NAMES = 0x0800;
const VERSION = 20; // 2.0: what STORE entries in folders need.

/** MS-DOS date and time (local time is what unzip tools show; we write China time, UTC+8). */
function dosDateTime(date: Date): { time: number; date: number } {
  const china = new Date(date.getTime() + 8 * 3_600_000);
  const year = Math.max(1980, china.getUTCFullYear());
  return {
    time: (china.getUTCHours() << 11) | (china.getUTCMinutes() << 5) | Math.floor(china.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((china.getUTCMonth() + 1) << 5) | china.getUTCDate(),
  };
}

interface CentralEntry {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
  time: number;
  date: number;
}

export class ZipWriter {
  private offset = 0;
  /** Size of the central directory so far (46 bytes plus the name per entry). */
  private directorySize = 0;
  private readonly entries: CentralEntry[] = [];
  private finished = false;

  constructor(
    private readonly sink: ZipSink,
    private readonly modified = new Date(),
  ) {}

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  get entryCount(): number {
    return this.entries.length;
  }

  /** Adds one stored entry: its local header, then its bytes. */
  async add(name: string, body: Uint8Array): Promise<void> {
    if (this.finished) throw new Error("ZIP archive already finished");
    const nameBytes = Buffer.from(name, "utf8");
    const headerSize = 30 + nameBytes.length;
    // What the archive would be with this entry and the end record (22 bytes) after it.
    const total = this.offset + headerSize + body.byteLength + this.directorySize + 46 + nameBytes.length + 22;
    if (this.entries.length + 1 > ZIP_MAX_ENTRIES || total > ZIP_MAX_BYTES) throw new ZipTooLargeError();
    const crc = crc32(body);
    const { time, date } = dosDateTime(this.modified);
    const header = Buffer.alloc(headerSize);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(UTF8_NAMES, 6);
    header.writeUInt16LE(0, 8); // STORE
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.byteLength, 18);
    header.writeUInt32LE(body.byteLength, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    nameBytes.copy(header, 30);
    this.entries.push({ name: nameBytes, crc, size: body.byteLength, offset: this.offset, time, date });
    this.directorySize += 46 + nameBytes.length;
    await this.sink.write(header);
    await this.sink.write(body);
    this.offset += headerSize + body.byteLength;
  }

  /** Writes the central directory and the end record; returns the archive's size. */
  async finish(): Promise<number> {
    if (this.finished) throw new Error("ZIP archive already finished");
    this.finished = true;
    const directorySize = this.directorySize;
    const directory = Buffer.alloc(directorySize + 22);
    let at = 0;
    for (const entry of this.entries) {
      directory.writeUInt32LE(0x02014b50, at);
      directory.writeUInt16LE((3 << 8) | VERSION, at + 4); // made by: Unix, so no DOS attributes are implied
      directory.writeUInt16LE(VERSION, at + 6);
      directory.writeUInt16LE(UTF8_NAMES, at + 8);
      directory.writeUInt16LE(0, at + 10);
      directory.writeUInt16LE(entry.time, at + 12);
      directory.writeUInt16LE(entry.date, at + 14);
      directory.writeUInt32LE(entry.crc, at + 16);
      directory.writeUInt32LE(entry.size, at + 20);
      directory.writeUInt32LE(entry.size, at + 24);
      directory.writeUInt16LE(entry.name.length, at + 28);
      // extra field length, comment length, disk number, internal attributes: 0
      directory.writeUInt32LE((0o100644 << 16) >>> 0, at + 38); // external attributes: a regular file, rw-r--r--
      directory.writeUInt32LE(entry.offset, at + 42);
      entry.name.copy(directory, at + 46);
      at += 46 + entry.name.length;
    }
    directory.writeUInt32LE(0x06054b50, at);
    directory.writeUInt16LE(this.entries.length, at + 8);
    directory.writeUInt16LE(this.entries.length, at + 10);
    directory.writeUInt32LE(directorySize, at + 12);
    directory.writeUInt32LE(this.offset, at + 16);
    await this.sink.write(directory);
    this.offset += directory.length;
    return this.offset;
  }
}
