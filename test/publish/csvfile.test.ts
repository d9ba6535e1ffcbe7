// csvCell's shortcuts write exactly what csv-stringify (with the formula guard) writes.
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvText, numberText } from '../../src/publish/csvfile.js';

/** csv-stringify's own cell, with the project's options (as csvText writes it). */
const slow = (v: string | number | null | undefined) => csvText([[v]]).slice(0, -2);

describe('csvCell', () => {
  const texts = [
    '',
    'r02f459a662bac1a1',
    'applications',
    '办理政府信息公开申请3件',
    '—',
    '１２',
    'body>div[3]>table[1]>tbody[1]>tr[4]>td[2]',
    '318.72,483.22,332.82,497.27',
    '-1',
    '+2',
    '=SUM(A1)',
    '@x',
    '\tx',
    '\rx',
    'a "quoted" word',
    'a,"b"',
    'line\nbreak',
    'cr\rin',
    ' leading space',
    'trailing space ',
    "it's",
    '"',
    ',',
    'a,b,c',
    '-3,4',
  ];
  it.each(texts)('writes %j as csv-stringify does', (t) => expect(csvCell(t)).toBe(slow(t)));

  it.each([0, 3, -3, 7730.28, 25.1, 1e21, -0.5, 2 ** 40])('writes the number %s as csv-stringify does', (n) =>
    expect(csvCell(n)).toBe(slow(n)),
  );

  it('writes null and undefined as empty cells', () => {
    expect(csvCell(null)).toBe(slow(null));
    expect(csvCell(undefined)).toBe(slow(undefined));
    expect(csvCell(null)).toBe('');
  });

  it('agrees with csv-stringify on every printable ASCII pair', () => {
    const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).concat(['\n', '\r', '\t']);
    for (const a of chars) for (const b of chars) expect(csvCell(a + b), JSON.stringify(a + b)).toBe(slow(a + b));
    expect(stringify([['x']])).toBe('x\n');
    expect(numberText(3)).toBe('3');
  });
});
