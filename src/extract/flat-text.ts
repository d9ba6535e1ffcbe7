// Text as the metadata rules read it: line breaks and stray spaces gone (PDF lines break inside
// words: "淮安市洪\n泽区"), full-width digits and Chinese-numeral dates ("二〇二一年一月三十日") as
// ASCII digits. A space stays only between two ASCII letters/digits, so table numbers keep apart.
import type { DocumentModel } from './model.js';

const FULL_WIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/g;
const SPACE_RUN = /[\s\u3000\u00a0]+/g;
const ASCII_ALNUM = /[0-9A-Za-z]/;

export function flatten(text: string): string {
  const s = text.replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const joined = s.replace(SPACE_RUN, (space, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + space.length] ?? '';
    return ASCII_ALNUM.test(before) && ASCII_ALNUM.test(after) ? ' ' : '';
  });
  return chineseDatesToDigits(joined);
}

const DIGIT: Record<string, number> = {
  〇: 0, 零: 0, '○': 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** "三十" → 30, "十二" → 12, "二十一" → 21, "九" → 9. */
function smallNumber(s: string): number {
  const ten = s.indexOf('十');
  if (ten < 0) return DIGIT[s] ?? NaN;
  const tens = ten === 0 ? 1 : DIGIT[s.slice(0, ten)]!;
  const units = ten === s.length - 1 ? 0 : DIGIT[s.slice(ten + 1)]!;
  return tens * 10 + units;
}

/** Years, months and days written in Chinese numerals, as digits ("二〇二〇年十二月三十一日" → "2020年12月31日"). */
export function chineseDatesToDigits(s: string): string {
  return s
    .replace(/([〇零○OＯ一二三四五六七八九]{4})(?=年)/g, (y) => [...y].map((c) => DIGIT[c]).join(''))
    .replace(/(?<=年)([一二三四五六七八九十]{1,3})(?=月)/g, (m) => String(smallNumber(m)))
    .replace(/(?<=月)([一二三四五六七八九十]{1,3})(?=日)/g, (d) => String(smallNumber(d)));
}

/** A row's cells joined and flattened: the line as a reader sees it. */
export function flatLine(cells: { text: string }[]): string {
  return flatten(cells.map((c) => c.text).join(' '));
}

export type Line = { text: string; tabular: boolean };
const linesCache = new WeakMap<DocumentModel, Line[]>();

/** The document's non-empty lines, flattened, with whether they came from a table (computed once). */
export function documentLines(model: DocumentModel): Line[] {
  const cached = linesCache.get(model);
  if (cached) return cached;
  const out: Line[] = [];
  for (const row of model.rows) {
    const text = flatLine(row.cells).replace(/^#+/, '');
    if (text) out.push({ text, tabular: row.tabular });
  }
  linesCache.set(model, out);
  return out;
}
