// A plain-text table for the terminal: columns padded to their widest cell, CJK characters
// counted as two columns wide, trailing spaces trimmed. rows[0] is the header. explainTable: the
// decisions of `ogi crawl --explain` in that table.
import type { Decision } from '../workarea/decisions.js';
const width = (s: string) => [...s].reduce((w, ch) => w + (ch.codePointAt(0)! > 0x2e80 ? 2 : 1), 0);

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows
    .map((r) =>
      r
        .map((c, i) => c + ' '.repeat(widths[i] - width(c)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One row per decision: what was decided, by what (the title, the page's content, an attachment's name), why, and where. */
export function explainTable(decisions: readonly Decision[]): string {
  const rows = decisions.map((d) => [d.decision, d.by, d.title || '(no title)', d.reason, d.item_url]);
  return table([['decision', 'by', 'title', 'why', 'url'], ...rows]);
}
