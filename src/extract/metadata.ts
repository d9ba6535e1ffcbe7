// Everything about a report except its three tables: title, reporting body, year covered,
// publication date, scope, region and administrative level. The document decides; the crawler's
// list-page hints fill only what the document does not say.
import type { AdminLevel, Region, Scope, Warning } from '../record.js';
import type { DocumentHints } from '../storage/layout.js';
import { divisionIndex, lineage } from './divisions.js';
import { flatLine, flatten } from './flat-text.js';
import type { DocumentModel } from './model.js';
import { EMPTY_REGION, placeChain, resolveRegion } from './region.js';

export interface Metadata {
  title: string | null;
  agency: string | null;
  year: number | null;
  published_date: string | null;
  scope: Scope;
  region: Region;
  admin_level: AdminLevel | null;
  warnings: Warning[];
}

type Line = { text: string; tabular: boolean };
const linesCache = new WeakMap<DocumentModel, Line[]>();

/** The document's non-empty lines, flattened, with whether they came from a table (computed once). */
function lines(model: DocumentModel): Line[] {
  const cached = linesCache.get(model);
  if (cached) return cached;
  const out: Line[] = [];
  for (const row of model.rows) {
    const text = flatLine(row.cells).replace(/^#+/, '');
    if (text) out.push({ text, tabular: row.tabular });
  }
  linesCache.set(model, out);
  return out;
}

// ---------------------------------------------------------------- title

const TITLE_WORDS = /(?:年度报告|工作报告|年报|年度工作情况|工作情况报告)/;
const GENERIC_TITLE = /^(?:政府信息公开|政务公开)?(?:工作)?(?:年度报告|年报)(?:专栏)?$/;
const NOT_A_HEADING = /[。；>»]|当前位置|首页/;
const SENTENCE_END = /[。；，,：:]$/;

/** The title as printed at the top: the first short line naming a report, joined with the line
 * before it when the title is printed on two lines ("宝清县七星河乡人民政府" / "2020年…年度报告"). */
export function findTitle(model: DocumentModel): string | null {
  const top = lines(model).filter((l) => !l.tabular).slice(0, 12).map((l) => l.text);
  for (let i = 0; i < top.length; i++) {
    const line = top[i]!;
    if (!TITLE_WORDS.test(line) || line.length > 80 || NOT_A_HEADING.test(line)) continue;
    const before = top[i - 1];
    const joinable = before && before.length <= 40 && !SENTENCE_END.test(before) && !NOT_A_HEADING.test(before);
    // Join when this line starts with the year or a fragment (the body's name is on the line before).
    const startsBare = /^(?:\d{4}|[（(]?\d{4}|年度|工作|政府信息|政务)/.test(line);
    const title = joinable && startsBare ? before + line : line;
    if (!GENERIC_TITLE.test(title)) return cleanTitle(title);
  }
  return null;
}

function cleanTitle(s: string): string {
  return flatten(s)
    .replace(/^(?:标题|题名|名称)[:：]/, '')
    .replace(/^[《“"]|[》”"]$/g, '')
    .replace(/[。.]$/, '');
}

/** A page `<title>` usually carries the site name after a separator: keep the report part. */
function titleFromMeta(title: string | undefined): string | null {
  if (!title) return null;
  const part = title.split(/\s*(?:[-_|–—]{1,2}|——)\s*/).find((p) => TITLE_WORDS.test(p));
  return part ? cleanTitle(part) : null;
}

// ---------------------------------------------------------------- agency

const GOVERNMENT = /(?:人民政府|街道办事处|办事处)$/;
const PLACE_SUFFIX = /(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗|自治旗|镇|乡|苏木|街道)$/;

/** The body a title names: before the year or before "政府信息公开" ("2019年上海市政府…" → 上海市). */
export function agencyFromTitle(title: string): string | null {
  let s = title.replace(/^关于/, '').replace(/^[（(]?\d{4}\s*年度?[）)]?/, '');
  const end = /\d{4}\s*年|(?:政府|政务)?信息公开|政务公开/.exec(s);
  if (end) s = s.slice(0, end.index);
  s = s.replace(/人民$/, '人民政府').replace(/^(?:全省|全市|全区|全县)/, '').replace(/(?:关于|的|[（(])$/, '').trim();
  return s.length >= 2 ? s : null;
}

const isBarePlace = (s: string) => {
  const chain = placeChain(s);
  return chain.length > 0 && chain.map((g) => g[0]!.name).join('') === s;
};

/**
 * The body's full name: a bare place becomes its government as the text prints it ("大贵镇" →
 * "大贵镇人民政府", from "请联系大贵镇人民政府"; "X镇政府" → "X镇人民政府"; a 街道 → "X街道办事处").
 */
function governmentName(agency: string, flat: string): string {
  const short = /^(.*(?:省|市|县|区|旗|镇|乡|苏木))政府$/.exec(agency);
  if (short) return `${short[1]}人民政府`;
  if (!isBarePlace(agency)) return agency;
  if (agency.endsWith('街道')) return `${agency}办事处`;
  if (flat.includes(`${agency}街道办事处`)) return `${agency}街道办事处`;
  return `${agency}人民政府`;
}

/** Who to contact or who signed, when the title names no body. */
function agencyFromText(flat: string, tail: string[]): string | null {
  const contact = /(?:请(?:与|联系)|联系单位[:：]?)([^，。,（(：:]{2,30}?(?:人民政府|街道办事处|局|委员会|委|厅|办公室|中心))/.exec(flat);
  if (contact) return contact[1]!.replace(/(人民政府)办公室$/, '$1');
  const signature = tail.find((l) => l.length <= 30 && /(?:人民政府|政府|街道办事处|局|委员会|厅|办公室)$/.test(l));
  return signature ?? null;
}

/**
 * The longest form of the name the document prints with its parent places in front ("洪泽区人民政府"
 * → "淮安市洪泽区人民政府" when the text says 淮安市洪泽区人民政府办公室).
 */
function withPrintedPrefix(agency: string, parents: string[], flat: string): string {
  let best = agency;
  for (let i = parents.length - 1; i >= 0; i--) {
    const candidate = parents.slice(i).join('') + agency;
    if (flat.includes(candidate)) best = candidate;
  }
  return best;
}

// ---------------------------------------------------------------- year

const DATE = String.raw`(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?`;
const RANGE_TO = String.raw`[^。；\d]{0,8}?`;
/** "统计期限自2020年1月1日起至2020年12月31日止" and its many spellings. */
const PERIOD_FULL = new RegExp(
  String.raw`统计(?:期限|时限|期间|时间|区间|周期|范围|截止)?[^。；\d]{0,15}?${DATE}${RANGE_TO}(?:(\d{4})\s*[年.\-/])?\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?`,
);
/** "统计期限为2020年度", "统计时间为2020年全年". */
const PERIOD_YEAR = /统计(?:期限|时限|期间|时间|区间|范围)[^。；\d]{0,8}(\d{4})年(?:度|全年|1-12月)/;
/** A whole calendar year anywhere: "2020年1月1日至2020年12月31日". */
const WHOLE_YEAR = /(\d{4})年1月1日(?:起)?(?:至|到|—|-|－|~)(?:(\d{4})年)?12月31日/;

const plausibleYear = (y: number) => y >= 2000 && y <= 2100;

/** The year the statistics-period sentence covers (its end year), or null. */
export function periodYear(flat: string): number | null {
  const full = PERIOD_FULL.exec(flat);
  if (full) {
    const year = Number(full[4] ?? full[1]);
    if (plausibleYear(year)) return year;
  }
  const whole = PERIOD_YEAR.exec(flat) ?? WHOLE_YEAR.exec(flat);
  if (whole) {
    const year = Number(whole[2] ?? whole[1]);
    if (plausibleYear(year)) return year;
  }
  return null;
}

export function titleYear(title: string): number | null {
  const m = /(\d{4})\s*年/.exec(title);
  return m && plausibleYear(Number(m[1])) ? Number(m[1]) : null;
}

// ---------------------------------------------------------------- published date

function isoDate(y: string, m: string, d: string): string | null {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (!plausibleYear(year) || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const SIGNATURE_DATE = new RegExp(String.raw`^[^。，,；:：\d]{0,30}?${DATE}$`);
const LABELLED_DATE = new RegExp(String.raw`(?:发布|发文|成文|生成|印发|公开|更新)(?:日期|时间)[:：]?${DATE}`);

/** The date under the signature: one of the last short lines, alone or after the signer. */
export function signatureDate(model: DocumentModel): string | null {
  const tail = lines(model).filter((l) => !l.tabular).slice(-8).reverse();
  for (const l of tail) {
    if (l.text.length > 45) continue;
    const m = SIGNATURE_DATE.exec(l.text);
    if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  }
  return null;
}

/** A date labelled 发布日期/成文日期… near the top (a metadata table the reader kept as text). */
export function labelledDate(model: DocumentModel): string | null {
  for (const l of lines(model).slice(0, 30)) {
    const m = LABELLED_DATE.exec(l.text);
    if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  }
  return null;
}

// ---------------------------------------------------------------- scope and level

/**
 * "综合各市、县…和省政府各部门的年度报告编制", "根据各县区和市直各部门年度报告汇总编制": a
 * jurisdiction-wide compilation. Not "根据《关于做好各地各部门…年度报告编制发布工作的通知》": that cites the notice.
 */
const COMPILED = [
  /(?:综合|汇总|在)[^。《》]{0,40}?(?:各|所属|下属)[^。《》]{0,30}?年度报告(?!编制(?:和|与|及)?发布|工作的通知)[^。]{0,12}?(?:编制|汇总|形成|基础上|整理)/,
  /根据[^。，《》]{0,6}(?:各|所属|下属)[^。《》]{0,30}?年度报告[^。]{0,6}?(?:编制|汇总|整理)/,
];

/** `subject`: the body or place the title names ("上海市" in "2019年上海市政府信息公开工作年度报告"). */
export function scopeOf(title: string | null, flat: string, subject: string | null): Scope {
  const opening = flat.slice(0, 2000);
  if (COMPILED.some((re) => re.test(opening))) return 'aggregate';
  if (title && /^(?:\d{4}年度?)?全(?:省|市|区|县|州|盟)/.test(title)) return 'aggregate';
  // "上海市2019年…" / "2019年上海市…": a province named bare, with no body, is the whole province.
  if (subject && isBarePlace(subject) && placeChain(subject).flat().every((d) => d.level === 'province')) return 'aggregate';
  return 'agency';
}

const LEVEL_OF_DIVISION = { province: 'province', city: 'city', county: 'county', township: 'township' } as const;

export function adminLevelOf(agency: string | null, divisionLevel: keyof typeof LEVEL_OF_DIVISION | null): AdminLevel | null {
  if (!agency) return null;
  if (/^(?:国务院|国家|中华人民共和国|中国)/.test(agency)) return 'central';
  const chain = placeChain(agency);
  if (chain.length === 0 && /部$/.test(agency)) return 'central';
  const government = GOVERNMENT.test(agency) || isBarePlace(agency);
  if (!government) return 'department';
  if (divisionLevel) return LEVEL_OF_DIVISION[divisionLevel];
  const place = agency.replace(GOVERNMENT, '');
  if (/(?:镇|乡|苏木|街道)$/.test(place) || /办事处$/.test(agency)) return 'township';
  if (/(?:县|区|旗)$/.test(place)) return 'county';
  if (/(?:省|自治区)$/.test(place)) return 'province';
  if (/(?:自治州|州|盟|地区)$/.test(place)) return 'city';
  return null; // "X市": a prefecture or a county-level city, the index did not say which
}

// ---------------------------------------------------------------- all together

export function readMetadata(model: DocumentModel, hints: DocumentHints = {}): Metadata {
  const warnings: Warning[] = [];
  const flat = flatten(model.text);
  const tail = lines(model).slice(-8).map((l) => l.text).reverse();

  const title = findTitle(model) ?? titleFromMeta(model.meta.title) ?? (hints.title ? cleanTitle(hints.title) : null);

  const subject = title ? agencyFromTitle(title) : null;
  const pageAgency = model.meta.agency?.replace(/(?:门户网站|网站|网)$/, '') || undefined;
  let agency = subject ?? agencyFromText(flat, tail) ?? pageAgency ?? hints.agency ?? null;
  if (agency) agency = governmentName(flatten(agency), flat);

  let year = periodYear(flat);
  if (year === null) {
    const fromTitle = title ? titleYear(title) : null;
    year = fromTitle ?? hints.year ?? null;
    if (year !== null) {
      warnings.push({
        code: 'year_from_title',
        where: 'year',
        detail: fromTitle !== null ? `no statistics-period sentence; ${year} from the title` : `no statistics-period sentence and no year in the title; ${year} from the list page`,
      });
    }
  }

  // A printed date before the end of the year covered is an event in the text, not the report's date.
  const printed = (d: string | null) => (d && year !== null && d < `${year}-12-31` ? null : d);
  const published_date = printed(signatureDate(model)) ?? model.meta.published ?? printed(labelledDate(model)) ?? hints.published_date ?? null;

  const central = agency !== null && adminLevelOf(agency, null) === 'central';
  const located = central
    ? { region: { ...EMPTY_REGION }, division: null, warnings: [] }
    : resolveRegion({ agency, title, flat, hintProvince: hints.province });
  warnings.push(...located.warnings);

  if (agency && located.division) {
    const first = placeChain(agency)[0] ?? [];
    const named = lineage(located.division).find((d) => first.includes(d));
    if (named) agency = withPrintedPrefix(agency, lineage(named).slice(0, -1).map((d) => d.name), flat);
  }

  const scope = scopeOf(title, flat, subject);
  const admin_level = adminLevelOf(agency, located.division?.level ?? null) ?? validLevel(hints.admin_level);

  return { title, agency, year, published_date, scope, region: located.region, admin_level, warnings };
}

function validLevel(level: string | undefined): AdminLevel | null {
  const levels: AdminLevel[] = ['central', 'province', 'city', 'county', 'township', 'department'];
  return levels.includes(level as AdminLevel) ? (level as AdminLevel) : null;
}

/** Load the division index now (it is otherwise loaded on the first document); returns its load time. */
export function warmUp(): number {
  return divisionIndex().loadMs;
}
