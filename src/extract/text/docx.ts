// DOCX reports → DocumentModel. mammoth turns the document into HTML, keeping merged cells
// (w:gridSpan → colspan, w:vMerge → rowspan) and tabs; the HTML reader's table and prose code
// (rowsFromHtml) then builds the rows, so both formats expand grids the same way.
// mammoth ignores w:gridBefore (a row starting some grid columns in, common in tables pasted from
// the web or Excel), which would shift that row's cells left: such rows get an empty leading cell
// of that span before mammoth reads them.
import { createRequire } from 'node:module';
import mammoth from 'mammoth';
import { ExtractError } from '../../errors.js';
import { modelFromRows, type DocumentMeta, type DocumentModel, type TextRow, type ReadOptions } from '../model.js';
import { checkZip } from './containers.js';
import { rowsFromHtml } from './html.js';
import { ocrWanted } from './ocr.js';

/** The zip interface mammoth reads a .docx through (mammoth/lib/zipfile.js), which its `file` input accepts. */
interface DocxZip {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
}
const zipfile = createRequire(import.meta.url)('mammoth/lib/zipfile.js') as {
  openArrayBuffer(bytes: Buffer): Promise<DocxZip>;
};

/** Pictures smaller than this (bytes) are logos and stamps, not pages of a report. */
const MIN_PICTURE_BYTES = 20_000;

/**
 * Read a Word 2007+ report. Throws ExtractError('corrupt_docx') when the zip or its XML is broken.
 * A document whose tables are pictures (pages scanned or photographed and pasted in) has its
 * pictures read by OCR after its text, unless `ocr` is off.
 */
export async function readDocx(bytes: Buffer, options: ReadOptions = {}): Promise<DocumentModel> {
  checkZip(bytes);
  let html: string;
  const pictures: Buffer[] = [];
  // Images are not text: mammoth gets an empty source instead of base64-encoding them; their bytes are kept aside.
  const keep = mammoth.images.imgElement(async (image) => {
    const data = Buffer.from(await image.read());
    if (data.length >= MIN_PICTURE_BYTES) pictures.push(data);
    return { src: '' };
  });
  try {
    const file = withGridBefore(await zipfile.openArrayBuffer(bytes));
    html = (await mammoth.convertToHtml({ file } as unknown as { buffer: Buffer }, { convertImage: keep })).value;
  } catch (err) {
    throw new ExtractError('corrupt_docx', `unreadable DOCX: ${(err as Error).message}`);
  }
  const rows = rowsFromHtml(html);
  const title = titleOf(rows);
  const meta: DocumentMeta = title ? { title } : {};
  if (pictures.length && !rows.some((r) => r.tabular)) {
    if (!ocrWanted(options)) {
      if (!rows.length) throw new ExtractError('needs_ocr', `${pictures.length} picture(s) and no text: OCR is off`);
    } else {
      const { readPictures } = await import('./image.js');
      const read = await readPictures(pictures, { dir: options.ocrCache, document: bytes, pages: options.ocrPages });
      rows.push(...read.rows);
      meta.ocr = read.engine;
    }
  }
  return modelFromRows('docx', rows, meta);
}

/** The zip with every row that has `<w:gridBefore w:val="n"/>` given an empty first cell spanning n columns. */
function withGridBefore(zip: DocxZip): DocxZip {
  return {
    exists: (name) => zip.exists(name),
    async read(name, encoding) {
      const content = await zip.read(name, encoding);
      return typeof content === 'string' && content.includes('gridBefore') ? padGridBefore(content) : content;
    },
  };
}

const ROW_PROPERTIES =
  /<w:trPr>((?:(?!<\/w:trPr>)[\s\S])*?<w:gridBefore\b[^>]*\bw:val="(\d+)"(?:(?!<\/w:trPr>)[\s\S])*)<\/w:trPr>/g;

export function padGridBefore(xml: string): string {
  return xml.replace(
    ROW_PROPERTIES,
    (all, _inner: string, n: string) => `${all}<w:tc><w:tcPr><w:gridSpan w:val="${Number(n)}"/></w:tcPr><w:p/></w:tc>`,
  );
}

/** The report's own title: the first prose line naming a 报告 near the top, else the first prose line. */
export function titleOf(rows: TextRow[]): string | undefined {
  const prose = rows
    .slice(0, 8)
    .filter((r) => !r.tabular)
    .map((r) => r.cells[0].text);
  return prose.find((t) => t.includes('报告') && t.length <= 80) ?? prose[0];
}
