// Golden tests: every real sample in test/fixtures/samples extracts to its .expected.json — whole
// tables and metadata compared at once. `*_partial` tables (prose-only reports) must hold exactly
// the listed cells and null everywhere else; `*_note` keys are explanations, not output.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { SAMPLES } from '../fixtures/samples.js';
import { APPLICATION_ROW_KEYS } from '../../src/forms/index.js';
import { OTHER_SUB_ROWS } from '../forms.js';
import { emptyApplicantRow, emptyReviews, type ReportRecord } from '../../src/record.js';

const samples = ['seeds', 'peer'].flatMap((dir) =>
  readdirSync(path.join(SAMPLES, dir))
    .filter((f) => /\.(txt|pdf)$/.test(f))
    .map((f) => path.join(SAMPLES, dir, f)),
);

const META_KEYS = ['title', 'agency', 'year', 'template', 'published_date', 'region', 'admin_level', 'scope'] as const;

/** The part of a record the expected file speaks about, in the record's own shape. */
function expectedRecord(exp: Record<string, any>) {
  const out: Record<string, unknown> = {};
  for (const k of META_KEYS) if (k in exp) out[k] = exp[k];
  out.proactive = exp.proactive ?? null;
  if (exp.applications) out.applications = exp.applications;
  else if (exp.applications_partial) {
    const table: Record<string, unknown> = {};
    for (const key of APPLICATION_ROW_KEYS.filter((k) => !OTHER_SUB_ROWS.includes(k)))
      table[key] = { ...emptyApplicantRow(), ...(exp.applications_partial[key] ?? {}) };
    out.applications = table;
  } else out.applications = null;
  if (exp.reviews) out.reviews = exp.reviews;
  else if (exp.reviews_partial) {
    const table = emptyReviews() as Record<string, unknown>;
    for (const [g, cells] of Object.entries(exp.reviews_partial))
      table[g] = { ...(table[g] as object), ...(cells as object) };
    out.reviews = table;
  } else out.reviews = null;
  return out;
}

function actualRecord(rec: ReportRecord, exp: Record<string, any>) {
  const out: Record<string, unknown> = {};
  for (const k of META_KEYS) if (k in exp) out[k] = rec[k];
  out.proactive = rec.proactive;
  out.applications = rec.applications;
  out.reviews = rec.reviews;
  return out;
}

describe.each(samples)('%s', (file) => {
  const exp = JSON.parse(readFileSync(file.replace(/\.(txt|pdf)$/, '.expected.json'), 'utf8'));

  it('extracts to its expected record', async () => {
    const rec = await extractDocument({ bytes: readFileSync(file), name: path.basename(file) });
    expect(actualRecord(rec, exp)).toEqual(expectedRecord(exp));
  });
});

const withIdentities = samples.filter(
  (f) => 'identities_hold' in JSON.parse(readFileSync(f.replace(/\.(txt|pdf)$/, '.expected.json'), 'utf8')),
);

it('some samples state which identities hold', () =>
  expect(withIdentities.map((f) => path.basename(f))).toEqual(['hongze-2023.pdf', 'hongze-2024.pdf']));

describe.each(withIdentities)('%s', (file) => {
  it('records exactly the identities the report breaks', async () => {
    const exp = JSON.parse(readFileSync(file.replace(/\.(txt|pdf)$/, '.expected.json'), 'utf8'));
    const rec = await extractDocument({ bytes: readFileSync(file), name: path.basename(file) });
    const held = (prefix: string) => rec.checks.filter((c) => c.rule.startsWith(prefix)).every((c) => c.ok);
    expect({ applications: held('applications.'), reviews: held('reviews.') }).toEqual(exp.identities_hold);
  });
});

describe('hongze-2023 表四 (totals printed wrong in the source)', () => {
  it('keeps the printed totals and fails reviews.total for exactly the two groups', async () => {
    const rec = await extractDocument({
      bytes: readFileSync(path.join(SAMPLES, 'peer/hongze-2023.pdf')),
      name: 'hongze-2023.pdf',
    });
    expect(rec.checks.filter((c) => !c.ok)).toEqual([
      { rule: 'reviews.total', ok: false, detail: 'review: total 0 ≠ upheld + corrected + other + pending 11' },
      {
        rule: 'reviews.total',
        ok: false,
        detail: 'litigation_after_review: total 0 ≠ upheld + corrected + other + pending 5',
      },
    ]);
  });
});
