// Names the tests and the generator use for parts of the forms, derived from the form specs
// (src/forms/) so that tests speak of the same rows the extractor reads.
import { APPLICATIONS, proactiveLayout, tableForm, type ApplicationRow } from '../src/forms/index.js';

/** The 2021 form's three rows under （六）其他处理 (the parts of the `other` row). */
export const OTHER_SUB_ROWS = (APPLICATIONS.rows.find((r) => r.key === 'other')?.parts ?? []) as ApplicationRow[];
/** The outcome rows table 三's outcome identity sums, without （六）其他处理 (its row or its parts). */
export const OUTCOME_ROWS = (APPLICATIONS.identities.find((i) => i.shares)?.right.keys ?? []).filter(
  (k) => k !== 'other',
) as ApplicationRow[];
/** Table 二 per form: row → its columns. */
export const PROACTIVE_2019 = proactiveLayout(tableForm('2019')!);
export const PROACTIVE_2021 = proactiveLayout(tableForm('2021')!);
