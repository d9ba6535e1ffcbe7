// Chinese numerals: the one digit map (〇/零/○ and the letter O that stand in for zero, 两 for two)
// and the two ways reports write numbers with it: year digit by digit ("二〇二三" → 2023) and small
// counts, months and days with 十 ("十二" → 12, "二十一" → 21, "两" → 2).

/** Each Chinese numeral character (and the look-alikes reports print for 〇) as a digit. */
export const CHINESE_DIGIT: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  '○': 0,
  Ｏ: 0,
  O: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Numerals written digit by digit, as years are ("二〇二三" → "2023"). */
export function chineseDigits(s: string): string {
  return [...s].map((c) => CHINESE_DIGIT[c]).join('');
}

/** A number written in digits or in Chinese up to 99: "十" → 10, "十二" → 12, "二十一" → 21, "两" → 2; NaN otherwise. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CHINESE_DIGIT[m[1]]! : 1) * 10 + (m[2] ? CHINESE_DIGIT[m[2]]! : 0);
  return s.length === 1 ? (CHINESE_DIGIT[s] ?? NaN) : NaN;
}
