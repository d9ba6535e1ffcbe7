// The form's accounting identities (record-schema.md "Accounting identities"). A report whose own
// numbers break one is kept as printed; the failed check is a finding, not an extraction error.
// Blank cells count as 0 inside an identity; an identity whose cells are all blank is not checked.
import {
  APPLICANT_COLUMNS,
  OTHER_SUB_ROWS,
  OUTCOME_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ApplicationRow,
  type ApplicationsTable,
  type Cell,
  type Check,
  type ReviewsTable,
} from '../record.js';

const n = (v: Cell | undefined) => v ?? 0;
const allBlank = (vs: (Cell | undefined)[]) => vs.every((v) => v === null || v === undefined);

export function computeChecks(applications: ApplicationsTable | null, reviews: ReviewsTable | null): Check[] {
  const checks: Check[] = [];
  if (applications) {
    const cell = (row: ApplicationRow, col: (typeof APPLICANT_COLUMNS)[number]) => applications[row]?.[col];
    for (const col of APPLICANT_COLUMNS) {
      const parts = [
        cell('new_received', col),
        cell('carried_over', col),
        cell('total_processed', col),
        cell('carried_forward', col),
      ];
      if (allBlank(parts)) continue;
      const [a, b, c, d] = parts.map(n);
      checks.push({
        rule: 'applications.balance',
        ok: a + b === c + d,
        detail: `${col}: new_received ${a} + carried_over ${b} ${a + b === c + d ? '=' : '≠'} total_processed ${c} + carried_forward ${d}`,
      });
    }
    for (const [row, cells] of Object.entries(applications)) {
      if (!cells) continue;
      const parts = APPLICANT_COLUMNS.slice(0, -1).map((c) => cells[c]);
      if (allBlank([...parts, cells.total])) continue;
      const sum = parts.reduce<number>((s, v) => s + n(v), 0);
      checks.push({
        rule: 'applications.row_sum',
        ok: sum === n(cells.total),
        detail: `${row}: total ${n(cells.total)} ${sum === n(cells.total) ? '=' : '≠'} sum of applicant columns ${sum}`,
      });
    }
    const subRows = OTHER_SUB_ROWS.some((k) => applications[k]);
    const outcomeRows: ApplicationRow[] = [
      ...OUTCOME_ROWS,
      ...(subRows ? OTHER_SUB_ROWS : (['other'] as ApplicationRow[])),
    ];
    for (const col of APPLICANT_COLUMNS) {
      const parts = outcomeRows.map((r) => cell(r, col));
      const total = cell('total_processed', col);
      if (allBlank([...parts, total])) continue;
      const sum = parts.reduce<number>((s, v) => s + n(v), 0);
      checks.push({
        rule: 'applications.outcome_sum',
        ok: sum === n(total),
        detail: `${col}: total_processed ${n(total)} ${sum === n(total) ? '=' : '≠'} sum of outcome rows ${sum}`,
      });
    }
  }
  if (reviews) {
    for (const g of REVIEW_GROUPS) {
      const cells = reviews[g];
      if (allBlank(REVIEW_COLUMNS.map((c) => cells[c]))) continue;
      const sum = n(cells.upheld) + n(cells.corrected) + n(cells.other) + n(cells.pending);
      checks.push({
        rule: 'reviews.total',
        ok: sum === n(cells.total),
        detail: `${g}: total ${n(cells.total)} ${sum === n(cells.total) ? '=' : '≠'} upheld + corrected + other + pending ${sum}`,
      });
    }
  }
  return checks;
}
