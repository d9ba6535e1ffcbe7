// Plain-text renderings in the layouts real extraction produces (test/fixtures/samples/seeds):
//  'tab'       (000) tab-separated rows under markdown headings;
//  'lines'     (001) one cell per line with a tab before it, a blank line between rows;
//  'pagebreak' (003) tab rows with table 三 broken across a page inside a merged label;
//  'windows'   the 'tab' layout as Windows Notepad saves it: GBK (GB18030) bytes, CRLF line ends.
import iconv from 'iconv-lite';
import type { GeneratedReport } from './report.js';
import { rng } from './random.js';
import { buildTables, expand, type GridCell } from './tables.js';

export type TextLayout = 'tab' | 'lines' | 'pagebreak' | 'windows';

export function renderText(rep: GeneratedReport, layout: TextLayout): Buffer {
  const r = rng(rep.renderSeed).fork(`text-${layout}`);
  const tables = buildTables(rep);
  const out: string[] = [];
  const para = (s: string) => out.push(s, ...(layout === 'lines' ? [] : ['']));
  const flat = (c: GridCell) => c.text.replace(/\n/g, '');

  const tabTable = (name: 'proactive' | 'applications' | 'reviews') => {
    const rows = expand(tables[name], { colspan: 'pad', continuation: 'blank' }).map((row) => row.map(flat));
    if (layout === 'pagebreak' && name === 'applications') breakPage(rows, tables.resultRows, r.int(0, 1000));
    out.push(...rows.map((row) => row.join('\t')), '');
  };
  const linesTable = (name: 'proactive' | 'applications' | 'reviews') => {
    for (const row of expand(tables[name], { colspan: 'one', continuation: 'blank' })) {
      out.push(...row.map((c) => `\t${c.text}`), '');
    }
    out.push('');
  };

  if (layout === 'windows')
    return iconv.encode(renderText(rep, 'tab').toString('utf8').replace(/\n/g, '\r\n'), 'gb18030');
  if (layout === 'tab') out.push('', '', `# ${rep.titleLines.join('')}`, '');
  else out.push(...rep.titleLines, '');
  rep.intro.forEach(para);
  for (const s of rep.sections) {
    if (layout === 'tab') out.push(`${'#'.repeat(r.int(2, 4))} ${s.heading}`, '');
    else para(s.heading);
    s.paragraphs.forEach(para);
    if (s.table) (layout === 'lines' ? linesTable : tabTable)(s.table);
  }
  para(rep.signature.agency);
  if (rep.signature.date) para(rep.signature.date);
  const text = out.join('\n');
  return Buffer.from(layout === 'lines' && r.chance(0.3) ? `\ufeff${text}` : text, 'utf8');
}

/**
 * Breaks table 三 across a page inside a merged group label, as 003 shows: the label's last
 * character lands on the first row of the new page ("（五）不予处" / "理"), a blank line marks the
 * page break, and from there on the rows lose the column of 三、本年度办理结果.
 */
function breakPage(rows: string[][], [start, end]: [number, number], pick: number): void {
  // Candidate rows: inside a group (column 1 is a continuation, column 2 a numbered sub-row label).
  const candidates: number[] = [];
  for (let i = start + 1; i < end; i++) if (rows[i]![1] === '' && rows[i]![2] !== '') candidates.push(i);
  const at = candidates[pick % candidates.length]!;
  let head = at;
  while (rows[head]![1] === '') head--;
  const label = rows[head]![1]!;
  rows[head]![1] = label.slice(0, -1);
  for (let i = at; i < end; i++) rows[i]!.shift();
  rows[at]![0] = label.slice(-1);
  rows.splice(at, 0, []); // the page break: an empty line
}
