// Hostile nesting: a report wrapped in 5,000 or 100,000 nested elements reads exactly as the same
// report unwrapped (no stack overflow, no minutes in the parser), and the nesting cap cuts only
// what is too deep.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import type { CellSource } from '../../src/record.js';
import { capNesting, flattenDeepNesting, parseHtml, textOf } from '../../src/extract/text/dom.js';
import { SEEDS } from '../fixtures/samples.js';

const seed = readFileSync(path.join(SEEDS, '001_82da0c68b48e6d43.txt'), 'utf8');
const body = seed
  .split('\n')
  .map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
  .join('');
const page = (inner: string) => Buffer.from(`<html><head><meta charset="utf-8"></head><body>${inner}</body></html>`);

const tableReport = readFileSync(path.join(import.meta.dirname, '../fixtures/documents/report-table.html'), 'utf8');
/** The table report with its body's content wrapped in `depth` divs. */
const wrapped = (depth: number) =>
  Buffer.from(
    tableReport.replace(
      /(<body[^>]*>)([\s\S]*)(<\/body>)/i,
      (_all, open, inner, close) => `${open}${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}${close}`,
    ),
  );

/** The same cells, each found at its flat path below the wrapper divs (flattened beyond the depth cap). */
function expectSameCellsUnder(deep: CellSource[], flat: CellSource[]): void {
  const noPath = (cells: CellSource[]) => cells.map(({ path: _p, ...rest }) => rest);
  expect(noPath(deep)).toEqual(noPath(flat));
  expect(flat.length).toBeGreaterThan(0);
  deep.forEach((c, i) => {
    expect(c.path).toMatch(/^body>div\[1\]>/);
    expect(c.path!.endsWith(flat[i].path!.slice('body'.length))).toBe(true);
  });
}

describe('deeply nested HTML', () => {
  it.each([5_000, 100_000])(
    'a table report inside %i nested divs gives the record of the unwrapped report',
    async (depth) => {
      const flat = await extractDocument({ bytes: Buffer.from(tableReport), name: 'r.html' });
      const deep = await extractDocument({ bytes: wrapped(depth), name: 'r.html' });
      expect(deep.source.bytes).toBeGreaterThan(depth * 11);
      const { source: _a, report_id: _b, cells: flatCells, ...want } = flat;
      const { source: _c, report_id: _d, cells: deepCells, ...got } = deep;
      expect(got).toEqual(want);
      expect(flat.applications?.new_received?.natural_person).toBe(12);
      expectSameCellsUnder(deepCells!, flatCells!);
    },
  );

  it.each([5_000, 100_000])(
    'a report of one paragraph per line inside %i nested divs reads as unwrapped',
    async (depth) => {
      const flat = await extractDocument({ bytes: page(body), name: 'r.html' });
      const deep = await extractDocument({
        bytes: page(`${'<div>'.repeat(depth)}${body}${'</div>'.repeat(depth)}`),
        name: 'r.html',
      });
      const { source: _a, report_id: _b, cells: flatCells, ...want } = flat;
      const { source: _c, report_id: _d, cells: deepCells, ...got } = deep;
      expect(got).toEqual(want);
      expect(flat.applications).not.toBeNull();
      expectSameCellsUnder(deepCells!, flatCells!);
    },
  );
});

describe('capNesting', () => {
  it('returns the same string when nothing is too deep', () => {
    const html = '<div><p>a<p>b<ul><li>1<li>2</ul></div><br><img src=x>';
    expect(capNesting(html, 4)).toBe(html);
  });

  it('cuts the open tags beyond the cap and their close tags, keeping the text', () => {
    expect(capNesting('<div><div><div><span>x</span></div></div></div>y', 2)).toBe('<div><div>x</div></div>y');
  });

  it('counts unclosed paragraphs and list items as closed by the next one', () => {
    const html = `<div>${'<p>line'.repeat(50)}</div>`;
    expect(capNesting(html, 3)).toBe(html);
  });

  it('ignores stray close tags', () => {
    expect(capNesting('<div><b>x</span></b></div></i>', 1)).toBe('<div>x</span></div></i>');
  });
});

describe('flattenDeepNesting', () => {
  it('keeps the text and the line breaks of blocks below the cap', () => {
    const root = parseHtml('<div><div><div><p>one</p><p>two <b>bold</b></p></div></div></div>');
    flattenDeepNesting(root, 2);
    expect(textOf(root).replace(/\s+/g, ' ').trim()).toBe('one two bold');
    const html = parseHtml(`${'<div>'.repeat(300)}<p>a</p><p>b</p>${'</div>'.repeat(300)}`);
    // 256 levels of elements at most, then the text with a <br> per block edge
    let depth = 0;
    let node = html.children.find((c) => c.type === 'tag') as { children: unknown[]; type: string } | undefined;
    while (node && node.type === 'tag') {
      depth++;
      node = node.children.find(
        (c) => (c as { type: string; name?: string }).type === 'tag' && (c as { name: string }).name !== 'br',
      ) as typeof node;
    }
    expect(depth).toBeLessThanOrEqual(257);
  });
});
