// Where a report comes from: the place names in the reporting body's name (or the title, or the
// contact address), resolved against GB/T 2260 divisions. A name that several divisions share
// (大贵镇: 黑龙江 木兰县 and 陕西 佳县) is settled by the rest of the text: its county, city or
// province named anywhere, the phone area code, the postcode. Unsettled ⇒ `region_ambiguous`.
import type { Region, Warning } from '../record.js';
import { contactProvinces } from './contact-clues.js';
import { shortName } from '../text/places.js';
import { ancestorAt, type Division, divisionIndex, lineage } from './divisions.js';

export interface RegionInput {
  /** The reporting body ("宝清县七星河乡人民政府"), when known. */
  agency: string | null;
  title: string | null;
  /** The whole text, flattened (src/text/normalise.ts flatten). */
  flat: string;
  /** Province from the crawler's list page, used only to break ties. */
  hintProvince?: string;
}

export interface RegionResult {
  region: Region;
  /** The division the region names, when it resolved to exactly one. */
  division: Division | null;
  warnings: Warning[];
}

/** Names that are also ordinary words (a 街道, a 开发区): never the start of a place, only a continuation (阳泉市城区). */
const GENERIC_NAMES = new Set([
  '街道',
  '城区',
  '郊区',
  '矿区',
  '东区',
  '西区',
  '开发区',
  '经济开发区',
  '高新区',
  '工业园区',
  '林场',
  '农场',
  '牛场',
  '盐场',
  '苗圃',
]);

/** Township-level units named after what they are ("经济开发区管理委员会", "高新区", "城市新区"). */
const GENERIC_START =
  /^(?:经济|高新|工业|技术|开发区|管理|产业|园区|新区|农业|科技|物流|保税|综合|旅游|现代|城市|城镇)/;

export const EMPTY_REGION: Region = { province: null, city: null, county: null, township: null, code: null };

/**
 * The run of division names starting at the first place name in `s` ("淮安市洪泽区人民政府" →
 * [淮安市], [洪泽区]); each entry lists every division of that name. Longest name first at each step.
 */
export function placeChain(s: string): Division[][] {
  const { lookup, maxNameLength } = divisionIndex();
  const longestAt = (i: number, generic: boolean): Division[] | null => {
    for (let len = Math.min(maxNameLength, s.length - i); len >= 2; len--) {
      const name = s.slice(i, i + len);
      const found = lookup(name);
      if (found && (generic || !(GENERIC_NAMES.has(name) || GENERIC_START.test(name)))) return found;
    }
    return null;
  };
  for (let start = 0; start < s.length; start++) {
    const first = longestAt(start, false);
    if (!first) continue;
    const chain = [first];
    let i = start + first[0]!.name.length;
    for (let next = longestAt(i, true); next; next = longestAt(i, true)) {
      chain.push(next);
      i += next[0]!.name.length;
    }
    return chain;
  }
  return [];
}

const isAncestor = (a: Division, d: Division) => lineage(d).includes(a) && a !== d;

/** Candidates for the chain's most specific name that agree with the names before it. */
function chainCandidates(chain: Division[][]): Division[] {
  const last = chain[chain.length - 1]!;
  const fitting = last.filter((d) => chain.slice(0, -1).every((group) => group.some((a) => isAncestor(a, d))));
  return fitting.length > 0 ? fitting : last;
}

/** How strongly the rest of the text points at a candidate: its ancestors named, contact clues, hints. */
function score(d: Division, flat: string, provinces: Set<string>, hintProvince?: string): number {
  let points = 0;
  for (const a of lineage(d).slice(0, -1)) {
    const short = shortName(a.name);
    if (flat.includes(a.name) || (short && flat.includes(short))) points += 1;
  }
  const province = ancestorAt(d, 'province')!.name;
  if (provinces.has(province)) points += 1;
  if (hintProvince && (province === hintProvince || province.startsWith(hintProvince))) points += 1;
  return points;
}

function regionOf(d: Division): Region {
  return {
    province: ancestorAt(d, 'province')?.name ?? null,
    city: ancestorAt(d, 'city')?.name ?? null,
    county: ancestorAt(d, 'county')?.name ?? null,
    township: ancestorAt(d, 'township')?.name ?? null,
    code: d.code,
  };
}

/** Names every candidate agrees on; no code (it would name a level the report does not). */
function commonRegion(candidates: Division[]): Region {
  const regions = candidates.map(regionOf);
  const agreed = (k: keyof Region) => (regions.every((r) => r[k] === regions[0]![k]) ? regions[0]![k] : null);
  return {
    province: agreed('province'),
    city: agreed('city'),
    county: agreed('county'),
    township: agreed('township'),
    code: null,
  };
}

const ADDRESS = /(?:地址|地点|位于)[:：]?([^，。,；;）)]{2,40})/;

export function resolveRegion(input: RegionInput): RegionResult {
  const sources: [string, string][] = [];
  if (input.agency) sources.push(['agency', input.agency]);
  if (input.title) sources.push(['title', input.title]);
  const address = ADDRESS.exec(input.flat)?.[1];
  if (address) sources.push(['address', address]);

  for (const [where, s] of sources) {
    const chain = placeChain(s);
    if (chain.length === 0) continue;
    const candidates = chainCandidates(chain);
    if (candidates.length === 1) return { region: regionOf(candidates[0]!), division: candidates[0]!, warnings: [] };

    const provinces = new Set(contactProvinces(input.flat).map((c) => c.province));
    const scored = candidates
      .map((d) => ({ d, points: score(d, input.flat, provinces, input.hintProvince) }))
      .sort((a, b) => b.points - a.points);
    const [best, second] = scored;
    if (best!.points > 0 && best!.points > second!.points) {
      return { region: regionOf(best!.d), division: best!.d, warnings: [] };
    }
    const name = candidates[0]!.name;
    return {
      region: commonRegion(candidates),
      division: null,
      warnings: [
        {
          code: 'region_ambiguous',
          where: `region.${where}`,
          detail: `'${name}' is ${candidates.length} divisions (${candidates.map((c) => c.code).join(', ')}) and the text does not say which`,
        },
      ],
    };
  }
  return { region: { ...EMPTY_REGION }, division: null, warnings: [] };
}
