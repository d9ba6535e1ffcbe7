// The form's accounting identities (record-schema.md "Accounting identities"), as the form specs
// state them (src/forms/). A report whose own numbers break one is kept as printed; the failed
// check is a finding, not an extraction error. Blank cells count as 0 inside an identity; an
// identity whose cells are all blank is not checked.
import { APPLICATIONS, REVIEWS, evaluateIdentities } from '../forms/index.js';
import type { ApplicationsTable, Check, ReviewsTable } from '../record.js';

export function computeChecks(applications: ApplicationsTable | null, reviews: ReviewsTable | null): Check[] {
  return [
    ...(applications ? evaluateIdentities(APPLICATIONS, applications) : []),
    ...(reviews ? evaluateIdentities(REVIEWS, reviews) : []),
  ] as Check[];
}
