// A report published as pictures: a JPG/PNG/TIFF/WebP/GIF/BMP file (a multi-page TIFF is one page
// per frame), decoded by sharp (libvips: the camera's EXIF orientation applied, a pixel limit
// checked before decoding) into a gray page image and read by OCR (ocr.ts) like a scanned PDF page.
import { ExtractError } from '../../errors.js';
import { modelFromRows, type DocumentModel, type TextRow, type ReadOptions } from '../model.js';
import {
  MAX_PIXELS,
  OCR_DPI,
  ocrWanted,
  readScans,
  withoutRed,
  type GrayImage,
  type OcrCache,
  type OcrEngine,
} from './ocr.js';

/** An A4 page's long side, in inches: a picture whose resolution is not stated is taken to be a page. */
const A4_LONG_INCHES = 11.69;
/** Pictures of less resolution than this are enlarged to OCR_DPI first (the engine wants large glyphs). */
const MIN_DPI = 200;

export async function readImage(bytes: Buffer, options: ReadOptions = {}): Promise<DocumentModel> {
  if (!ocrWanted(options)) throw new ExtractError('needs_ocr', 'a picture: its text is read only by OCR, which is off');
  const read = await readPictures([bytes], { dir: options.ocrCache, document: bytes, pages: options.ocrPages });
  return modelFromRows('image', read.rows, { pages: read.engine.pages.length, ocr: read.engine });
}

/**
 * Pictures read by OCR as consecutive pages (a multi-page TIFF gives one page per frame), decoded
 * one page at a time: their rows in order, and the engine with the pages it read.
 */
export async function readPictures(
  pictures: Buffer[],
  cache?: OcrCache,
): Promise<{ rows: TextRow[]; engine: OcrEngine & { pages: number[] } }> {
  const { default: sharp } = await import('sharp');
  const pages: { picture: Buffer; frame: number }[] = [];
  for (const picture of pictures) {
    let frames: number;
    try {
      frames = (await sharp(picture, { limitInputPixels: MAX_PIXELS }).metadata()).pages ?? 1;
    } catch (err) {
      throw asImageError(err);
    }
    for (let frame = 0; frame < frames; frame++) pages.push({ picture, frame });
  }
  const read = await readScans(
    pages.map((_, i) => i + 1),
    async (n) => {
      const { picture, frame } = pages[n - 1]!;
      try {
        const image = sharp(picture, { limitInputPixels: MAX_PIXELS, page: frame, failOn: 'error' })
          .rotate()
          .flatten({ background: '#ffffff' });
        const meta = await image.metadata();
        const width = meta.autoOrient?.width ?? meta.width ?? 0;
        const long = Math.max(width, meta.autoOrient?.height ?? meta.height ?? 0);
        const stated = meta.density && meta.density >= 100 && meta.density <= 1200 ? meta.density : null;
        const dpi = stated ?? long / A4_LONG_INCHES;
        const scale = dpi < MIN_DPI ? OCR_DPI / dpi : 1;
        const { data, info } = await (scale > 1
          ? image.resize({ width: Math.round(width * scale), kernel: 'lanczos3' })
          : image
        )
          .toColourspace('srgb')
          .raw()
          .toBuffer({ resolveWithObject: true });
        const img: GrayImage =
          info.channels >= 3
            ? withoutRed(
                new Uint8Array(data.buffer, data.byteOffset, data.length),
                info.width,
                info.height,
                info.channels,
              )
            : {
                width: info.width,
                height: info.height,
                data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height),
              };
        return { img, dpi: dpi * scale };
      } catch (err) {
        throw asImageError(err);
      }
    },
    cache,
  );
  return { rows: read.rows.flat(), engine: read.engine };
}

/** sharp's errors as typed ones: over the pixel limit, or not decodable. */
function asImageError(err: unknown): Error {
  if (err instanceof ExtractError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message))
    return new ExtractError('resource_limit', `the picture is over ${MAX_PIXELS} pixels (sharp: ${message})`);
  return new ExtractError('corrupt_image', `the picture cannot be decoded (sharp: ${message})`);
}
