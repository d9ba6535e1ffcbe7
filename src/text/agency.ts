// Names of reporting bodies: the body a report title names, a page title without its site name, and
// the administrative level a name shows (人民政府 of a 省/市/县/区/旗/乡/镇/街道, a 局 or 委, a central
// ministry). Pure text rules; the division index (src/extract/divisions.ts) is not consulted here.
import type { AdminLevel } from '../record.js';
import { squeeze } from './normalise.js';

/** A local government's name: 人民政府, or the office of a 街道. */
export const GOVERNMENT = /(?:人民政府|街道办事处|办事处)$/;

/** The name of a central body: 国务院…, 国家…, 中华人民共和国…, 中国…, …部, …总局, …总署 (when it names no place). */
export const CENTRAL_NAME = /^(?:国务院|国家|中华人民共和国|中国)|(?:部|总局|总署)$/;

// ---------------------------------------------------------------- the body a title names
// Two rules on purpose: the crawler reads a list item's title and must return nothing rather than a
// wrong hint (titleAgency: years in Chinese numerals, 3–40 characters, no bare 政府); the extractor
// reads the document's own title, already flattened, and keeps what it finds (agencyFromTitle).

const YEAR_PREFIX = /^(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?/;
const BODY_END =
  /^(.+?)(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?|^(.+?)(?:政府信息公开|政务信息公开|信息公开|政务公开)/;

/**
 * The body a list item's title names at its start: "湖北省市场监督管理局2023年政府信息公开工作年度报告" →
 * 湖北省市场监督管理局; "2023年北京市海淀区人民政府信息公开工作年度报告" → 北京市海淀区人民政府.
 */
export function titleAgency(title: string): string | null {
  let t = squeeze(title).replace(/[《》“”"]/g, '');
  t = t.replace(YEAR_PREFIX, '');
  const m = BODY_END.exec(t);
  let body = m ? (m[1] ?? m[2]) : null;
  if (!body) return null;
  body = body.replace(/[（(]\s*$/, '').replace(/关于$/, '');
  if (/人民$/.test(body)) body += '政府';
  if (body.length < 3 || body.length > 40 || /^(?:关于|本|我)|^(?:政府|政务|人民政府)$/.test(body)) return null;
  return body;
}

/** The body a (flattened) report title names: before the year or before "政府信息公开" ("2019年上海市政府…" → 上海市). */
export function agencyFromTitle(title: string): string | null {
  let s = title.replace(/^关于/, '').replace(/^[（(]?\d{4}\s*年度?[）)]?/, '');
  const end = /\d{4}\s*年|(?:政府|政务)?信息公开|政务公开/.exec(s);
  if (end) s = s.slice(0, end.index);
  s = s
    .replace(/人民$/, '人民政府')
    .replace(/^(?:全省|全市|全区|全县)/, '')
    .replace(/(?:关于|的|[（(])$/, '')
    .trim();
  return s.length >= 2 ? s : null;
}

// ---------------------------------------------------------------- site names

const SEPARATOR = String.raw`\s*(?:——|--|—|_|－|-|\||｜|::|:|：)\s*`;
const GUESSED_SEPARATOR = String.raw`\s*(?:——|--|—|_|－|-|\||｜|::)\s*`;
const LOOKS_LIKE_SITE = /(网|网站|门户|政府|政务网|政务服务网|信息公开|gov\.cn|\.com)$/i;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A page title without the site name glued before or after it (`保定市人民政府网——标题`,
 * `标题-湖北省市场监督管理局`): the names in `sites` (meta SiteName, ContentSource), and with
 * `guess` also any part that looks like a site (ends in 网, 门户, 政府, gov.cn…). Repeated while
 * something is stripped; a title that is nothing but a site name is kept.
 */
export function stripSiteName(title: string, sites: readonly string[], guess = false): string {
  let t = title.trim();
  for (;;) {
    const before = t;
    for (const site of sites) {
      if (!site) continue;
      const s = escapeRegExp(site);
      t = t.replace(new RegExp(`^${s}${SEPARATOR}(?=.)`), '').replace(new RegExp(`(?<=.)${SEPARATOR}${s}$`), '');
    }
    if (guess) {
      const pre = new RegExp(`^(.+?)${GUESSED_SEPARATOR}(.+)$`).exec(t);
      if (pre && LOOKS_LIKE_SITE.test(pre[1]!.trim())) t = pre[2]!;
      const post = new RegExp(`^(.+)${GUESSED_SEPARATOR}([^_|｜—－-]+)$`).exec(t);
      if (post && LOOKS_LIKE_SITE.test(post[2]!.trim())) t = post[1]!;
    }
    if (t === before) return t;
  }
}

// ---------------------------------------------------------------- administrative level
// Two rules on purpose: the crawler guesses a level from a name alone ("X市人民政府" → city), a hint
// the document may overrule (agencyLevel); the extractor asks the division index first and, for a
// government the index does not place, answers from the suffix only where it is unambiguous
// ("X市" may be a prefecture or a county-level city: null) (governmentLevel).

/** Level of government a body name belongs to, guessed from its suffix (a list-page hint). */
export function agencyLevel(agency: string): AdminLevel | null {
  const a = squeeze(agency);
  if (/^国务院|^国家|^中国|部$|总局$|总署$/.test(a) && !/[省市县区旗]/.test(a.slice(0, 4))) return 'central';
  if (/(?:乡|镇|街道|街道办事处|苏木)(?:人民政府)?$/.test(a)) return 'township';
  if (/(?:人民政府|人民政府办公厅|人民政府办公室|政府办公室|政府办)$/.test(a)) {
    const place = a.replace(/(?:人民政府|人民)?(?:政府)?(?:办公厅|办公室|办)?$/, '');
    if (/(?:县|区|旗|自治县|市辖区)$/.test(place) && /[市州盟]/.test(place.slice(0, -1))) return 'county';
    if (/(?:县|旗|自治县)$/.test(place)) return 'county';
    if (
      /(?:市|州|盟|地区)$/.test(place) &&
      /[省区]/.test(place.slice(0, -1)) &&
      !/^(?:北京|天津|上海|重庆)市$/.test(place)
    )
      return 'city';
    if (/^(?:北京|天津|上海|重庆)市$|省$|自治区$/.test(place)) return 'province';
    if (/(?:市|州|盟)$/.test(place)) return 'city';
    if (/区$/.test(place)) return 'county';
    return null;
  }
  if (/(?:厅|局|委员会|委|办公室|办|中心|院|所|馆|队|站|会)$/.test(a)) return 'department';
  return null;
}

/** Level of a local government (or bare place) from its place's suffix; null for "X市", which may be either. */
export function governmentLevel(agency: string): AdminLevel | null {
  const place = agency.replace(GOVERNMENT, '');
  if (/(?:镇|乡|苏木|街道)$/.test(place) || /办事处$/.test(agency)) return 'township';
  if (/(?:县|区|旗)$/.test(place)) return 'county';
  if (/(?:省|自治区)$/.test(place)) return 'province';
  if (/(?:自治州|州|盟|地区)$/.test(place)) return 'city';
  return null; // "X市": a prefecture or a county-level city, the index did not say which
}
