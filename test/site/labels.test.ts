// The texts of every check rule and every warning code: Chinese and English, a label and what it
// means, one table (src/publish/site/labels.ts) used by the report page and the codebook.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATIONS, CROSS_YEAR, REVIEWS, TABLE_FORMS } from '../../src/forms/index.js';
import { codebookText } from '../../src/publish/codebook.js';
import { CHECK_TEXTS, WARNING_TEXTS, type CodeText } from '../../src/publish/site/labels.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CJK = /[\u4e00-\u9fff]/;
/** A record key or code in a Chinese text ("new_received", "ocr_text"): what the Chinese page must not show. */
const CODE_LIKE = /[a-z]+_[a-z_]+/;

/** The members of the WarningCode union, read from the record contract. */
function warningUnion(): string[] {
  const source = fs.readFileSync(path.join(ROOT, 'src/record.ts'), 'utf8').replace(/\/\/.*$/gm, '');
  const union = /export type WarningCode =([\s\S]*?);/.exec(source)![1]!;
  return [...union.matchAll(/\|\s*'([a-z_]+)'/g)].map((m) => m[1]!);
}

/** Warning codes the extractor writes (`code: '…'` in src/extract). */
function codesWritten(): string[] {
  const dir = path.join(ROOT, 'src/extract');
  const codes = new Set<string>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(e.parentPath, e.name), 'utf8');
    for (const m of text.matchAll(/\bcode: '([a-z_]+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

function expectBothTexts(key: string, t: CodeText): void {
  for (const [zh, en] of [t.label, t.explain]) {
    expect(zh, `${key} zh`).toMatch(CJK);
    expect(zh, `${key} zh`).not.toMatch(CODE_LIKE);
    expect(en, `${key} en`).toMatch(/^[A-Z("]/);
    expect(en, `${key} en`).not.toMatch(CODE_LIKE);
  }
}

describe('check and warning texts', () => {
  it('has both texts for every warning code of the record contract, and for every code the extractor writes', () => {
    const union = warningUnion();
    expect(union.length).toBeGreaterThan(10);
    expect(Object.keys(WARNING_TEXTS).sort()).toEqual([...union].sort());
    for (const code of codesWritten()) expect(union, code).toContain(code);
    for (const [code, t] of Object.entries(WARNING_TEXTS)) expectBothTexts(code, t);
  });

  it("has both texts for every check rule of every form's identities and the cross-year checks", () => {
    const rules = new Set([
      ...TABLE_FORMS.flatMap((f) => [...f.applications.identities, ...f.reviews.identities].map((i) => i.rule)),
      ...APPLICATIONS.identities.map((i) => i.rule),
      ...REVIEWS.identities.map((i) => i.rule),
      ...CROSS_YEAR.map((c) => c.spec.rule),
    ]);
    expect(Object.keys(CHECK_TEXTS).sort()).toEqual([...rules].sort());
    for (const [rule, t] of Object.entries(CHECK_TEXTS)) expectBothTexts(rule, t);
  });

  it('explains an identity from its spec: the labels of the rows it adds up', () => {
    expect(CHECK_TEXTS['applications.balance']!.explain[0]).toBe(
      '收到和处理政府信息公开申请情况：一、本年新收政府信息公开申请数量 ＋ 二、上年结转政府信息公开申请数量 ＝ （七）总计 ＋ 四、结转下年度继续办理；每一列（申请人类别）分别核对。空格按 0 计；所涉各格均为空时不核对。',
    );
    expect(CHECK_TEXTS['reviews.total']!.explain[1]).toBe(
      'Reconsideration and litigation: Total = Upheld + Corrected + Other result + Pending; checked for each row. Blank cells count as 0; not checked when every cell involved is blank.',
    );
  });

  it('lists every rule and code with its texts in the codebook', () => {
    const codebook = codebookText();
    for (const [key, t] of [...Object.entries(CHECK_TEXTS), ...Object.entries(WARNING_TEXTS)]) {
      const line = codebook.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
      expect(line, key).toBe(`| \`${key}\` | ${t.label[0]} | ${t.label[1]} | ${t.explain[0]} | ${t.explain[1]} |`);
    }
  });
});
