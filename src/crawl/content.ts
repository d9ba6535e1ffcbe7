// An article page's content area: its text (duplicate marking, judging an ambiguous page) and, when
// the report is published as pictures (one scanned page per <img>), those pictures in page order.
//
// The content area is the first known editor container that holds anything (TRS, UCAP, …), else the
// body without its chrome (header, footer, navigation, share bars, sidebars). A page is a report
// published as pictures when its content area shows pictures and next to no text of its own
// (REPORT_TEXT_MAX characters: a caption, a title, 附件): a report's own text, with its three tables,
// runs to thousands. Pictures that are chrome do not count: logos, icons, QR codes, share buttons,
// gifs, spacers, anything drawn smaller than a page can be read at (size attributes or style), and
// pictures inside page chrome or inside a link to somewhere else. Lazy pictures are read from the
// attribute that holds the real address (data-original, data-src, …), not from a placeholder `src`.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { squeeze } from '../text/normalise.js';
import { resolveUrl } from './page.js';
import type { FetchedPage } from './platform.js';

const BODY_SELECTORS = [
  '#zoom',
  '.TRS_Editor',
  '.trs_editor_view',
  '#UCAP-CONTENT',
  '.article-content',
  '.Article_content',
];

/** Containers that are page chrome, by tag or by a class or id naming them. */
const CHROME_TAGS = new Set(['header', 'footer', 'nav', 'aside', 'script', 'style', 'noscript']);
const CHROME_NAME =
  /(?:^|[-_\s])(?:header|head|top|footer|foot|bottom|nav|navbar|menu|breadcrumb|crumb|share|bdshare|sidebar|side|qr|qrcode|ewm|erweima|logo|toolbar|print)(?:$|[-_\s\d])/i;
/** File names of chrome pictures. */
const CHROME_FILE =
  /logo|icon|ico[-_.]|favicon|qr|erweima|ewm|share|fenxiang|weixin|wechat|weibo|wx[-_.]|banner|btn|button|arrow|spacer|blank|loading|placeholder|print|close|gotop|search|bg[-_.]|dot[-_.]|line[-_.]|badge|jiucuo|zhaocuo/i;
/** Placeholders a lazy loader puts in `src` until the picture scrolls into view. */
const PLACEHOLDER = /^data:|blank|loading|lazy|placeholder|grey\.gif|spacer|1x1|pixel/i;
/** Attributes lazy loaders keep the real address in, in order of trust; `src` last. */
const SOURCE_ATTRIBUTES = ['data-original', 'data-src', 'data-lazy-src', 'data-lazy', 'data-url', 'src'];
/** Pictures drawn smaller than this (pixels, either side) are chrome: a scanned page is shown large. */
const MIN_SIDE = 200;
/** Most characters of its own text a page of pictures has (a caption, a title, 附件说明). */
export const REPORT_TEXT_MAX = 600;

/** The content area (see the header). */
function contentArea(page: FetchedPage): { $: CheerioAPI; root: AnyNode | null; known: boolean } {
  const { $ } = page;
  for (const sel of BODY_SELECTORS) {
    const el = $(sel).first();
    if (el.length && (el.text().trim() || el.find('img').length)) return { $, root: el.get(0)!, known: true };
  }
  return { $, root: $('body').get(0) ?? null, known: false };
}

/** Whether an element is page chrome (by tag, class or id). */
function isChrome(el: Element): boolean {
  if (CHROME_TAGS.has(el.tagName.toLowerCase())) return true;
  const name = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  return CHROME_NAME.test(name);
}

/** The content area's text (for duplicate marking): the known container's, else the whole body's. */
export function articleText(page: FetchedPage): string {
  const { $, root } = contentArea(page);
  return root ? $(root).text() : '';
}

/** The content area's own text, chrome left out (walked with a stack: a page may nest 100,000 deep). */
function ownText(root: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push((node as Text).data);
    else if (node === root || (node.type === 'tag' && !isChrome(node as Element))) {
      const children = (node as Element).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('');
}

/** A drawn size under MIN_SIDE (width/height attributes or style), or null when it says none. */
function drawnSmall(el: Element): boolean {
  const style = el.attribs.style ?? '';
  for (const side of ['width', 'height']) {
    const attr = el.attribs[side]?.trim();
    const px = attr && /^\d+(?:\.\d+)?(?:px)?$/i.test(attr) ? Number.parseFloat(attr) : null;
    const css = new RegExp(`(?:^|;|\\s)${side}\\s*:\\s*(\\d+(?:\\.\\d+)?)px`, 'i').exec(style)?.[1];
    const size = px ?? (css ? Number.parseFloat(css) : null);
    if (size !== null && size < MIN_SIDE) return true;
  }
  return false;
}

/** The real address of a picture (lazy attributes before a placeholder `src`), resolved; '' when none. */
function pictureUrl(el: Element, base: string): string {
  for (const attr of SOURCE_ATTRIBUTES) {
    const value = el.attribs[attr]?.trim();
    if (!value || (attr === 'src' && PLACEHOLDER.test(value)) || value.startsWith('data:')) continue;
    const url = resolveUrl(value, base);
    if (url) return url;
  }
  return '';
}

/** Whether a picture is chrome: its file name, its type, its drawn size, its containers, a link elsewhere. */
function chromePicture(el: Element, url: string, root: AnyNode): boolean {
  const file = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  if (CHROME_FILE.test(file) || /\.(gif|svg|ico)$/i.test(file) || drawnSmall(el)) return true;
  for (let p = el.parent; p && p !== root && p.type === 'tag'; p = p.parent) {
    const parent = p as Element;
    if (isChrome(parent)) return true;
    if (parent.tagName === 'a') {
      const href = resolveUrl(parent.attribs.href ?? '', url);
      if (href && href !== url && !/\.(jpe?g|png|tiff?|webp|bmp)$/i.test(new URL(href).pathname)) return true;
    }
  }
  return false;
}

/**
 * The pictures that are the report, in document order (each URL once), when the page is a report
 * published as pictures; [] when it is not (it has text of its own, or no picture that is not chrome).
 */
export function reportPictures(page: FetchedPage): string[] {
  const { $, root } = contentArea(page);
  if (!root) return [];
  if (squeeze(ownText(root)).length > REPORT_TEXT_MAX) return [];
  const urls: string[] = [];
  for (const el of $(root).find('img').toArray() as Element[]) {
    const url = pictureUrl(el, page.url);
    if (!url || urls.includes(url) || chromePicture(el, url, root)) continue;
    urls.push(url);
  }
  return urls;
}
