// Word 97–2003 (.doc) reports → DocumentModel. word-extractor gives the body text with each table
// cell ended by a tab and each table row by a tab + newline; paragraphs inside a cell are newlines
// too. Lines ending in a tab (plus the lines they continue) are table rows; everything else goes
// through the shared line reader (tab- or space-separated lines, prose).
import { createRequire } from 'node:module';
import { ExtractError } from '../../errors.js';
import { modelFromRows, type DocumentModel, type TextRow } from '../model.js';
import { titleOf } from './docx.js';
import { rowsFromLines } from './html.js';

interface WordDocument {
  getBody(options?: { filterUnicode?: boolean }): string;
}
const WordExtractor = createRequire(import.meta.url)('word-extractor') as new () => {
  extract(input: Buffer): Promise<WordDocument>;
};

/** A table row whose first cell spans more lines than this is taken to be prose after all. */
const MAX_ROW_LINES = 6;

/** Read a Word 97–2003 report. Throws ExtractError('corrupt_doc') when the OLE/Word structure is broken. */
export async function readDoc(bytes: Buffer): Promise<DocumentModel> {
  let body: string;
  try {
    // filterUnicode would turn “” into "" and em spaces into spaces: keep the text as written.
    body = (await new WordExtractor().extract(bytes)).getBody({ filterUnicode: false });
  } catch (err) {
    throw new ExtractError('corrupt_doc', `unreadable DOC: ${(err as Error).message}`);
  }
  const rows = rowsFromDocText(body);
  if (rows.length === 0) throw new ExtractError('no_report_content', 'the Word document has no text');
  const title = titleOf(rows);
  return modelFromRows('doc', rows, title ? { title } : {});
}

/** Rows of word-extractor body text (exported for tests of odd layouts). */
export function rowsFromDocText(body: string): TextRow[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const rows: TextRow[] = [];
  let pending: string[] = [];
  let table = 0;
  let inTable = false;
  const flushPending = () => {
    const read = rowsFromLines(pending, table);
    for (const r of read) if (r.table !== undefined) table = Math.max(table, r.table + 1);
    rows.push(...read);
    pending = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const end = rowEnd(lines, i);
    if (end < 0) {
      if (inTable) table++;
      inTable = false;
      pending.push(lines[i]);
      continue;
    }
    flushPending();
    inTable = true;
    const cells = lines
      .slice(i, end + 1)
      .join('\n')
      .split('\t')
      .slice(0, -1) // the row's last cell ends with a tab too
      .map((c) => ({ text: c.replace(/\s+/g, ' ').trim() }));
    if (cells.some((c) => c.text !== '')) rows.push({ cells, tabular: true, table });
    i = end;
  }
  flushPending();
  return rows;
}

/** Index of the line that ends the table row starting at line i, or -1 when line i starts none. */
function rowEnd(lines: string[], i: number): number {
  if (!lines[i].includes('\t')) return -1;
  for (let j = i; j < lines.length && j < i + MAX_ROW_LINES; j++) {
    if (lines[j].endsWith('\t')) return j;
  }
  return -1;
}
