// Shared by the format reader tests: fixture documents and builders for the rows a reader should produce.
import { readFileSync } from 'node:fs';
import type { TextCell, TextRow } from '../../src/extract/model.js';

export const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));

/** Expected-row builders: P = prose row, T = row of table `t`; cells are strings, R(x) / C for merged copies. */
export const P = (text: string): TextRow => ({ cells: [{ text }], tabular: false });
export const T = (table: number, ...cells: (string | TextCell)[]): TextRow => ({
  cells: cells.map((c) => (typeof c === 'string' ? { text: c } : c)),
  tabular: true,
  table,
});
export const R = (text: string): TextCell => ({ text, merged: 'row' });
export const C: TextCell = { text: '', merged: 'col' };

/** Prose lines as rows, one row each, blank lines dropped as the readers do. */
export const proseRows = (text: string): TextRow[] =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ cells: [{ text: l.trim() }], tabular: false }));

/** The rows of merged.docx and merged.doc (the same document saved twice, see make-word.ts). */
export const MERGED_ROWS: TextRow[] = [
  P('某某乡2020年政府信息公开工作年度报告'),
  P('本报告根据条例编制。'),
  P('三、收到和处理政府信息公开申请情况'),
  T(0, '（本列数据的勾稽关系）', C, '申请人情况', C, C),
  T(0, R('（本列数据的勾稽关系）'), C, '自然人', '商业 企业', '总计'),
  T(0, '一、本年新收政府信息公开申请数量', C, '5', '', '5'),
  T(0, '三、本年度办理结果', '（一）予以公开', '3', '0', '3'),
  T(0, R('三、本年度办理结果'), '（二）部分公开', '1', '1', '2'),
  P('四、行政复议、行政诉讼情况'),
  T(1, '行政复议', '0', '1'),
  T(1, '行政诉讼', '2', '0'),
  P('某某乡人民政府'),
];

/** Rows (or cells) without the readers' locations (`at`), for tests about text and layout only. */
export function noAt<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'at' ? undefined : v)));
}
