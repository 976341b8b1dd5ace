import type { TContact } from "../../report/schema";
import { problem, unplace, type MapContext } from "./context";
import { joinBrokenLines, joinParagraphs, type TextPiece } from "./narrative";

/**
 * What a published text states about itself, read from the front matter (everything before
 * 一、总体情况) and the contact paragraphs: title, agency, year, date, preface, statistics period,
 * the number of parts the preface claims, contact data. Each claim is one handler over the text.
 */

export interface FrontMatter {
  title?: string;
  agency?: string;
  year?: number;
  date?: string;
  preface?: string;
  period?: { from: string; to: string };
  sectionCount?: number;
  /** The preface's paragraphs, where contact data may be. */
  prefacePieces: TextPiece[];
}

const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 六 → 6, 十二 → 12, "7" → 7. */
export function readNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 1) return NUMERALS[text];
  const m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(text);
  if (!m) return undefined;
  return (m[1] ? NUMERALS[m[1]] : 1) * 10 + (m[2] ? NUMERALS[m[2]] : 0);
}

const pad = (n: string) => n.padStart(2, "0");
const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const DATE_LINE = /^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$/;

function isoDate(y: string, m: string, d: string): string | undefined {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A line that is only a date, such as 「(2021 年 1 月 18 日)」 under the title (seed 004). */
export function dateLine(text: string): string | undefined {
  const m = DATE_LINE.exec(text.trim());
  return m ? isoDate(m[1], m[2], m[3]) : undefined;
}

/** 统计期限自 2021 年 1 月 1 日起至 2021 年 12 月 31 日止 → { from, to }. */
export function readPeriod(text: string): { from: string; to: string } | undefined {
  const m = new RegExp(`${DATE.source}\\s*(?:起)?\\s*(?:至|到|—|-|~|～)\\s*${DATE.source}`).exec(text);
  if (!m) return undefined;
  const from = isoDate(m[1], m[2], m[3]);
  const to = isoDate(m[4], m[5], m[6]);
  return from && to ? { from, to } : undefined;
}

/** 由……等六个部分组成 / 等六项内容 / 六部分组成 → 6. */
export function readSectionCount(text: string): number | undefined {
  const m = /([一二两三四五六七八九十]{1,3}|\d{1,2})\s*(?:个\s*)?(?:部分|项内容|个方面)/.exec(text);
  return m ? readNumber(m[1]) : undefined;
}

/** The agency and year a title names: 「宿迁市公安局 2020 年政府信息公开工作 年度报告」. */
export function readTitle(title: string): { agency?: string; year?: number } {
  const m = /^(.*?)\s*(?:关于)?\s*(\d{4})\s*年/.exec(title);
  if (!m) return {};
  const agency = m[1].replace(/[\s\u3000]+$/g, "").replace(/^[\s\u3000]+/, "");
  return { agency: agency || undefined, year: Number(m[2]) };
}

const LETTERHEAD = /^.{2,30}文件$/;
const SHORT_HEADING = /^[^。，,；;：:！？!?]{1,12}$/;

/**
 * Splits the front matter into letterhead, title lines, date, short headings (概述) and the
 * preface. The title runs from the first line up to the line naming the report (…报告), at most
 * three short lines (seed 001 breaks it after 工作).
 */
export function readFrontMatter(pieces: TextPiece[], ctx: MapContext): FrontMatter {
  const out: FrontMatter = { prefacePieces: [] };
  let i = 0;
  while (i < pieces.length && LETTERHEAD.test(pieces[i].text)) {
    unplace(ctx, pieces[i].text, pieces[i].at, "letterhead");
    i++;
  }
  const titleParts: TextPiece[] = [];
  for (let j = i; j < Math.min(pieces.length, i + 3); j++) {
    const text = pieces[j].text;
    if (text.length > 60 || /[。；;]/.test(text) || dateLine(text)) break;
    titleParts.push(pieces[j]);
    if (/报告/.test(text)) break;
  }
  if (titleParts.length && titleParts.some((p) => /报告/.test(p.text))) {
    out.title = titleParts.map((p) => p.text).join("");
    ctx.provenance["stated.title"] = titleParts[0].at;
    i += titleParts.length;
  }
  const preface: TextPiece[] = [];
  for (; i < pieces.length; i++) {
    const piece = pieces[i];
    const date = dateLine(piece.text);
    if (date && !out.date) {
      out.date = date;
      ctx.provenance.date = piece.at;
    } else if (!preface.length && SHORT_HEADING.test(piece.text) && !/\d/.test(piece.text)) {
      unplace(ctx, piece.text, piece.at, "front-matter-heading");
    } else {
      preface.push(piece);
    }
  }
  const joined = joinBrokenLines(preface);
  if (joined.length) {
    out.prefacePieces = joined;
    out.preface = joinParagraphs(joined);
    ctx.provenance.preface = joined[0].at;
    out.period = readPeriod(out.preface);
    if (out.period) ctx.provenance["stated.period"] = joined[0].at;
    out.sectionCount = readSectionCount(out.preface);
    if (out.sectionCount !== undefined) ctx.provenance["stated.sectionCount"] = joined[0].at;
  }
  if (out.title) {
    const { agency, year } = readTitle(out.title);
    if (agency) {
      out.agency = agency;
      ctx.provenance.agency = ctx.provenance["stated.title"];
    }
    if (year) {
      out.year = year;
      ctx.provenance.year = ctx.provenance["stated.title"];
    }
  } else {
    problem(ctx, "title.missing", "未找到报告标题（应在正文之前，形如「××× 2023 年政府信息公开工作年度报告」）。");
  }
  return out;
}

/** Contact fields, each read by its own pattern; the first paragraph that has one wins. */
const CONTACT_HANDLERS: { key: keyof TContact; read: (text: string) => string | undefined }[] = [
  { key: "address", read: (t) => /地址\s*[:：]\s*([^，,；;。）)\n]+)/.exec(t)?.[1] ?? unlabelledAddress(t) },
  { key: "postcode", read: (t) => /(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})/.exec(t)?.[1] },
  { key: "phone", read: (t) => /(?:联系|咨询|办公)?电话\s*[:：]?\s*(\d[\d\-－—()（） ]{4,40}\d)/.exec(t)?.[1] },
  { key: "fax", read: (t) => /传真\s*[:：]?\s*(\d[\d\-－—()（） ]{4,40}\d)/.exec(t)?.[1] },
  // Bounded repetitions: an unbounded local part would rescan a long word from every letter.
  { key: "email", read: (t) => /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}/.exec(t)?.[0] },
  { key: "website", read: (t) => /(?:https?:\/\/|www\.)[^\s，,。；;）)<>“”"'、（(]{1,300}/i.exec(t)?.[0] },
];

/** 「(宿迁市宿城区洪泽湖路 865 号,邮政编码:223800,…)」: an address without 地址 (seed 004). */
function unlabelledAddress(text: string): string | undefined {
  const group = /[（(]([^（()）]{0,300}(?:邮编|邮政编码|电话)[^（()）]{0,300})[）)]/.exec(text)?.[1];
  const first = group?.split(/[,，；;]/)[0]?.trim();
  return first && /[路街道号巷村楼]/.test(first) && !/[:：]/.test(first) ? first : undefined;
}

export function readContact(pieces: TextPiece[], ctx: MapContext): TContact | undefined {
  const contact: TContact = {};
  for (const { key, read } of CONTACT_HANDLERS) {
    for (const piece of pieces) {
      const value = read(piece.text)?.trim();
      if (value && value.length <= 200) {
        contact[key] = value;
        ctx.provenance[`contact.${key}`] = piece.at;
        break;
      }
    }
  }
  return Object.keys(contact).length ? contact : undefined;
}
