// The form specs (src/forms/) are the one home of the forms: the record's keys are theirs (and
// docs/record-schema.md lists the same), their identities are what the checks compute, everything
// derived follows an edit of a spec, and no code outside src/forms/ spells a form's labels or ids.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATIONS,
  HEADLINES,
  PROACTIVE,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEWS,
  TABLE_FORMS,
  TEMPLATES,
  evaluateIdentities,
  figureValue,
  identityCells,
  tableForm,
  type FormSpec,
} from '../src/forms/index.js';
import { applicationsLayout, applicationRowsFor, proactiveLayout } from '../src/publish/site/layout.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('the record keys are the specs’, and the schema document lists them', () => {
  it('table 三, 四 keys in docs/record-schema.md, in order', async () => {
    const doc = await readFile(path.join(ROOT, 'docs/record-schema.md'), 'utf8');
    const section = (title: string) => doc.slice(doc.indexOf(title), doc.indexOf('\n## ', doc.indexOf(title) + 1));
    const rowKeys = (text: string) => [...text.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    const listed = (text: string, label: string) =>
      [
        ...(new RegExp(`${label}:([\\s\\S]*?)(?=\\n\\n|\\n[A-Z][a-z]+:|\\n*$)`).exec(text)?.[1] ?? '').matchAll(
          /`([a-z_]+)`/g,
        ),
      ].map((m) => m[1]);
    const apps = section('## `applications[row][column]`');
    expect(rowKeys(apps)).toEqual(APPLICATION_ROW_KEYS);
    expect(listed(apps, 'Columns')).toEqual(APPLICANT_COLUMNS);
    const reviews = section('## `reviews[group][column]`');
    expect(listed(reviews, 'Groups')).toEqual(REVIEW_GROUPS);
    expect(listed(reviews, 'Columns')).toEqual(REVIEW_COLUMNS);
  });

  it('every template has a name; table forms are ordered by the year they start', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['2019', '2021', 'pre2019', 'narrative', 'unknown']);
    expect(TABLE_FORMS.map((f) => f.since)).toEqual([2019, 2021]);
  });
});

describe('identities as data', () => {
  const empty = () =>
    Object.fromEntries(
      APPLICATION_ROW_KEYS.filter((k) => !k.startsWith('other_')).map((k) => [
        k,
        Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, null])),
      ]),
    ) as Record<string, Record<string, number | null>>;

  it('checks each column, row or group the identity covers, naming it first; all-blank ones are skipped', () => {
    const t = empty();
    Object.assign(t.new_received!, { natural_person: 3, total: 3 });
    Object.assign(t.carried_over!, { natural_person: 1, total: 1 });
    Object.assign(t.granted!, { natural_person: 2, total: 2 });
    Object.assign(t.total_processed!, { natural_person: 2, total: 3 });
    Object.assign(t.carried_forward!, { natural_person: 2, total: 1 });
    expect(evaluateIdentities(APPLICATIONS, t)).toEqual([
      {
        rule: 'applications.balance',
        ok: true,
        detail: 'natural_person: new_received 3 + carried_over 1 = total_processed 2 + carried_forward 2',
      },
      {
        rule: 'applications.balance',
        ok: true,
        detail: 'total: new_received 3 + carried_over 1 = total_processed 3 + carried_forward 1',
      },
      { rule: 'applications.row_sum', ok: true, detail: 'new_received: total 3 = sum of applicant columns 3' },
      { rule: 'applications.row_sum', ok: true, detail: 'carried_over: total 1 = sum of applicant columns 1' },
      { rule: 'applications.row_sum', ok: true, detail: 'granted: total 2 = sum of applicant columns 2' },
      { rule: 'applications.row_sum', ok: false, detail: 'total_processed: total 3 ≠ sum of applicant columns 2' },
      { rule: 'applications.row_sum', ok: false, detail: 'carried_forward: total 1 ≠ sum of applicant columns 2' },
      {
        rule: 'applications.outcome_sum',
        ok: true,
        detail: 'natural_person: total_processed 2 = sum of outcome rows 2',
      },
      { rule: 'applications.outcome_sum', ok: false, detail: 'total: total_processed 3 ≠ sum of outcome rows 2' },
    ]);
  });

  it('a subtotal row stands for its parts when any is printed, in the checks and in the cells they cover', () => {
    const t = empty();
    t.other!.total = 9; // the subtotal as printed, ignored once its parts are
    t.other_no_correction = { ...t.granted!, total: 1 };
    t.other_misc = { ...t.granted!, total: 1 };
    t.total_processed!.total = 2;
    const outcome = APPLICATIONS.identities.find((i) => i.rule === 'applications.outcome_sum')!;
    expect(evaluateIdentities({ ...APPLICATIONS, identities: [outcome] }, t)).toEqual([
      { rule: 'applications.outcome_sum', ok: true, detail: 'total: total_processed 2 = sum of outcome rows 2' },
    ]);
    const cells = identityCells(APPLICATIONS, outcome, t, 'total');
    expect(cells.at(0)).toBe('total_processed.total');
    expect(cells.slice(-3)).toEqual(['other_no_correction.total', 'other_unpaid_fee.total', 'other_misc.total']);
    expect(cells).not.toContain('other.total');
  });

  it('table 四: one check per group, cells in column order', () => {
    const reviews = Object.fromEntries(
      REVIEW_GROUPS.map((g) => [g, { upheld: 1, corrected: 0, other: 0, pending: 0, total: g === 'review' ? 2 : 1 }]),
    );
    expect(evaluateIdentities(REVIEWS, reviews).map((c) => [c.ok, c.detail])).toEqual([
      [false, 'review: total 2 ≠ upheld + corrected + other + pending 1'],
      [true, 'litigation_direct: total 1 = upheld + corrected + other + pending 1'],
      [true, 'litigation_after_review: total 1 = upheld + corrected + other + pending 1'],
    ]);
    expect(identityCells(REVIEWS, REVIEWS.identities[0]!, reviews, 'review')).toEqual(
      REVIEW_COLUMNS.map((c) => `review.${c}`),
    );
  });

  it('headline figures: a cell, a sum (blank when every part is), the first printed of several', () => {
    const byName = (n: string) => HEADLINES.find((h) => h.name === n)!.figure;
    const tables = {
      applications: {
        denied_state_secret: { total: 2 },
        denied_third_party: { total: null },
        other_no_correction: { total: 1 },
      },
      proactive: { regulations: { new_made: 4 } },
    };
    expect(figureValue(tables, byName('denied'))).toBe(2);
    expect(figureValue(tables, byName('unable'))).toBeNull();
    expect(figureValue(tables, byName('other_processing'))).toBe(1);
    expect(figureValue(tables, byName('regulations_issued'))).toBe(4);
    expect(
      figureValue({ ...tables, proactive: { regulations: { issued: 5, new_made: 4 } } }, byName('regulations_issued')),
    ).toBe(5);
  });
});

describe('an edit of a spec is all it takes', () => {
  const form2021 = tableForm('2021')!;
  // A reworded row, a new row in a group, a renamed column: one edit of the spec each.
  const edited: FormSpec = {
    ...form2021,
    id: 'test',
    applications: {
      ...form2021.applications,
      rows: form2021.applications.rows.flatMap((r) =>
        r.key === 'rejected_duplicate'
          ? [
              { ...r, label: ['2.重复提出申请', '2. Repeated request'] },
              { key: 'rejected_new', label: ['6.新增情形', '6. New case'], group: 'rejected', strong: [/新增情形/] },
            ]
          : [r],
      ),
    },
    proactive: {
      ...form2021.proactive,
      blocks: form2021.proactive.blocks.map((b) =>
        b.rows.includes('fees') ? { ...b, columns: [{ ...b.columns[0]!, header: ['收费金额（万元）', 'Fees'] }] } : b,
      ),
    },
  };

  it('the site draws the reworded and the new row, in their group, and the renamed column', () => {
    const layout = applicationsLayout(edited);
    const labels = layout.body.flatMap((row) => row.flatMap((c) => ('t' in c ? [c.t[0]] : [])));
    expect(labels).toContain('2.重复提出申请');
    expect(labels).not.toContain('2.重复申请');
    const rejectedGroup = layout.body.flat().find((c) => 't' in c && c.t[0] === '（五）不予处理');
    expect(rejectedGroup).toMatchObject({ rs: 6 });
    expect(applicationRowsFor(edited)).toContain('rejected_new');
    const pro = proactiveLayout(edited).body.flat();
    expect(pro.some((c) => 't' in c && c.t[0] === '收费金额（万元）')).toBe(true);
  });

  it('the identities sum the new row when it is an outcome: its cells are covered', () => {
    const outcome = {
      ...edited.applications.identities.find((i) => i.shares)!,
      right: { keys: [...edited.applications.identities.find((i) => i.shares)!.right.keys, 'rejected_new'], name: 'x' },
    };
    const t = { total_processed: { total: 3 }, granted: { total: 1 }, rejected_new: { total: 2 } };
    expect(evaluateIdentities({ ...edited.applications, identities: [outcome] }, t)).toEqual([
      { rule: 'applications.outcome_sum', ok: true, detail: 'total: total_processed 3 = x 3' },
    ]);
  });
});

/** Spec words in code (comments aside) outside src/forms/: "file: word" for each. */
async function formWordsOutsideSpecs(root: string, words: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path.relative(root, p) !== path.join('src', 'forms')) await walk(p);
      } else if (/\.(ts|js)$/.test(entry.name)) {
        const code = (await readFile(p, 'utf8'))
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
        for (const w of words) if (code.includes(w)) found.push(`${path.relative(root, p)}: ${w}`);
      }
    }
  };
  await walk(path.join(root, 'src'));
  return found.sort();
}

/** The forms' words: labels of tables, rows, groups, columns and blocks (without item numbers), quoted form ids. */
function formWords(): string[] {
  const words = new Set<string>();
  for (const f of TABLE_FORMS) {
    for (const t of [f.applications, f.reviews]) {
      words.add(t.title[0]);
      for (const x of [...t.rows, ...t.columns, ...Object.values(t.groups)]) words.add(x.label[0]);
    }
    for (const x of [...f.proactive.rows, ...f.proactive.columns]) words.add(x.label[0]);
    for (const b of f.proactive.blocks) for (const c of b.columns) words.add(c.header[0]);
    words.add(`'${f.id}'`);
    words.add(`"${f.id}"`);
  }
  words.add(PROACTIVE.title[0]);
  const unnumbered = [...words].map((w) =>
    w.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/, ''),
  );
  return [...new Set(unnumbered)].filter((w) => w.length >= 4);
}

describe('the forms live in src/forms/ only', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('no code outside src/forms/ spells a form’s labels or ids', async () => {
    expect(await formWordsOutsideSpecs(ROOT, formWords())).toEqual([]);
  });

  it('the scan finds a label or an id written elsewhere, and passes over comments', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ogi-forms-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'src', 'forms'), { recursive: true });
    await mkdir(path.join(dir, 'src', 'extract'), { recursive: true });
    await writeFile(path.join(dir, 'src', 'forms', 'x.ts'), "export const a = '本机关不掌握相关政府信息';\n");
    await writeFile(
      path.join(dir, 'src', 'extract', 'y.ts'),
      "// 本机关不掌握相关政府信息 in a comment\nexport const f = (t: string) => t === '2021' || /信访举报投诉类申请/.test(t);\n",
    );
    expect(await formWordsOutsideSpecs(dir, formWords())).toEqual([
      "src/extract/y.ts: '2021'",
      'src/extract/y.ts: 信访举报投诉类申请',
    ]);
  });
});
