// DOCX reports → DocumentModel. mammoth turns the document into HTML, keeping merged cells
// (w:gridSpan → colspan, w:vMerge → rowspan) and tabs; the HTML reader's table and prose code
// (rowsFromHtml) then builds the rows, so both formats expand grids the same way.
import mammoth from 'mammoth';
import { ExtractError } from '../../errors.js';
import { modelFromRows, type DocumentModel, type TextRow } from '../model.js';
import { rowsFromHtml } from './html.js';

/** Images are not text: give mammoth an empty source instead of letting it base64-encode them. */
const NO_IMAGES = mammoth.images.imgElement(async () => ({ src: '' }));

/** Read a Word 2007+ report. Throws ExtractError('corrupt_docx') when the zip or its XML is broken. */
export async function readDocx(bytes: Buffer): Promise<DocumentModel> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { convertImage: NO_IMAGES })).value;
  } catch (err) {
    throw new ExtractError('corrupt_docx', `unreadable DOCX: ${(err as Error).message}`);
  }
  const rows = rowsFromHtml(html);
  const title = titleOf(rows);
  return modelFromRows('docx', rows, title ? { title } : {});
}

/** The report's own title: the first prose line naming a 报告 near the top, else the first prose line. */
export function titleOf(rows: TextRow[]): string | undefined {
  const prose = rows.slice(0, 8).filter((r) => !r.tabular).map((r) => r.cells[0].text);
  return prose.find((t) => t.includes('报告') && t.length <= 80) ?? prose[0];
}
