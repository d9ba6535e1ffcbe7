// The reporting body (机关) and its administrative level. The title names it, short or in full
// (read by src/text/agency.ts, with the name-only level rules);
// the text completes it: a bare place becomes its government as printed ("大贵镇" → 大贵镇人民政府),
// and the parent places the text prints in front of the name are kept (淮安市洪泽区人民政府).
import type { AdminLevel } from '../record.js';
import { CENTRAL_NAME, GOVERNMENT, governmentLevel } from '../text/agency.js';
import { placeChain } from './region.js';

export const isBarePlace = (s: string) => {
  const chain = placeChain(s);
  return chain.length > 0 && chain.map((g) => g[0]!.name).join('') === s;
};

/**
 * The body's full name: a bare place becomes its government as the text prints it ("大贵镇" →
 * "大贵镇人民政府", from "请联系大贵镇人民政府"; "X镇政府" → "X镇人民政府"; a 街道 → "X街道办事处").
 */
export function governmentName(agency: string, flat: string): string {
  const short = /^(.*(?:省|市|县|区|旗|镇|乡|苏木))政府$/.exec(agency);
  if (short) return `${short[1]}人民政府`;
  if (!isBarePlace(agency)) return agency;
  if (agency.endsWith('街道')) return `${agency}办事处`;
  if (flat.includes(`${agency}街道办事处`)) return `${agency}街道办事处`;
  return `${agency}人民政府`;
}

/** Who to contact or who signed, when the title names no body. */
export function agencyFromText(flat: string, tail: string[]): string | null {
  const contact =
    /(?:请(?:与|联系)|联系单位[:：]?)([^，。,（(：:]{2,30}?(?:人民政府|街道办事处|局|委员会|委|厅|办公室|中心))/.exec(
      flat,
    );
  if (contact) return contact[1]!.replace(/(人民政府)办公室$/, '$1');
  const signature = tail.find((l) => l.length <= 30 && /(?:人民政府|政府|街道办事处|局|委员会|厅|办公室)$/.test(l));
  return signature ?? null;
}

/**
 * The longest form of the name the document prints with its parent places in front ("洪泽区人民政府"
 * → "淮安市洪泽区人民政府" when the text says 淮安市洪泽区人民政府办公室).
 */
export function withPrintedPrefix(agency: string, parents: string[], flat: string): string {
  let best = agency;
  for (let i = parents.length - 1; i >= 0; i--) {
    const candidate = parents.slice(i).join('') + agency;
    if (flat.includes(candidate)) best = candidate;
  }
  return best;
}

const LEVEL_OF_DIVISION = { province: 'province', city: 'city', county: 'county', township: 'township' } as const;

export function adminLevelOf(
  agency: string | null,
  divisionLevel: keyof typeof LEVEL_OF_DIVISION | null,
): AdminLevel | null {
  if (!agency) return null;
  const chain = placeChain(agency);
  // a central body, not its local branch (国家税务总局淮安市洪泽区税务局 is a department there)
  if (chain.length === 0 && CENTRAL_NAME.test(agency)) return 'central';
  const government = GOVERNMENT.test(agency) || isBarePlace(agency);
  if (!government) return 'department';
  if (divisionLevel) return LEVEL_OF_DIVISION[divisionLevel];
  return governmentLevel(agency);
}
