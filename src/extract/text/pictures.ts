// A report published as pictures on an article page (one scanned page per picture): the crawler
// stores the list of its pictures as one document (sys/pictures.ts PictureSet) and the pictures' own
// bytes beside it; this reads the pictures that came, in page order, each by OCR as a page of the
// report (image.ts readPictures: one picture at a time, each kept in the OCR cache by its own hash,
// so a set in which one picture changed reads only that one again). A picture's page number is its
// place on the article page, so a missing picture leaves a gap, never a shifted page. A picture
// that did not come, or that cannot be read, is named in the model's `pictures` (`missing`) and
// the rest are read; with none read the set fails with the first picture's error.
import { ExtractError } from '../../errors.js';
import type { SourcePicture } from '../../record.js';
import { parsePictureSet } from '../../sys/pictures.js';
import { modelFromRows, type DocumentModel, type ReadOptions, type TextRow } from '../model.js';
import { readPictures } from './image.js';
import { MAX_OCR_PAGES, ocrWanted, type OcrEngine } from './ocr.js';

/** Errors that are the engine's or the run's, not one picture's: they fail the whole set. */
const WHOLE_SET = new Set(['ocr_unavailable', 'needs_ocr']);

export async function readPictureSet(bytes: Buffer, options: ReadOptions = {}): Promise<DocumentModel> {
  const set = parsePictureSet(bytes);
  if (!set) throw new ExtractError('unsupported_format', 'not a picture set');
  if (!ocrWanted(options))
    throw new ExtractError('needs_ocr', 'a report published as pictures: its text is read only by OCR, which is off');
  const pictures: SourcePicture[] = set.pictures.map((p) => ({ ...p }));
  const came = pictures.filter((p) => p.missing === undefined);
  const given = options.pictures ?? [];
  if (given.length !== came.length)
    throw new ExtractError(
      'internal_error',
      `the picture set lists ${came.length} pictures that came, ${given.length} were given to read`,
    );
  if (came.length > MAX_OCR_PAGES)
    throw new ExtractError(
      'resource_limit',
      `${came.length} pictures, over the ${MAX_OCR_PAGES} pages read by OCR in one document (MAX_OCR_PAGES)`,
    );
  const rows: TextRow[] = [];
  const pages: number[] = [];
  let engine: OcrEngine | null = null;
  let first: ExtractError | null = null;
  for (const [i, picture] of came.entries()) {
    const bytes = given[i]!;
    try {
      const read = await readPictures([bytes], { dir: options.ocrCache, document: bytes });
      engine = read.engine;
      for (const row of read.rows) rows.push(onPage(row, picture.page));
      pages.push(picture.page);
    } catch (err) {
      if (!(err instanceof ExtractError) || WHOLE_SET.has(err.kind)) throw err;
      first ??= err;
      picture.missing = err.kind;
    }
  }
  if (!engine) {
    if (first) throw first;
    throw new ExtractError('no_report_content', `none of the ${pictures.length} pictures of ${set.page_url} came`);
  }
  return modelFromRows('image', rows, {
    pages: pictures.length,
    ocr: { name: engine.name, version: engine.version, pages },
    pictures,
  });
}

/** A row read from a picture, placed on the picture's page of the report (its cells' locations too). */
function onPage(row: TextRow, page: number): TextRow {
  return {
    ...row,
    page,
    cells: row.cells.map((c) => (c.at ? { ...c, at: { ...c.at, page } } : c)),
  };
}
