// Dates a report prints: the year its statistics period covers ("统计期限自2020年1月1日起至2020年
// 12月31日止", many spellings) and the date it is signed or labelled with (the year in its title:
// src/text/dates.ts titleYear).
import { isoFromParts, NUMERIC_DATE, plausibleYear } from '../text/dates.js';
import { documentLines } from './flat-text.js';
import type { DocumentModel } from './model.js';

const DATE = String.raw`${NUMERIC_DATE}\s*日?`;
const RANGE_TO = String.raw`[^。；\d]{0,8}?`;
/** "统计期限自2020年1月1日起至2020年12月31日止" and its many spellings. */
const PERIOD_FULL = new RegExp(
  String.raw`统计(?:期限|时限|期间|时间|区间|周期|范围|截止)?[^。；\d]{0,15}?${DATE}${RANGE_TO}(?:(\d{4})\s*[年.\-/])?\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?`,
);
/** "统计期限为2020年度", "统计时间为2020年全年". */
const PERIOD_YEAR = /统计(?:期限|时限|期间|时间|区间|范围)[^。；\d]{0,8}(\d{4})年(?:度|全年|1-12月)/;
/** A whole calendar year anywhere: "2020年1月1日至2020年12月31日". */
const WHOLE_YEAR = /(\d{4})年1月1日(?:起)?(?:至|到|—|-|－|~)(?:(\d{4})年)?12月31日/;

/** The year the statistics-period sentence covers (its end year), or null. */
export function periodYear(flat: string): number | null {
  const full = PERIOD_FULL.exec(flat);
  if (full) {
    const year = Number(full[4] ?? full[1]);
    if (plausibleYear(year)) return year;
  }
  const whole = PERIOD_YEAR.exec(flat) ?? WHOLE_YEAR.exec(flat);
  if (whole) {
    const year = Number(whole[2] ?? whole[1]);
    if (plausibleYear(year)) return year;
  }
  return null;
}

/** An ISO date, for a year a report can be dated in. */
function isoDate(y: string, m: string, d: string): string | null {
  return plausibleYear(Number(y)) ? isoFromParts(y, m, d) : null;
}

const SIGNATURE_DATE = new RegExp(String.raw`^[^。，,；:：\d]{0,30}?${DATE}$`);
// Any one punctuation mark between the label and the date (a scan's colon may be read as a comma).
const LABELLED_DATE = new RegExp(`(?:发布|发文|成文|生成|印发|公开|更新)(?:日期|时间)[:：,，;；]?${DATE}`);

/** The date under the signature: one of the last short lines, alone or after the signer. */
export function signatureDate(model: DocumentModel): string | null {
  const tail = documentLines(model)
    .filter((l) => !l.tabular)
    .slice(-8)
    .reverse();
  for (const l of tail) {
    if (l.text.length > 45) continue;
    const m = SIGNATURE_DATE.exec(l.text);
    if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  }
  return null;
}

/** A date labelled 发布日期/成文日期… near the top (a metadata table the reader kept as text). */
export function labelledDate(model: DocumentModel): string | null {
  for (const l of documentLines(model).slice(0, 30)) {
    const m = LABELLED_DATE.exec(l.text);
    if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  }
  return null;
}
