// Lists rendered by JavaScript (SPA shells, 南威 IGS, JSON-to-DOM templates): the runtime renders the
// page in Chromium and hands over the rendered DOM; this adapter reads the links whose titles name a
// report or a cover of one (the rendered page is full of menus, so a title that says nothing does not count) plus the list entries
// the generic reader finds, and the "下一页" links that have a real href.
import type { FetchedPage } from '../platform.js';
import { classifyTitle, namesReport } from '../../text/report-titles.js';
import { anchorItem, anchorTitle, nonEmpty, platform, uniqueItems, uniqueNext } from './common.js';
import { listEntries } from './generic.js';
import { announcedIn, enumeratePages, pageCount, pageLinks, startsList } from './pager.js';

/** A page whose list is not in the HTML: little text, a mount point or a JSON-list script. */
export function looksRenderedByScript(page: FetchedPage): boolean {
  const { $ } = page;
  const text = $('body').text().replace(/\s+/g, '');
  const scripts = $('script').length;
  if (/\/igs\/front\/|\.jhtml\b/.test(page.body)) return true;
  return scripts > 0 && text.length < 200 && $('a[href]').length < 10;
}

export const browser = platform({
  name: 'browser',
  needsBrowser: true,
  detect: looksRenderedByScript,
  parseList(page) {
    const { $ } = page;
    const reports = $('a[href]')
      .toArray()
      .filter((a) => namesReport(classifyTitle(anchorTitle($, a))))
      .map((a) => anchorItem(page, $, a));
    const unique = uniqueItems([...listEntries(page, $), ...reports]);
    // What the rendered list announces ("共N条") is compared with what was found: a list whose
    // further pages only a click reaches is a count_mismatch, never a silent shortfall.
    const told = announcedIn(page);
    const next = pageLinks(page, $).map((url) => ({ url }));
    if (startsList(page)) for (const url of enumeratePages(page, $, pageCount(told, 0))) next.push({ url });
    return nonEmpty(
      page,
      { items: unique, next: uniqueNext(next, page), total: told.total, pages: told.pages },
      'report links',
    );
  },
});
