// What kind of picture a file is, from its first bytes (magic numbers): the one place that knows
// them — the extractor's format detection, the crawler checking that a report's picture is one, the
// publisher naming an archived picture.

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
