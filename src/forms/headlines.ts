// The headline figures of reports.csv (one column each, for journalists): cells of the forms' tables,
// or sums of them, defined over the record's tables so that one column means the same for reports
// of every form. Each is written here once; the publisher derives the CSV, Parquet and codebook
// columns from this list.
import { APPLICATIONS, columnSpec, type TableName } from './tables.js';
import type { Bi } from './spec.js';

/**
 * A figure: a cell ("applications.new_received.total"), the sum of several (null when every one is
 * blank), or the first of several that is not blank.
 */
export type Figure = string | { sum: readonly Figure[] } | { first: readonly Figure[] };

export interface Headline {
  name: string;
  /** Chinese column title, English description. */
  label: Bi;
  figure: Figure;
}

/** The rows of a group of table 三 ("denied" → the eight 不予公开 rows). */
const group = (g: string) => APPLICATIONS.rows.filter((r) => r.group === g).map((r) => `applications.${r.key}.total`);
const otherParts = (APPLICATIONS.rows.find((r) => r.key === 'other')?.parts ?? []).map(
  (k) => `applications.${k}.total`,
);

export const HEADLINES: readonly Headline[] = [
  {
    name: 'applications_new',
    label: ['本年新收政府信息公开申请数量', 'Applications received this year (table 三, row 一, total).'],
    figure: 'applications.new_received.total',
  },
  {
    name: 'applications_new_natural_person',
    label: ['本年新收申请数量（自然人）', 'Applications received this year from natural persons.'],
    figure: 'applications.new_received.natural_person',
  },
  {
    name: 'applications_carried_over',
    label: ['上年结转政府信息公开申请数量', 'Applications carried over from last year (row 二, total).'],
    figure: 'applications.carried_over.total',
  },
  {
    name: 'processed_total',
    label: ['本年度办理结果总计', 'Applications processed this year (row 三（七）总计, total).'],
    figure: 'applications.total_processed.total',
  },
  {
    name: 'granted',
    label: ['予以公开', 'Processed: information disclosed in full (三（一）).'],
    figure: 'applications.granted.total',
  },
  {
    name: 'partially_granted',
    label: ['部分公开', 'Processed: disclosed in part (三（二）).'],
    figure: 'applications.partially_granted.total',
  },
  {
    name: 'denied',
    label: [
      '不予公开',
      'Processed: disclosure refused (三（三）, sum of its 8 reason rows; blank when none is printed).',
    ],
    figure: { sum: group('denied') },
  },
  {
    name: 'unable',
    label: [
      '无法提供',
      'Processed: information cannot be provided (三（四）, sum of its 3 rows: not held, would need creating, request unclear).',
    ],
    figure: { sum: group('unable') },
  },
  {
    name: 'rejected',
    label: [
      '不予处理',
      'Processed: request not handled (三（五）, sum of its 5 rows: complaints, duplicates, publications, excessive, confirmations).',
    ],
    figure: { sum: group('rejected') },
  },
  {
    name: 'other_processing',
    label: [
      '其他处理',
      "Processed otherwise (三（六）: the 2019 form's single row, or the sum of the 2021 form's 3 sub-rows).",
    ],
    figure: { first: ['applications.other.total', { sum: otherParts }] },
  },
  {
    name: 'carried_forward',
    label: ['结转下年度继续办理', 'Applications carried forward to next year (row 四, total).'],
    figure: 'applications.carried_forward.total',
  },
  {
    name: 'review_total',
    label: ['行政复议总计', 'Administrative reconsiderations (行政复议), total.'],
    figure: 'reviews.review.total',
  },
  {
    name: 'review_corrected',
    label: ['行政复议结果纠正', 'Administrative reconsiderations whose result corrected the agency.'],
    figure: 'reviews.review.corrected',
  },
  {
    name: 'litigation_total',
    label: ['行政诉讼总计', 'Administrative lawsuits, total (direct + after reconsideration).'],
    figure: { sum: ['reviews.litigation_direct.total', 'reviews.litigation_after_review.total'] },
  },
  {
    name: 'litigation_corrected',
    label: [
      '行政诉讼结果纠正',
      'Administrative lawsuits whose result corrected the agency (direct + after reconsideration).',
    ],
    figure: { sum: ['reviews.litigation_direct.corrected', 'reviews.litigation_after_review.corrected'] },
  },
  {
    name: 'regulations_issued',
    label: [
      '规章本年制发件数',
      'Regulations (规章) issued this year (2021 form 本年制发件数; 2019 form 本年新制作数量).',
    ],
    figure: { first: ['proactive.regulations.issued', 'proactive.regulations.new_made'] },
  },
  {
    name: 'regulations_in_force',
    label: ['规章现行有效件数', 'Regulations in force (2021 form only).'],
    figure: 'proactive.regulations.in_force',
  },
  {
    name: 'normative_documents_issued',
    label: [
      '规范性文件本年制发件数',
      'Normative documents (行政规范性文件) issued this year (2021 form 本年制发件数; 2019 form 本年新制作数量).',
    ],
    figure: { first: ['proactive.normative_documents.issued', 'proactive.normative_documents.new_made'] },
  },
  {
    name: 'normative_documents_in_force',
    label: ['规范性文件现行有效件数', 'Normative documents in force (2021 form only).'],
    figure: 'proactive.normative_documents.in_force',
  },
  {
    name: 'licensing_decisions',
    label: ['行政许可处理决定数量', 'Administrative licensing decisions this year.'],
    figure: 'proactive.licensing.decisions',
  },
  {
    name: 'penalty_decisions',
    label: ['行政处罚处理决定数量', 'Administrative penalty decisions this year.'],
    figure: 'proactive.penalty.decisions',
  },
  {
    name: 'coercion_decisions',
    label: ['行政强制处理决定数量', 'Administrative coercion decisions this year.'],
    figure: 'proactive.coercion.decisions',
  },
  {
    name: 'fees_wan_yuan',
    label: [
      '行政事业性收费金额（万元）',
      'Administrative fees collected, in 万元 (10,000 yuan) (2021 form only; blank when the unit is unknown).',
    ],
    figure: 'proactive.fees.amount_wan_yuan',
  },
];

/** A record's three tables, as far as a headline reads them. */
export type Tables = Partial<Record<TableName, Record<string, Record<string, unknown> | undefined> | null>>;

/** A cell figure's table, row and column, split once per figure (the publisher reads some 3 million). */
const cellPaths = new Map<string, [TableName, string, string]>();
function cellPath(figure: string): [TableName, string, string] {
  let p = cellPaths.get(figure);
  if (!p) cellPaths.set(figure, (p = figure.split('.') as [TableName, string, string]));
  return p;
}

/** The figure's value in a report: a number, or null when the report leaves it blank. */
export function figureValue(tables: Tables, figure: Figure): number | null {
  if (typeof figure === 'string') {
    const [table, row, column] = cellPath(figure);
    const v = tables[table]?.[row]?.[column];
    return typeof v === 'number' ? v : null;
  }
  if ('first' in figure) {
    for (const f of figure.first) {
      const v = figureValue(tables, f);
      if (v !== null) return v;
    }
    return null;
  }
  let sum: number | null = null;
  for (const f of figure.sum) {
    const v = figureValue(tables, f);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

/** Money figures are decimals ('number'); counts are whole ('integer'). */
export function figureType(figure: Figure): 'integer' | 'number' {
  const cells = (f: Figure): string[] => (typeof f === 'string' ? [f] : ('sum' in f ? f.sum : f.first).flatMap(cells));
  return cells(figure).some((c) => {
    const [table, , column] = c.split('.') as [TableName, string, string];
    return columnSpec(table, column)?.type === 'money';
  })
    ? 'number'
    : 'integer';
}
