// A picture set (a report published as pictures: record.ts PictureSet) read without OCR work: the
// failures that decide before any page is read, and a set none of whose pictures can be read.
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../../src/errors.js';
import { extractDocument } from '../../src/extract/index.js';
import { readDocument } from '../../src/extract/read.js';
import type { SourcePicture } from '../../src/record.js';
import { encodePictureSet, parsePictureSet } from '../../src/sys/pictures.js';

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const pictures: SourcePicture[] = [
  { page: 1, url: 'http://www.example.gov.cn/nb/1.jpg', sha256: 'a'.repeat(64), bytes: 10 },
  { page: 2, url: 'http://www.example.gov.cn/nb/2.jpg', missing: 'http_404' },
  { page: 3, url: 'http://www.example.gov.cn/nb/3.jpg', sha256: 'b'.repeat(64), bytes: 10 },
];
const set = encodePictureSet({ ogi: 'pictures', page_url: 'http://www.example.gov.cn/nb/t1.html', pictures });

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (err) {
    return err instanceof ExtractError ? `${err.kind}: ${err.message}` : `untyped: ${String(err)}`;
  }
}

describe('a picture set', () => {
  it('is stored as fixed JSON (same pictures, same bytes) and read back; other bytes are no picture set', () => {
    expect(set.toString('utf8')).toBe(
      `{"ogi":"pictures","page_url":"http://www.example.gov.cn/nb/t1.html","pictures":[{"page":1,"url":"http://www.example.gov.cn/nb/1.jpg","sha256":"${'a'.repeat(64)}","bytes":10},{"page":2,"url":"http://www.example.gov.cn/nb/2.jpg","missing":"http_404"},{"page":3,"url":"http://www.example.gov.cn/nb/3.jpg","sha256":"${'b'.repeat(64)}","bytes":10}]}\n`,
    );
    expect(parsePictureSet(set)).toEqual({
      ogi: 'pictures',
      page_url: 'http://www.example.gov.cn/nb/t1.html',
      pictures,
    });
    expect(parsePictureSet(Buffer.from('{"ogi":"pictures", broken'))).toBeNull();
    expect(parsePictureSet(Buffer.from('<html><body>{"ogi":"pictures",</body></html>'))).toBeNull();
  });

  it('with OCR off is needs_ocr; given other pictures than it lists is an internal error, never a shifted page', async () => {
    expect(await kindOf(readDocument(set, 'set', null, { ocr: false, pictures: [JPEG_HEAD, JPEG_HEAD] }))).toBe(
      'needs_ocr: a report published as pictures: its text is read only by OCR, which is off',
    );
    expect(await kindOf(readDocument(set, 'set', null, { pictures: [JPEG_HEAD] }))).toBe(
      'internal_error: the picture set lists 2 pictures that came, 1 were given to read',
    );
  });

  it('none of whose pictures can be decoded fails with the first picture’s typed error', async () => {
    const kind = await kindOf(extractDocument({ bytes: set, name: 'set', pictures: [JPEG_HEAD, JPEG_HEAD] }));
    expect(kind).toMatch(/^corrupt_image: the picture cannot be decoded \(sharp: [\s\S]+\)$/);
  });
});
