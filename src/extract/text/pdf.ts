// PDF → DocumentModel with pdf.js: the text runs of every page with their positions, laid out
// into lines and cells by pdf-layout.ts (cells keep x0/x1, so a form reader can tell which
// column a number stands under even when a cell of the row is blank).
// Text only: no rendering, no font faces; the operator list (for table rulings) only on pages
// where a table row may hold two cells run together; whether a page of next to no text paints an
// image (a scan, for OCR) is asked of poppler's pdfimages, which decodes none. Typed errors: corrupt_pdf,
// encrypted_pdf, no_text_layer (a scan).
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, OPS, Util, type PageViewport, type PDFDocumentProxy, type PDFPageProxy } from './pdfjs.js';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { ExtractError } from '../../errors.js';
import { modelFromRows, type DocumentMeta, type DocumentModel, type TextRow, type ReadOptions } from '../model.js';
import { layoutPage, type TextRun } from './pdf-layout.js';
import { OCR_DPI, ocrWanted, pagesPaintingImages, readScans, renderPdfPage } from './ocr.js';
import { verticalRulings } from './pdf-rulings.js';
import { foldRadicals } from './pdf-unicode.js';

const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Fewer printable characters than this per page on average: a scan without a text layer. */
const MIN_CHARS_PER_PAGE = 40;
/** Pages a report may have (reports run to tens of pages; a 20,000-page file is an attack or junk). */
export const MAX_PDF_PAGES = 1000;

/** `ocr`: read scanned pages by OCR (default: on, unless OGI_OCR=0). */
export async function readPdf(bytes: Buffer, options: ReadOptions = {}): Promise<DocumentModel> {
  if (!bytes.subarray(0, 1024).includes('%PDF-')) throw new ExtractError('corrupt_pdf', 'no %PDF- header');
  const task = getDocument({
    data: new Uint8Array(bytes), // a copy: pdf.js takes the buffer over
    cMapUrl: path.join(PDFJS_DIR, 'cmaps') + path.sep, // CJK fonts that are not embedded
    cMapPacked: true,
    standardFontDataUrl: path.join(PDFJS_DIR, 'standard_fonts') + path.sep, // widths of the base 14
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    throw asExtractError(err);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new ExtractError(
        'resource_limit',
        `${doc.numPages} pages, over the ${MAX_PDF_PAGES} a report may have (MAX_PDF_PAGES)`,
      );
    }
    const pages: TextRow[][] = [];
    /** Pages with next to no text: scans when they paint an image. */
    const sparse: number[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { runs, viewport } = await pageRuns(page);
      const pageChars = runs.reduce((sum, r) => sum + r.text.replace(/\s/g, '').length, 0);
      chars += pageChars;
      const geometry = { page: n, width: viewport.width, height: viewport.height };
      let laid = layoutPage(runs, geometry);
      if (laid.some(mayJoinCells)) laid = layoutPage(runs, geometry, await verticalRulings(page, viewport));
      pages.push(laid);
      if (pageChars < MIN_CHARS_PER_PAGE) sparse.push(n);
      page.cleanup();
    }
    const scanned = await paintingImages(doc, bytes, sparse);
    const info = await meta(doc);
    // Pages without text are scans: read by OCR (ocr.ts) unless it is turned off.
    if (scanned.length) {
      const ocr = await ocrPages(bytes, scanned, doc.numPages, chars >= MIN_CHARS_PER_PAGE * doc.numPages, options);
      if (ocr) {
        scanned.forEach((n, i) => (pages[n - 1] = ocr.rows[i]!));
        chars += ocr.chars;
        info.ocr = ocr.engine;
      }
    }
    if (chars < MIN_CHARS_PER_PAGE * doc.numPages) {
      throw new ExtractError('no_text_layer', `${doc.numPages} page(s) but ${chars} characters of text (a scan?)`);
    }
    const rows = pages.flat();
    return modelFromRows('pdf', rows, info);
  } catch (err) {
    throw asExtractError(err);
  } finally {
    await task.destroy();
  }
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
]);

/**
 * The pages of `pages` that draw an image (a scan, a photographed table): worth OCR when they have
 * no text. Poppler lists the images without decoding them; where it cannot, pdf.js's operator list.
 */
async function paintingImages(doc: PDFDocumentProxy, bytes: Buffer, pages: number[]): Promise<number[]> {
  const listed = await pagesPaintingImages(bytes, pages);
  if (listed) return pages.filter((n) => listed.has(n));
  const painting: number[] = [];
  for (const n of pages) {
    const page = await doc.getPage(n);
    const list = await page.getOperatorList();
    if (list.fnArray.some((fn) => IMAGE_OPS.has(fn))) painting.push(n);
    page.cleanup();
  }
  return painting;
}

/**
 * The scanned pages read by OCR, or null when the text layer suffices without them (a mixed PDF
 * whose scanned pages are only a cover: `optional`). OCR off (`--no-ocr`, OGI_OCR=0): needs_ocr.
 */
async function ocrPages(
  bytes: Buffer,
  pages: number[],
  total: number,
  optional: boolean,
  options: ReadOptions,
): Promise<{ rows: TextRow[][]; chars: number; engine: NonNullable<DocumentMeta['ocr']> } | null> {
  if (!ocrWanted(options)) {
    if (optional) return null;
    throw new ExtractError('needs_ocr', `${pages.length} of ${total} page(s) are scans and OCR is off`);
  }
  return readScans(pages, async (n) => ({ img: await renderPdfPage(bytes, n, OCR_DPI), dpi: OCR_DPI }), {
    dir: options.ocrCache,
    document: bytes,
    pages: options.ocrPages,
  });
}

/**
 * The page's text items in page coordinates (top-left origin, y down, /Rotate applied), and the
 * viewport used. When most of the text runs sideways or upside down (a landscape table printed
 * on a portrait page), the view is turned so that it reads left to right.
 */
async function pageRuns(page: PDFPageProxy): Promise<{ runs: TextRun[]; viewport: PageViewport }> {
  const content = await page.getTextContent();
  const items = content.items.filter((i): i is TextItem => 'str' in i && i.str.trim() !== '');
  let viewport = page.getViewport({ scale: 1 });
  const turn = dominantTurn(items, viewport, content.styles);
  if (turn) viewport = page.getViewport({ scale: 1, rotation: (page.rotate + 360 - 90 * turn) % 360 });
  const runs: TextRun[] = [];
  for (const item of items) {
    const m = Util.transform(viewport.transform, item.transform);
    const size = Math.hypot(m[2], m[3]);
    if (!(size > 0)) continue;
    const text = foldRadicals(item.str);
    const style = content.styles[item.fontName];
    // pdf.js gives the font's ascent and descent (descent negative) when the font tells them.
    const metrics = {
      ...(style?.ascent > 0 && style.ascent < 2 ? { ascent: style.ascent } : {}),
      ...(style?.descent < 0 && style.descent > -1 ? { descent: -style.descent } : {}),
    };
    if (style?.vertical) {
      // pdf.js puts a vertical run's origin at the bottom-left of its first glyph
      runs.push({ text, x0: m[4], x1: m[4] + item.width, y: m[5] - size, size, vertical: { height: item.height } });
    } else if (Math.abs(m[1]) < 0.1 * Math.abs(m[0]) && m[0] > 0) {
      runs.push({ text, x0: m[4], x1: m[4] + item.width, y: m[5], size, ...metrics });
    } else {
      // rotated text (a stamp, a sideways label): kept as a run of its own at its origin
      runs.push({ text, x0: m[4], x1: m[4] + size, y: m[5], size, vertical: { height: item.width } });
    }
  }
  return { runs, viewport };
}

/** Quarter turns (clockwise, on screen) of the direction most characters run in; 0 = left to right. */
function dominantTurn(
  items: TextItem[],
  viewport: PageViewport,
  styles: Record<string, { vertical?: boolean }>,
): number {
  const weight = [0, 0, 0, 0];
  for (const item of items) {
    if (styles[item.fontName]?.vertical) continue;
    const m = Util.transform(viewport.transform, item.transform);
    const quarter = Math.round(Math.atan2(m[1], m[0]) / (Math.PI / 2));
    weight[(quarter + 4) % 4] += item.str.length;
  }
  const best = weight.indexOf(Math.max(...weight));
  return weight[best] > weight[0] * 2 ? best : 0;
}

/**
 * A table row with a cell of three or more space-separated words: maybe cells that pdf.js ran
 * together (it joins runs less than 0.6 em apart). "总 计" or "反复 申请" alone do not count, so
 * that most pages never pay for the operator list.
 */
export function mayJoinCells(row: TextRow): boolean {
  return (
    row.tabular &&
    row.cells.some((c) => {
      const words = c.text.split(/\s+/).filter(Boolean);
      return words.length >= 3 && words.filter((w) => w.length >= 2).length >= 2;
    })
  );
}

async function meta(doc: PDFDocumentProxy): Promise<DocumentMeta> {
  const out: DocumentMeta = { pages: doc.numPages };
  const { info } = await doc.getMetadata().catch(() => ({ info: {} as Record<string, unknown> }));
  const title = (info as Record<string, unknown>).Title;
  if (typeof title === 'string' && looksLikeReportTitle(title)) out.title = title.trim();
  return out; // CreationDate is when the file was made, not when the report was published
}

/** WPS and Word write file names, "Microsoft Word - x.doc", or nothing useful into Title. */
export function looksLikeReportTitle(title: string): boolean {
  const t = title.trim();
  return (
    t.length >= 6 &&
    t.length <= 120 &&
    /报告|年报/.test(t) &&
    !/^Microsoft\s|\.(?:docx?|wps|pdf|xlsx?)$/i.test(t) &&
    !/[\uFFFD]|[À-ÿ]{3,}/.test(t) // mojibake
  );
}

function asExtractError(err: unknown): ExtractError {
  if (err instanceof ExtractError) return err;
  const name = (err as { name?: string } | null)?.name;
  const message = (err as { message?: string } | null)?.message ?? String(err);
  if (name === 'PasswordException') return new ExtractError('encrypted_pdf', `password-protected PDF: ${message}`);
  return new ExtractError('corrupt_pdf', `pdf.js cannot read it: ${message}`);
}
