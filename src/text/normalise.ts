// Text normalisers, one per purpose: whitespace folded for display (fold), removed for labels padded
// with &ensp; (squeeze), the reading form the metadata rules match against (flatten), the form in
// which table labels are compared (labelKey), and the form two publications of one report share
// (contentKey). Full-width → half-width is NFKC, or ASCII letters and digits only in flatten.
import { chineseDatesToDigits } from './dates.js';

/** Zero-width characters that editors leave in text. */
export const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Whitespace of any width (incl. &nbsp;, &ensp;, ideographic space) folded to one space, zero-width characters dropped, trimmed. */
export function fold(text: string | null | undefined): string {
  return (text ?? '').replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
}

/** All whitespace and zero-width characters removed: for labels padded with &ensp; (索&ensp;引&ensp;号). */
export function squeeze(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u200b]+/g, '');
}

/** Full-width ASCII letters and digits as ASCII ("２０２３" → "2023"); other characters unchanged. */
export function halfWidthAlnum(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const SPACE_RUN = /[\s\u3000\u00a0]+/g;
const ASCII_ALNUM = /[0-9A-Za-z]/;

/**
 * Text as the metadata rules read it: line breaks and stray spaces gone (PDF lines break inside
 * words: "淮安市洪\n泽区"), full-width digits and Chinese-numeral dates ("二〇二一年一月三十日") as
 * ASCII digits. A space stays only between two ASCII letters/digits, so table numbers keep apart.
 */
export function flatten(text: string): string {
  const joined = halfWidthAlnum(text).replace(SPACE_RUN, (space, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + space.length] ?? '';
    return ASCII_ALNUM.test(before) && ASCII_ALNUM.test(after) ? ' ' : '';
  });
  return chineseDatesToDigits(joined);
}

/** NFKC (full-width → half-width), no whitespace: the form in which table labels are compared. */
export function labelKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
}

/** Text reduced to what survives re-publishing: NFKC, no whitespace, no punctuation or symbols. */
export function contentKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '');
}
