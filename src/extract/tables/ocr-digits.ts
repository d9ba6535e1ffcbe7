// Figures read by OCR can carry one wrong digit of a familiar kind (0/6/8/9, 1/7, 3/8, 5/6). The
// form's identities catch them: when a table's identities fail and exactly one substitution of one
// digit of one OCR-read cell makes every identity of the table hold, it is applied and warned about
// (`ocr_corrected`, with the figure as read). Otherwise the cells stay as read and the failing
// identities stand. A cell OCR left blank is never filled.
import { evaluateIdentities, type Grid, type GridSpec } from '../../forms/index.js';
import type { CellSource, Warning } from '../../record.js';

/** Digits OCR engines take for one another. */
const CONFUSED: Record<string, string> = {
  '0': '689',
  '1': '7',
  '3': '8',
  '5': '6',
  '6': '058',
  '7': '1',
  '8': '0369',
  '9': '08',
};

/** Every value one confusable digit away from `n`. */
export function oneDigitAway(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) return [];
  const digits = String(n);
  const out: number[] = [];
  for (let i = 0; i < digits.length; i++)
    for (const alt of CONFUSED[digits[i]!] ?? '') {
      const text = digits.slice(0, i) + alt + digits.slice(i + 1);
      if (text.length > 1 && text.startsWith('0')) continue;
      out.push(Number(text));
    }
  return out;
}

/**
 * Corrects one OCR digit in `table` (in place) when that alone makes all of the table's identities
 * hold, and that correction is the only one that does. `sources`: the record's cell entries (the
 * corrected one gets the new value); `ocrPages`: the pages read by OCR.
 */
export function correctOcrDigits(
  name: 'applications' | 'reviews',
  spec: GridSpec,
  table: Grid,
  sources: CellSource[],
  ocrPages: number[],
): Warning[] {
  const fails = (t: Grid) => evaluateIdentities(spec, t).some((c) => !c.ok);
  if (!fails(table)) return [];
  const read = sources.filter(
    (s) => s.table === name && s.page !== undefined && ocrPages.includes(s.page) && typeof s.value === 'number',
  );
  const fixes: { source: CellSource; value: number }[] = [];
  for (const source of read) {
    const row = table[source.row];
    if (!row || row[source.column] !== source.value) continue;
    for (const value of oneDigitAway(source.value!)) {
      row[source.column] = value;
      if (!fails(table)) fixes.push({ source, value });
      row[source.column] = source.value;
      if (fixes.length > 1) return [];
    }
  }
  if (fixes.length !== 1) return [];
  const { source, value } = fixes[0]!;
  table[source.row]![source.column] = value;
  const was = source.value;
  source.value = value;
  return [
    {
      code: 'ocr_corrected',
      where: `${name}.${source.row}.${source.column}`,
      detail: `OCR read '${source.printed}' (${was}); ${value} is the one-digit reading under which every identity of the table holds`,
    },
  ];
}
