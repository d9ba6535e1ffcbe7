// `ogi inspect --html DIR`: the inspection as one self-contained page — the rows coloured by
// section, each label match and placement, the identities and warnings; for a PDF, each page image
// (rendered by the command) with the box of every cell read from it drawn on top, the cells of
// matched rows in their section's colour (like pdfplumber's debug_tablefinder).
import path from 'node:path';
import type { Inspection } from './inspect.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const COLOURS: Record<string, string> = { proactive: '#d8ecff', applications: '#dff5df', reviews: '#fde7cf' };

function pageOverlay(x: Inspection, page: number, image: string, scale: number): string {
  const boxes: string[] = [];
  for (const row of x.rows) {
    if (row.page !== page) continue;
    for (const [i, box] of row.boxes.entries()) {
      if (!box) continue;
      const [x0, y0, x1, y1] = box.map((v) => v * scale);
      const fill = row.section ? COLOURS[row.section] : 'none';
      boxes.push(
        `<rect x="${x0}" y="${y0}" width="${x1! - x0!}" height="${y1! - y0!}" fill="${fill}" fill-opacity="0.45" stroke="#c00" stroke-width="0.7"><title>row ${row.index} cell ${i}: ${esc(row.cells[i] ?? '')}</title></rect>`,
      );
    }
  }
  return `<figure><figcaption>page ${page}</figcaption><div class="page"><img src="${image}" alt="page ${page}"><svg>${boxes.join('')}</svg></div></figure>`;
}

/**
 * The page's HTML. `pages`: image files of the PDF's pages in order (beside the page), rendered at
 * `dpi` (boxes are in PDF points: 72 per inch).
 */
export function inspectionPage(file: string, x: Inspection, pages: string[] = [], dpi = 72): string {
  const r = x.record;
  const scale = dpi / 72;
  const rows = x.rows
    .map(
      (row) =>
        `<tr id="row-${row.index}" style="background:${row.section ? COLOURS[row.section] : 'none'}"><td>${row.index}</td><td>${row.page ?? ''}</td><td>${row.tabular ? 'T' : 'P'}</td><td>${row.section ?? ''}</td><td>${row.cells.map((c) => `<span class="cell">${esc(c) || '·'}</span>`).join('')}</td></tr>`,
    )
    .join('\n');
  const decisions = x.decisions
    .map(
      (d) =>
        `<tr class="${d.key ? (d.match === 'loose' ? 'loose' : 'ok') : 'skip'}"><td><a href="#row-${d.row}">${d.row}</a></td><td>${esc(d.label)}</td><td>${d.key ? `${d.section}.${d.key}` : '—'}</td><td>${d.match ?? ''}${d.reading === 'own' ? '' : ' (fragments joined)'}</td><td>${esc(d.printed.map((p) => p || '·').join(' '))}</td><td>${esc(d.placement)}</td></tr>`,
    )
    .join('\n');
  const checks = x.checks.map(
    (c) => `<li class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'} ${esc(c.rule)} ${esc(c.detail)}</li>`,
  );
  const warnings = x.warnings.map((w) => `<li>${esc(w.code)} <code>${esc(w.where)}</code> ${esc(w.detail)}</li>`);
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>ogi inspect · ${esc(path.basename(file))}</title>
<style>
body{font:14px/1.45 system-ui,"Noto Sans CJK SC",sans-serif;margin:1rem 2rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
.cell{display:inline-block;border:1px solid #999;padding:0 4px;margin:1px 2px;background:#fff}
tr.loose{background:#fff4c2}tr.skip{color:#888}li.bad{color:#b00}.ok{color:#070}
.page{position:relative;display:inline-block;border:1px solid #999}.page img{display:block}
.page svg{position:absolute;left:0;top:0;width:100%;height:100%}
</style></head><body>
<h1>${esc(path.basename(file))}</h1>
<p>${esc(x.format)} · ${x.readerRows} rows from the reader, ${x.rows.length} after reflow · template ${esc(r.template)} · ${esc(r.agency ?? '(no agency)')} · ${r.year ?? '(no year)'} · confidence <b>${esc(r.confidence)}</b></p>
<p>Sections: ${x.sections.map((s) => `<span style="background:${COLOURS[s.name]}">${s.name} rows ${s.first}–${s.last}</span>`).join(' · ') || 'none found'}</p>
<h2>Label matches</h2>
<table><tr><th>row</th><th>label as read</th><th>form row</th><th>match</th><th>printed</th><th>placement</th></tr>
${decisions}</table>
<h2>Identities</h2><ul>${checks.join('') || '<li>none could be checked</li>'}</ul>
<h2>Warnings</h2><ul>${warnings.join('') || '<li>none</li>'}</ul>
${pages.length ? `<h2>Pages</h2>${pages.map((p, i) => pageOverlay(x, i + 1, p, scale)).join('\n')}` : ''}
<h2>Rows</h2>
<table><tr><th>#</th><th>page</th><th></th><th>section</th><th>cells</th></tr>
${rows}
</table></body></html>`;
}
