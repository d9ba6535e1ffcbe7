// The province a report's contact line points to: telephone area code ("0451-57013023") and
// postcode ("邮编：151943"). Both are allocated by province, so they tell two same-named townships
// in different provinces apart (大贵镇 in 黑龙江 vs 陕西). Province level only: the city-level
// allocation is far larger and not needed to break the ties seen so far.

type Range = [from: number, to: number, province: string];

/** Long-distance area codes (without the leading 0) by province. */
const PHONE_RANGES: Range[] = [
  [10, 10, '北京市'],
  [20, 20, '广东省'],
  [21, 21, '上海市'],
  [22, 22, '天津市'],
  [23, 23, '重庆市'],
  [24, 24, '辽宁省'],
  [25, 25, '江苏省'],
  [27, 27, '湖北省'],
  [28, 28, '四川省'],
  [29, 29, '陕西省'],
  [310, 319, '河北省'],
  [335, 335, '河北省'],
  [349, 359, '山西省'],
  [370, 379, '河南省'],
  [391, 398, '河南省'],
  [410, 419, '辽宁省'],
  [421, 421, '辽宁省'],
  [427, 427, '辽宁省'],
  [429, 429, '辽宁省'],
  [431, 439, '吉林省'],
  [451, 459, '黑龙江省'],
  [464, 464, '黑龙江省'],
  [467, 469, '黑龙江省'],
  [470, 479, '内蒙古自治区'],
  [482, 483, '内蒙古自治区'],
  [510, 519, '江苏省'],
  [523, 523, '江苏省'],
  [527, 527, '江苏省'],
  [530, 539, '山东省'],
  [543, 543, '山东省'],
  [546, 546, '山东省'],
  [631, 635, '山东省'],
  [550, 559, '安徽省'],
  [561, 566, '安徽省'],
  [570, 580, '浙江省'],
  [591, 599, '福建省'],
  [660, 663, '广东省'],
  [668, 668, '广东省'],
  [750, 769, '广东省'],
  [691, 692, '云南省'],
  [870, 879, '云南省'],
  [883, 883, '云南省'],
  [886, 888, '云南省'],
  [701, 701, '江西省'],
  [790, 799, '江西省'],
  [710, 719, '湖北省'],
  [722, 722, '湖北省'],
  [724, 724, '湖北省'],
  [728, 728, '湖北省'],
  [730, 739, '湖南省'],
  [743, 746, '湖南省'],
  [770, 779, '广西壮族自治区'],
  [898, 898, '海南省'],
  [812, 818, '四川省'],
  [825, 839, '四川省'],
  [851, 859, '贵州省'],
  [891, 897, '西藏自治区'],
  [911, 919, '陕西省'],
  [930, 943, '甘肃省'],
  [951, 955, '宁夏回族自治区'],
  [970, 979, '青海省'],
  [901, 909, '新疆维吾尔自治区'],
  [990, 999, '新疆维吾尔自治区'],
];

/** Postcodes by their first two digits. */
const POSTCODE_RANGES: Range[] = [
  [1, 2, '内蒙古自治区'],
  [3, 4, '山西省'],
  [5, 7, '河北省'],
  [10, 10, '北京市'],
  [11, 12, '辽宁省'],
  [13, 13, '吉林省'],
  [15, 16, '黑龙江省'],
  [20, 20, '上海市'],
  [21, 22, '江苏省'],
  [23, 24, '安徽省'],
  [25, 27, '山东省'],
  [30, 30, '天津市'],
  [31, 32, '浙江省'],
  [33, 34, '江西省'],
  [35, 36, '福建省'],
  [40, 40, '重庆市'],
  [41, 42, '湖南省'],
  [43, 44, '湖北省'],
  [45, 47, '河南省'],
  [51, 52, '广东省'],
  [53, 54, '广西壮族自治区'],
  [55, 56, '贵州省'],
  [57, 57, '海南省'],
  [61, 64, '四川省'],
  [65, 67, '云南省'],
  [71, 72, '陕西省'],
  [73, 74, '甘肃省'],
  [75, 75, '宁夏回族自治区'],
  [81, 81, '青海省'],
  [83, 84, '新疆维吾尔自治区'],
  [85, 85, '西藏自治区'],
];

const inRanges = (ranges: Range[], n: number) => ranges.find(([a, b]) => n >= a && n <= b)?.[2] ?? null;

/** "0451" → 黑龙江省, "010" → 北京市; null when unknown. */
export function provinceOfAreaCode(code: string): string | null {
  if (!/^0\d{2,3}$/.test(code)) return null;
  const n = Number(code.slice(1));
  // Three-digit codes (010, 020–029) are the two-digit entries; four-digit codes the three-digit ones.
  return code.length === 3
    ? inRanges(
        PHONE_RANGES.filter(([a]) => a < 100),
        n,
      )
    : inRanges(
        PHONE_RANGES.filter(([a]) => a >= 100),
        n,
      );
}

/** "151943" → 黑龙江省; null when unknown. */
export function provinceOfPostcode(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return null;
  return inRanges(POSTCODE_RANGES, Number(code.slice(0, 2)));
}

// Area code, a separator, then the number: "0451-57013023", "0795—8745164", "（0469）5200675".
const PHONE = /(?<![\d-])(?:[(（](0[1-9]\d{1,2})[)）]|(0[1-9]\d{1,2})[-—－– ])(?=[2-9]\d{6,7}(?!\d))/g;
const POSTCODE = /邮(?:编|政编码)[:：]?(\d{6})(?!\d)/g;

/** Provinces named by the phone numbers and postcodes in flattened text, each with its evidence. */
export function contactProvinces(flat: string): { province: string; clue: string }[] {
  const out: { province: string; clue: string }[] = [];
  for (const m of flat.matchAll(PHONE)) {
    const code = (m[1] ?? m[2])!;
    const province = provinceOfAreaCode(code);
    if (province) out.push({ province, clue: `phone ${code}` });
  }
  for (const m of flat.matchAll(POSTCODE)) {
    const province = provinceOfPostcode(m[1]!);
    if (province) out.push({ province, clue: `postcode ${m[1]}` });
  }
  return out;
}
