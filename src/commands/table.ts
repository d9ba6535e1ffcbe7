// A plain-text table for the terminal: columns padded to their widest cell, CJK characters
// counted as two columns wide, trailing spaces trimmed. rows[0] is the header.
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
