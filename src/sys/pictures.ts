// What kind of picture a file is, from its first bytes (magic numbers): the one place that knows
// them — the extractor's format detection, the crawler checking that a report's picture is one, the
// publisher naming an archived picture. And the picture set: the stored list of a report published
// as pictures, written by the crawler, read by the extractor (its worker loads this, not the record's
// forms).
import type { SourcePicture } from '../record.js';

const MAGIC: [PictureType, (b: Buffer) => boolean][] = [
  ['jpg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['png', (b) => b.subarray(0, 4).toString('latin1') === '\x89PNG'],
  ['gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['tif', (b) => ['II*\0', 'MM\0*'].includes(b.subarray(0, 4).toString('latin1'))],
  ['webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
];

export type PictureType = 'jpg' | 'png' | 'gif' | 'tif' | 'webp' | 'bmp';

/**
 * The picture type of a file from its first bytes (16 are enough), or null. A BMP ("BM") is one only
 * when the size its header states is the file's `size` (two letters alone say little).
 */
export function pictureType(head: Buffer, size: number): PictureType | null {
  const found = MAGIC.find(([, is]) => is(head))?.[0];
  if (found) return found;
  if (head[0] === 0x42 && head[1] === 0x4d && head.length >= 6 && size > 26 && head.readUInt32LE(2) === size)
    return 'bmp';
  return null;
}

/**
 * A report published as pictures: the crawler stores this list (JSON, `PICTURE_SET_TYPE`) as one
 * document beside the pictures' own blobs; its sha256 changes when any picture does, so it is
 * extracted (the pictures OCR'd as the report's pages, in order) once per set of pictures.
 */
export interface PictureSet {
  ogi: 'pictures';
  /** The article page the pictures were found on. */
  page_url: string;
  pictures: SourcePicture[];
}

export const PICTURE_SET_TYPE = 'application/vnd.ogi.pictures+json';
const PICTURE_SET_HEAD = '{"ogi":"pictures",';

/** The stored bytes of a picture set (keys in a fixed order: the same pictures give the same bytes). */
export function encodePictureSet(set: PictureSet): Buffer {
  const pictures = set.pictures.map(({ page, url, sha256, bytes, missing }) =>
    missing === undefined ? { page, url, sha256, bytes } : { page, url, missing },
  );
  return Buffer.from(`${JSON.stringify({ ogi: 'pictures', page_url: set.page_url, pictures })}\n`);
}

/** The picture set these bytes are, or null when they are not one. */
export function parsePictureSet(bytes: Buffer): PictureSet | null {
  if (bytes.subarray(0, PICTURE_SET_HEAD.length).toString('latin1') !== PICTURE_SET_HEAD) return null;
  try {
    const set = JSON.parse(bytes.toString('utf8')) as PictureSet;
    return Array.isArray(set.pictures) && typeof set.page_url === 'string' ? set : null;
  } catch {
    return null;
  }
}
