// Dates and years as Chinese text writes them: numeric dates in any of the usual spellings
// ("2023-08-28", "2023年8月28日", "2023/8/28", "2023.08.28", "20230828"), dates and years in Chinese
// numerals ("二〇二〇年十二月三十一日"), and the year a report title names. Results are ISO strings.
import { chineseDigits, chineseNumber } from './numerals.js';

/** Year, month, day in digits with any of the separators - 年 / . (a trailing 日 is not part of it). */
export const NUMERIC_DATE = String.raw`(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})`;
/** A numeric date of a year 19xx/20xx (year, month, day captured). */
export const DATE_19_20 = new RegExp(NUMERIC_DATE.replace(String.raw`(\d{4})`, String.raw`((?:19|20)\d{2})`));
const COMPACT_DATE = /\b((?:19|20)\d{2})(\d{2})(\d{2})\b/;

/** Years a report can be about or dated in. */
export const plausibleYear = (y: number) => y >= 2000 && y <= 2100;

/** ISO date of a year, month and day (as digits); null when the month or day is out of range. */
export function isoFromParts(y: string | number, m: string | number, d: string | number): string | null {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO date from '2023-08-28 08:15', '2023年8月28日', '2023/8/28', '2023.08.28', '20230828' (years 19xx/20xx). */
export function isoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const m = DATE_19_20.exec(s) ?? COMPACT_DATE.exec(s);
  return m ? isoFromParts(m[1]!, m[2]!, m[3]!) : null;
}

/** Years, months and days written in Chinese numerals, as digits ("二〇二〇年十二月三十一日" → "2020年12月31日"). */
export function chineseDatesToDigits(s: string): string {
  return s
    .replace(/([〇零○OＯ一二三四五六七八九]{4})(?=年)/g, (y) => chineseDigits(y))
    .replace(/(?<=年)([一二三四五六七八九十]{1,3})(?=月)/g, (m) => String(chineseNumber(m)))
    .replace(/(?<=月)([一二三四五六七八九十]{1,3})(?=日)/g, (d) => String(chineseNumber(d)));
}

/** The year a report title covers: "2023年度…", "（2023年）", "２０２３年", "二〇二三年…", "…（2019）"; null when it names none. */
export function titleYear(title: string): number | null {
  // NFKC for full-width digits; squeezed as normalise.squeeze does (not imported: normalise imports this module)
  const t = chineseDatesToDigits(title.normalize('NFKC').replace(/[\s\u200b]+/g, ''));
  const m = /((?:19|20)\d{2})\s*(?:年|年度)/.exec(t) ?? /[（(]((?:19|20)\d{2})[）)]/.exec(t);
  return m ? Number(m[1]) : null;
}
