// CSV cells for every published CSV: RFC 4180 quoting by csv-stringify, and the spreadsheet
// formula guard. A text cell starting with = + - @ (or a tab / carriage return) gets a leading
// apostrophe so Excel and LibreOffice show it instead of evaluating it; numbers are written as
// numbers (a negative count stays -3); null is an empty cell, 0 stays 0.
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | null | undefined;

export const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const OPTIONS = {
  record_delimiter: '\r\n',
  cast: { string: (s: string) => neutralise(s), number: (n: number) => numberText(n) },
} as const;

/** A number as written in every file: shortest round-trip form, never exponent notation for counts. */
export function numberText(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/** Rows (header first) → CSV text, CRLF line ends (RFC 4180); `bom` adds U+FEFF so Excel reads UTF-8. */
export function csvText(rows: CsvValue[][], bom = false): string {
  return (bom ? '\uFEFF' : '') + stringify(rows, OPTIONS);
}

/** Text csv-stringify writes as it is: no formula start, no quote, comma or line break. */
const PLAIN = /^[^=+\-@\t\r",\n][^",\r\n]*$/;
/** Text it only wraps in quotes: a comma, but no quote or line break, and no formula start. */
const COMMAS = /^[^=+\-@\t\r",\n][^"\r\n]*$/;

/**
 * One cell, escaped and guarded, for writers that assemble lines from pre-escaped pieces. Plain
 * text and numbers skip csv-stringify (what it would write is known: test/publish/csvfile.test.ts).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number' && Number.isFinite(value)) return numberText(value);
  if (typeof value === 'string' && PLAIN.test(value)) return value;
  if (typeof value === 'string' && COMMAS.test(value)) return `"${value}"`;
  return stringify([[value]], OPTIONS).slice(0, -2);
}
