// The national 《政府信息公开情况统计表》 of 国办发〔2014〕32号 that many 2014–2018 reports append
// (report-forms.md §9): one column of figures (统计指标 · 单位 · 统计数), rows such as
// "（一）收到申请数 | 件 | 12". It has no applicant split, so only totals are read, and only where a
// row means the same thing as a record cell:
//   收到申请数 → applications.new_received.total
//   同意公开答复数 → applications.granted.total
//   同意部分公开答复数 → applications.partially_granted.total
//   行政复议数量 → reviews.review.total; its 维持具体行政行为数 / 被依法纠错数 / 其他情形数 →
//     upheld / corrected / other (pending stays null: the 统计表 has no such row)
// Deliberately not mapped (`unmapped`: the figures are named in a warning, "统计表 prints <them><why>",
// and the cells stay null):
//   申请信息不存在数 and 不属于本行政机关公开数: the 2019 form's 本机关不掌握相关政府信息
//     (unable_not_held) covers both cases at once, so neither row alone is that cell, and adding
//     them up would be our inference, not the report's figure.
//   行政诉讼数量: the 统计表 does not say whether a suit followed a review, so it fits neither
//     litigation_direct nor litigation_after_review.
//   不同意公开 reasons (涉及国家秘密…): the 2007 条例's grounds, not the 2019 form's eight.
import type { ApplicationRow, ReviewColumn, ReviewGroup } from './tables.js';

/** What a 统计表 row means: a record cell, a review outcome of the block it sits in, or a figure with no cell. */
export type StatisticMeaning =
  | { table: 'applications'; row: ApplicationRow }
  | { table: 'reviews'; row: 'review'; column: 'total' }
  | { outcome: Exclude<ReviewColumn, 'pending' | 'total'> }
  | { unmapped: 'applications'; covers: readonly ApplicationRow[]; where: string; why: string }
  | { unmapped: 'reviews'; covers: readonly ReviewGroup[]; where: string; why: string };

export const STATISTICS_2014 = {
  id: 'pre2019',
  /** The template of reports before the table forms (with or without the 统计表). */
  name: ['2019年以前', 'Before 2019'],
  /** Labels only the 统计表 prints; a table is one when at least `minSignatures` of them appear on figure rows. */
  signatures: [
    /主动公开政府信息数/,
    /收到申请数/,
    /申请办结数/,
    /按时办结数/,
    /申请答复数/,
    /属于已主动公开范围/,
    /同意部分公开答复数/,
    /(?<!不)同意公开答复数/,
    /不同意公开答复数/,
    /不属于本(行政)?机关公开/,
    /申请信息不存在/,
    /告知作出更改补充/,
    /告知通过其他途径/,
    /行政复议数(量)?$/,
    /行政诉讼数(量)?$/,
    /举报投诉数(量)?$/,
    /依申请公开信息收取的费用/,
  ],
  minSignatures: 3,
  /** The header cell over the labels; a table printing more than one figure column after it is another table. */
  header: '统计指标',
  units: ['人次', '万元', '件', '条', '个', '次', '人', '篇', '项', '元'],
  /** Words a label ends in before its figure when a row arrives as one cell ("收到申请数件12"). */
  labelEnds: ['数', '数量', '费用', '经费'],
  /** Block headings of the 复议 and 诉讼 rows ("四、行政复议数量"), by the group of rows they open. */
  blocks: { review: /行政复议/, litigation: /行政诉讼/ },
  /**
   * Row meanings, first match wins. `outcome` rows count only inside a 复议 or 诉讼 block: in the 复议
   * block they are cells of reviews.review; in the 诉讼 block they join the unmapped 行政诉讼 figures.
   */
  rows: [
    { label: /同意部分公开/, means: { table: 'applications', row: 'partially_granted' } },
    { label: /(?<!不)同意公开/, means: { table: 'applications', row: 'granted' } },
    { label: /收到.{0,8}申请(总)?数/, means: { table: 'applications', row: 'new_received' } },
    {
      label: /申请信息不存在|不属于本(行政)?机关公开/,
      means: {
        unmapped: 'applications',
        covers: ['unable_not_held'],
        where: 'applications.unable_not_held.total',
        why: '; 本机关不掌握 (2019 form) counts 信息不存在 and 不属于本机关 together, so the cell is left null',
      },
    },
    { label: /维持/, means: { outcome: 'upheld' } },
    { label: /纠错|纠正/, means: { outcome: 'corrected' } },
    { label: /其他情形/, means: { outcome: 'other' } },
    // "行政复议数量", or "行政复议 | 行政复议数量" when a rowspan group cell names the block.
    { label: /^行政复议$|行政复议(案件)?(数量|数|总数)$/, means: { table: 'reviews', row: 'review', column: 'total' } },
    {
      label: /^行政诉讼$|行政诉讼(案件)?(数量|数|总数)$/,
      means: {
        unmapped: 'reviews',
        covers: ['litigation_direct', 'litigation_after_review'],
        where: 'reviews.litigation',
        why: ' without saying whether suits followed a review; litigation groups left null',
      },
    },
  ] as const satisfies readonly { label: RegExp; means: StatisticMeaning }[],
} as const;
