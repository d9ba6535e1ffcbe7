// A report published as pictures on an article page (src/crawl/content.ts reportPictures): each
// picture is fetched like any document (the crawl's manners, conditional on the stored version,
// streamed to disk, content-addressed) and stored as kind 'picture'; then the list of them, in page
// order, is stored as ONE document of kind 'pictures' at `<page url>#pictures` (sys/pictures.ts
// PictureSet): that is what is extracted, the pictures OCR'd as its pages. The list's bytes change
// when a picture does, so an unchanged set is not extracted again and a changed one is.
// A picture that cannot be fetched, or is no picture, is a failure naming it (stage download) and a
// gap in the list (`missing`: its failure kind); one that cannot be fetched now but was stored by an
// earlier crawl is taken from the store (a report that vanished stays, as any document does).
import { rm } from 'node:fs/promises';
import { readHead } from '../../sys/head.js';
import type { SourcePicture } from '../../record.js';
import { encodePictureSet, PICTURE_SET_TYPE, pictureType } from '../../sys/pictures.js';
import { filenameFromUrl } from '../../net/filename.js';
import { PICTURES_FRAGMENT, type DocumentEntry, type DocumentHints } from '../../workarea/layout.js';
import { CrawlFailure, describeFailure } from '../failure.js';
import type { CrawlContext } from './context.js';
import { validatorsOf } from './keep.js';

export async function storePictures(
  ctx: CrawlContext,
  set: { pageUrl: string; pictures: string[]; hints: DocumentHints },
): Promise<void> {
  const listed: SourcePicture[] = [];
  const entries: (DocumentEntry | null)[] = [];
  for (const [i, url] of set.pictures.entries()) {
    const page = i + 1;
    const entry = await storePicture(ctx, url, set.pageUrl, set.hints).catch(async (err: unknown) => {
      const { kind, message } = describeFailure(err);
      await ctx.fail({ url, stage: 'download', kind, message: `page ${page} of ${set.pageUrl}: ${message}` });
      return { missing: kind };
    });
    entries.push('sha256' in entry ? entry : null);
    listed.push('sha256' in entry ? { page, url, sha256: entry.sha256, bytes: entry.bytes } : { page, url, ...entry });
  }
  const came = entries.filter((e): e is DocumentEntry => e !== null);
  if (!came.length) return; // nothing came: the page stays an HTML document without a report
  const url = `${set.pageUrl}${PICTURES_FRAGMENT}`;
  const bytes = encodePictureSet({ ogi: 'pictures', page_url: set.pageUrl, pictures: listed });
  const { entry, added } = await ctx.store.put(
    bytes,
    {
      url,
      final_url: url,
      page_url: set.pageUrl,
      content_type: PICTURE_SET_TYPE,
      filename: null,
      fetched_at: came
        .map((e) => e.fetched_at)
        .sort()
        .at(-1)!, // when the last of its pictures was fetched
      etag: null,
      last_modified: null,
      kind: 'pictures',
      hints: set.hints,
    },
    // The pictures' hashes as the set's text: a copy of the same pictures (another portal) is marked a duplicate.
    listed.map((p) => p.sha256 ?? '').join(' '),
  );
  ctx.stored(entry, added);
}

/** One picture fetched and stored (or the stored version, on a 304 or when the fetch fails now). */
async function storePicture(
  ctx: CrawlContext,
  url: string,
  pageUrl: string,
  hints: DocumentHints,
): Promise<DocumentEntry> {
  const prev = ctx.store.previous(url);
  let res: Awaited<ReturnType<CrawlContext['fetcher']['fetch']>>;
  try {
    res = await ctx.fetcher.fetch({ url, validators: validatorsOf(prev), toFile: ctx.store.downloadPath() });
  } catch (err) {
    if (!prev) throw err;
    const { kind, message } = describeFailure(err);
    await ctx.fail({ url, stage: 'download', kind, message: `${message} (the copy stored earlier is read)` });
    return prev;
  }
  if (res.notModified && prev) {
    ctx.stored(prev, false);
    return prev;
  }
  try {
    const head = res.file ? await readHead(res.file.path, 16) : res.body.subarray(0, 16);
    const size = res.file ? res.file.bytes : res.body.length;
    if (!pictureType(head, size))
      throw new CrawlFailure(
        'not_an_image',
        `${url} is no picture (${res.contentType ?? 'no Content-Type'}, ${size} bytes, starting ${JSON.stringify(head.subarray(0, 8).toString('latin1'))})`,
      );
    const doc = {
      url,
      final_url: res.finalUrl,
      page_url: pageUrl,
      content_type: res.contentType,
      filename: filenameFromUrl(res.finalUrl),
      fetched_at: res.fetchedAt,
      etag: res.etag,
      last_modified: res.lastModified,
      kind: 'picture' as const,
      hints,
    };
    const { entry, added } = res.file ? await ctx.store.putFile(res.file, doc) : await ctx.store.put(res.body, doc);
    ctx.stored(entry, added);
    return entry;
  } finally {
    if (res.file) await rm(res.file.path, { force: true }); // not stored (or already renamed into place)
  }
}
