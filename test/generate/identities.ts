// The accounting identities of record-schema.md, checked on a generated truth (blank = 0).
// Every generated report must pass them all: the generator's numbers are consistent by construction.
import { APPLICANT_COLUMNS, REVIEW_GROUPS, type ApplicationRow } from '../../src/forms/index.js';
import { OTHER_SUB_ROWS, OUTCOME_ROWS } from '../forms.js';
import type { Cell } from '../../src/record.js';
import type { FormVariant, Truth } from './report.js';

const n = (c: Cell | string | undefined): number => (typeof c === 'number' ? c : 0);

export function identityFailures(t: Truth, variant: FormVariant): string[] {
  const out: string[] = [];
  const a = t.applications;
  const row = (k: ApplicationRow) => a[k] ?? (out.push(`missing row ${k}`), undefined);
  const others: ApplicationRow[] = variant === '2021' ? OTHER_SUB_ROWS : ['other'];
  for (const col of APPLICANT_COLUMNS) {
    const v = (k: ApplicationRow) => n(row(k)?.[col]);
    if (v('new_received') + v('carried_over') !== v('total_processed') + v('carried_forward'))
      out.push(`balance ${col}`);
    const outcomes = [...OUTCOME_ROWS, ...others].reduce((s, k) => s + v(k), 0);
    if (outcomes !== v('total_processed')) out.push(`outcome_sum ${col}: ${outcomes} ≠ ${v('total_processed')}`);
    if (variant === '2021' && OTHER_SUB_ROWS.reduce((s, k) => s + v(k), 0) !== v('other')) out.push(`other ${col}`);
  }
  for (const [key, cells] of Object.entries(a)) {
    const parts = APPLICANT_COLUMNS.slice(0, 6).reduce((s, c) => s + n(cells![c]), 0);
    if (parts !== cells!.total) out.push(`row_sum ${key}`);
  }
  for (const g of REVIEW_GROUPS) {
    const r = t.reviews[g];
    if (n(r.upheld) + n(r.corrected) + n(r.other) + n(r.pending) !== r.total) out.push(`reviews.total ${g}`);
  }
  return out;
}
