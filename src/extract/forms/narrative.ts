// Figures stated in prose, for reports without table 三 / 四 ("2020年，我镇收到政府信息公开申请0件。").
// Only unambiguous statements about information-disclosure requests and their review/litigation
// are taken; consultations, approvals and other counts in the prose never reach the tables.
import type { ApplicationRow, ReviewGroup, Warning } from '../../record.js';
import { labelKey } from '../../text/normalise.js';
import { chineseNumber } from '../../text/numerals.js';

const NUM = '(\\d+|[零〇一二两三四五六七八九十]+)';
const UNIT = '(?:件|宗|个|条|次|例)';

export interface ProseFigures {
  applications: Partial<Record<ApplicationRow, number>>;
  reviews: Partial<Record<ReviewGroup, number>>;
  warnings: Warning[];
  /** The phrase each figure was read from ('applications.<row>', 'reviews.<group>'), at its offset in labelKey(text). */
  quotes: Record<string, { index: number; phrase: string }>;
}

const RECEIVED = [
  new RegExp(
    `(?:共|累计|全年)?(?:收到|受理|办理|接收|接到)[^。；，,]{0,16}?(?:政府信息)?公开申请(?:共|合计)?${NUM}${UNIT}`,
  ),
  new RegExp(`(?:政府信息)?公开申请(?:共|合计)?${NUM}${UNIT}`),
];
const NONE_RECEIVED =
  /(?:未|没有|无)(?:收到|受理|接到|发生)[^。；]{0,12}(?:政府信息)?公开(?:的)?申请|(?:政府信息)?公开申请(?:数)?(?:为)?(?:0|零)(?:件)?/;

const OUTCOMES: [ApplicationRow, RegExp][] = [
  ['partially_granted', new RegExp(`${NUM}${UNIT}[^。；，,]{0,6}?部分公开|部分公开${NUM}${UNIT}`)],
  ['granted', new RegExp(`${NUM}${UNIT}(?:已|均)?(?:予以|同意)公开|(?:予以|同意)公开${NUM}${UNIT}`)],
  ['unable_not_held', new RegExp(`${NUM}${UNIT}[^。；，,]{0,4}?不掌握|不掌握[^。；，,]{0,10}?${NUM}${UNIT}`)],
];

const NO_REVIEW = /(?:无|未发生|没有|未出现|未收到)[^。；]{0,20}?行政复议/;
const NO_LITIGATION = /(?:无|未发生|没有|未出现)[^。；]{0,30}?行政诉讼/;
const REVIEW_COUNT = new RegExp(`行政复议(?:案件)?${NUM}${UNIT}`);

export function readProse(text: string): ProseFigures {
  const t = labelKey(text);
  const applications: ProseFigures['applications'] = {};
  const reviews: ProseFigures['reviews'] = {};
  const warnings: Warning[] = [];
  const quotes: ProseFigures['quotes'] = {};
  const quoted = (key: string, m: RegExpExecArray) => (quotes[key] = { index: m.index, phrase: m[0] });
  const take = (key: ApplicationRow, value: number, quote: string, m: RegExpExecArray) => {
    if (Number.isNaN(value) || key in applications) return;
    applications[key] = value;
    quoted(`applications.${key}`, m);
    warnings.push({ code: 'prose_figure', where: `applications.${key}.total`, detail: `from prose: '${quote}'` });
  };

  const none = NONE_RECEIVED.exec(t);
  const received = RECEIVED.map((re) => re.exec(t)).find(Boolean);
  if (received && (!none || received.index < none.index))
    take('new_received', chineseNumber(received[1]), received[0], received);
  else if (none) take('new_received', 0, none[0], none);

  for (const [key, re] of OUTCOMES) {
    const m = re.exec(t);
    if (m) take(key, chineseNumber(m[1] ?? m[2]), m[0], m);
  }

  const rc = REVIEW_COUNT.exec(t);
  const nr = NO_REVIEW.exec(t);
  if (rc) {
    reviews.review = chineseNumber(rc[1]);
    quoted('reviews.review', rc);
  } else if (nr) {
    reviews.review = 0;
    quoted('reviews.review', nr);
  }
  const nl = NO_LITIGATION.exec(t);
  if (nl) {
    reviews.litigation_direct = 0;
    reviews.litigation_after_review = 0;
    quoted('reviews.litigation_direct', nl);
    quoted('reviews.litigation_after_review', nl);
  }
  for (const [g, v] of Object.entries(reviews))
    warnings.push({ code: 'prose_figure', where: `reviews.${g}.total`, detail: `from prose: ${v}` });
  return { applications, reviews, warnings, quotes };
}
