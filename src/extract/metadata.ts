// Everything about a report except its three tables: title, reporting body, year covered,
// publication date, scope, region and administrative level. The document decides; the crawler's
// list-page hints fill only what the document does not say.
import type { AdminLevel, Region, Scope, Warning } from '../record.js';
import type { DocumentHints } from '../record.js';
import { agencyFromTitle } from '../text/agency.js';
import { titleYear } from '../text/dates.js';
import { flatten } from '../text/normalise.js';
import { adminLevelOf, agencyFromText, governmentName, isBarePlace, withPrintedPrefix } from './agency.js';
import { lineage } from './divisions.js';
import { documentLines } from './flat-text.js';
import type { DocumentModel } from './model.js';
import { EMPTY_REGION, placeChain, resolveRegion } from './region.js';
import { labelledDate, periodYear, signatureDate } from './report-dates.js';
import { cleanTitle, findTitle, titleFromMeta } from './title.js';

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

// ---------------------------------------------------------------- scope

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
  if (
    subject &&
    isBarePlace(subject) &&
    placeChain(subject)
      .flat()
      .every((d) => d.level === 'province')
  )
    return 'aggregate';
  return 'agency';
}

// ---------------------------------------------------------------- all together

export function readMetadata(model: DocumentModel, hints: DocumentHints = {}): Metadata {
  const warnings: Warning[] = [];
  const flat = flatten(model.text);
  const tail = documentLines(model)
    .slice(-8)
    .map((l) => l.text)
    .reverse();

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
        detail:
          fromTitle !== null
            ? `no statistics-period sentence; ${year} from the title`
            : `no statistics-period sentence and no year in the title; ${year} from the list page`,
      });
    }
  }

  // A printed date before the end of the year covered is an event in the text, not the report's date.
  const printed = (d: string | null) => (d && year !== null && d < `${year}-12-31` ? null : d);
  const published_date =
    printed(signatureDate(model)) ??
    model.meta.published ??
    printed(labelledDate(model)) ??
    hints.published_date ??
    null;

  const central = agency !== null && adminLevelOf(agency, null) === 'central';
  const located = central
    ? { region: { ...EMPTY_REGION }, division: null, warnings: [] }
    : resolveRegion({ agency, title, flat, hintProvince: hints.province });
  warnings.push(...located.warnings);

  if (agency && located.division) {
    const first = placeChain(agency)[0] ?? [];
    const named = lineage(located.division).find((d) => first.includes(d));
    if (named)
      agency = withPrintedPrefix(
        agency,
        lineage(named)
          .slice(0, -1)
          .map((d) => d.name),
        flat,
      );
  }

  const scope = scopeOf(title, flat, subject);
  const admin_level = adminLevelOf(agency, located.division?.level ?? null) ?? validLevel(hints.admin_level);

  return { title, agency, year, published_date, scope, region: located.region, admin_level, warnings };
}

function validLevel(level: string | undefined): AdminLevel | null {
  const levels: AdminLevel[] = ['central', 'province', 'city', 'county', 'township', 'department'];
  return levels.includes(level as AdminLevel) ? (level as AdminLevel) : null;
}
