// One random annual report: identity-consistent figures, metadata, prose, and how each cell is printed.
// The ground truth is the `ReportRecord` subset a perfect extractor returns for every rendering of it.
import {
  APPLICANT_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ApplicantColumn,
  type ApplicationRow,
  type ReviewColumn,
  type ReviewGroup,
} from '../../src/forms/index.js';
import { OTHER_SUB_ROWS, OUTCOME_ROWS, PROACTIVE_2019, PROACTIVE_2021 } from '../forms.js';
import type { ApplicationsTable, Cell, ProactiveTable, ReviewsTable } from '../../src/record.js';
import { agencyName, paragraphs, titleText, type AgencyKind } from './names.js';
import { rng, type Rng } from './random.js';

/** The form a report prints: 2019, 2021, or 2021 with 三（六）其他处理 as one row (洪泽 style). */
export type FormVariant = '2019' | '2021' | '2021-single-other';

export interface Truth {
  title: string;
  agency: string;
  year: number;
  /** 'narrative' only for the prose rendering, whose tables hold only the cells its sentences state (prose.ts). */
  template: '2019' | '2021' | 'narrative';
  published_date: string | null;
  proactive: ProactiveTable;
  applications: ApplicationsTable;
  reviews: ReviewsTable;
}

/** Cell text as printed; '' is a blank cell (each rendering decides how a blank looks). */
export interface Printed {
  proactive: Record<string, Record<string, string>>;
  applications: Partial<Record<ApplicationRow, Record<ApplicantColumn, string>>>;
  reviews: Record<ReviewGroup, Record<ReviewColumn, string>>;
}

/** How labels are reworded (report-forms.md §7); each flag is applied to some labels, not all. */
export interface LabelStyle {
  halfWidth: boolean; // （一） → (一), ： → :
  spaced: boolean; // 自 然 人, 商业 企业
  broken: boolean; // 本年新\n制作数量
  synonyms: boolean; // 对外公开数量, shortened 部分公开, 规范性文件 in the 2021 form
  /** Sub-row numbering instead of 1.属于…: 1．属于… / 1、属于… / (1)属于… / ①属于… (one style per document). */
  numbering: NumberingForm | null;
}

export type NumberingForm = '1．' | '1、' | '1. ' | '(1)' | '（1）' | '①';
export const NUMBERING_FORMS: NumberingForm[] = ['1．', '1、', '1. ', '(1)', '（1）', '①'];

export interface Section {
  heading: string;
  paragraphs: string[];
  table?: 'proactive' | 'applications' | 'reviews';
}

export interface GeneratedReport {
  id: string;
  variant: FormVariant;
  truth: Truth;
  printed: Printed;
  /** The title as printed: one line, or agency and the rest on two lines, maybe with stray spaces. */
  titleLines: string[];
  /** Opening paragraphs (incl. the statistics-period sentence when printed). */
  intro: string[];
  sections: Section[];
  signature: { agency: string; date: string | null };
  labels: LabelStyle;
  /** Seed for renderer choices that do not change the truth (separators, page-break row…). */
  renderSeed: number;
}

const SECTION_HEADINGS: Record<string, string[]> = {
  一: ['一、总体情况', '一、概述', '一、总体工作情况'],
  二: ['二、主动公开政府信息情况'],
  三: ['三、收到和处理政府信息公开申请情况', '三、收到依申请公开情况'],
  四: ['四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
  五: ['五、存在的主要问题及改进情况', '五、政府信息公开工作存在的主要问题及改进情况'],
  六: ['六、其他需要报告的事项'],
};

export interface ReportOptions {
  /** Paragraphs of prose in 一 and 五 (PDF bench reports use enough for ~5 pages). */
  proseParagraphs?: number;
}

export function generateReport(id: string, seed: number | string, opts: ReportOptions = {}): GeneratedReport {
  const r = rng(seed);
  const kind = r.weighted<AgencyKind>([
    ['township', 5],
    ['county', 2],
    ['department', 3],
  ]);
  const agency = agencyName(r.fork('agency'), kind);
  const year = r.int(2019, 2024);
  let variant: FormVariant = year <= 2020 ? '2019' : r.chance(0.25) ? '2021-single-other' : '2021';
  if (year >= 2021 && year <= 2022 && r.chance(0.06)) variant = '2019'; // a lagging unit keeps the old grid
  const template = variant === '2019' ? '2019' : '2021';

  const title = titleText(r.fork('title'), agency, year);
  const titleLines = printedTitle(r.fork('title-print'), title, agency);
  const published = r.chance(0.85) ? isoDate(year + 1, r.int(1, 3), r.int(1, 28)) : null;

  const blankRate = r.weighted([
    [0, 6],
    [0.35, 3],
    [0.9, 2],
  ] as const);
  const scale = r.weighted([
    ['zero', 2],
    ['small', 5],
    ['medium', 2],
    ['large', 1],
  ] as const);
  const fig = r.fork('figures');
  const applications = generateApplications(fig, variant, scale, blankRate);
  const reviews = generateReviews(fig, blankRate);
  const proactive = template === '2019' ? proactive2019(fig, kind, blankRate) : proactive2021(fig, kind, blankRate);

  const truth: Truth = {
    title,
    agency,
    year,
    template,
    published_date: published,
    proactive: proactive.truth,
    applications: applications.truth,
    reviews: reviews.truth,
  };

  const prose = r.fork('prose');
  const many = opts.proseParagraphs ?? prose.int(2, 6);
  const newTotal = applications.truth.new_received!.total ?? 0;
  const intro = [
    `根据《中华人民共和国政府信息公开条例》规定，特向社会公布${agency}${year}年政府信息公开工作年度报告。` +
      `全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。`,
  ];
  if (prose.chance(0.85)) intro.push(`本报告中所列数据统计期限自${year}年1月1日起至${year}年12月31日止。`);
  intro.push(
    `如对本报告有疑问，请与${agency}联系（地址：${prose.int(1, 300)}号；邮编：${prose.int(100000, 860000)}；电话：0${prose.int(310, 999)}-${prose.int(2000000, 8999999)}）。`,
  );
  const h = (k: string) => prose.pick(SECTION_HEADINGS[k]!);
  const sections: Section[] = [
    { heading: h('一'), paragraphs: paragraphs(prose, year, many) },
    {
      heading: h('二'),
      paragraphs: [`${year}年，主动公开政府信息${prose.int(5, 900)}条。`],
      table: 'proactive',
    },
    {
      heading: h('三'),
      paragraphs: prose.chance(0.6) ? [`${year}年，共收到政府信息公开申请${newTotal}件。`] : [],
      table: 'applications',
    },
    { heading: h('四'), paragraphs: [], table: 'reviews' },
    { heading: h('五'), paragraphs: paragraphs(prose, year, Math.max(1, Math.round(many / 2))) },
    { heading: h('六'), paragraphs: [prose.pick(['无。', '无其他需要报告的事项。', `${year}年未收取信息处理费。`])] },
  ];
  const date = published ? chineseDate(published) : null;
  return {
    id,
    variant,
    truth,
    printed: { proactive: proactive.printed, applications: applications.printed, reviews: reviews.printed },
    titleLines,
    intro,
    sections,
    signature: { agency, date },
    labels: {
      halfWidth: r.chance(0.3),
      spaced: r.chance(0.3),
      broken: r.chance(0.3),
      synonyms: r.chance(0.3),
      numbering: r.chance(0.3) ? r.pick(NUMBERING_FORMS) : null,
    },
    renderSeed: r.int(0, 2 ** 31),
  };
}

function printedTitle(r: Rng, title: string, agency: string): string[] {
  const spaced = r.chance(0.3) ? title.replace(/(\d{4})/, ' $1 ') : title;
  if (title.startsWith(agency) && r.chance(0.3)) {
    return [agency, spaced.slice(spaced.indexOf(agency) + agency.length).trim()];
  }
  return [spaced];
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

type Scale = 'zero' | 'small' | 'medium' | 'large';

/** A zero cell becomes blank with probability `blankRate` (never a total cell). */
function cell(r: Rng, value: number, blankRate: number): [Cell, string] {
  if (value === 0 && r.chance(blankRate)) return [null, ''];
  return [value, String(value)];
}

const OUTCOME_WEIGHTS: Partial<Record<ApplicationRow, number>> = {
  granted: 5,
  partially_granted: 1.5,
  unable_not_held: 3,
  unable_needs_creation: 0.7,
  unable_unclear: 0.5,
  other: 0.8,
  other_no_correction: 0.3,
  other_unpaid_fee: 0.2,
  other_misc: 0.4,
};

function applicationRows(variant: FormVariant): ApplicationRow[] {
  const sub: ApplicationRow[] = variant === '2021' ? OTHER_SUB_ROWS : ['other'];
  return ['new_received', 'carried_over', ...OUTCOME_ROWS, ...sub, 'total_processed', 'carried_forward'];
}

function generateApplications(r: Rng, variant: FormVariant, scale: Scale, blankRate: number) {
  const rows = applicationRows(variant);
  const outcomes = rows.slice(2, -2);
  const values: Partial<Record<ApplicationRow, Record<ApplicantColumn, number>>> = {};
  for (const row of rows) values[row] = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, 0])) as never;
  for (const col of APPLICANT_COLUMNS.slice(0, 6)) {
    const active = scale !== 'zero' && r.chance(col === 'natural_person' ? 0.95 : 0.3);
    if (!active) continue;
    const top = { zero: 0, small: 8, medium: 120, large: col === 'natural_person' ? 4200 : 300 }[scale];
    const received = r.int(col === 'natural_person' ? 1 : 0, top);
    const carried = r.chance(0.3) ? r.int(0, Math.max(1, Math.round(top / 10))) : 0;
    const available = received + carried;
    const forward = r.chance(0.35) ? r.int(0, Math.ceil(available * 0.2)) : 0;
    values.new_received![col] = received;
    values.carried_over![col] = carried;
    values.carried_forward![col] = forward;
    const processed = available - forward;
    values.total_processed![col] = processed;
    // Each outcome row gets a random share; rows outside OUTCOME_WEIGHTS are rare.
    const weights = outcomes.map((o) => (OUTCOME_WEIGHTS[o] ?? 0.25) * r.next() * (r.chance(0.6) ? 1 : 0));
    const sum = weights.reduce((a, b) => a + b, 0);
    let left = processed;
    if (sum > 0) {
      outcomes.forEach((o, i) => {
        const share = Math.floor((processed * weights[i]!) / sum);
        values[o]![col] = share;
        left -= share;
      });
    }
    values.granted![col] += left;
  }
  for (const row of rows) {
    const v = values[row]!;
    v.total = APPLICANT_COLUMNS.slice(0, 6).reduce((s, c) => s + v[c], 0);
  }

  const truth: ApplicationsTable = {};
  const printed: Printed['applications'] = {};
  for (const row of rows) {
    const t = {} as Record<ApplicantColumn, Cell>;
    const p = {} as Record<ApplicantColumn, string>;
    for (const col of APPLICANT_COLUMNS) {
      const v = values[row]![col];
      [t[col], p[col]] = col === 'total' || row === 'total_processed' ? [v, String(v)] : cell(r, v, blankRate);
    }
    truth[row] = t;
    printed[row] = p;
  }
  if (variant === '2021') {
    // The schema's `other` in the 2021 form is the sum of its three sub-rows (derived, not printed).
    const other = {} as Record<ApplicantColumn, Cell>;
    for (const col of APPLICANT_COLUMNS) {
      const parts = OTHER_SUB_ROWS.map((s) => truth[s]![col]);
      other[col] = parts.every((x) => x === null) ? null : parts.reduce<number>((s, x) => s + (x ?? 0), 0);
    }
    truth.other = other;
  }
  return { truth: orderApplications(truth), printed };
}

/** Truth rows in schema order (so JSON diffs read top to bottom like the form). */
function orderApplications(t: ApplicationsTable): ApplicationsTable {
  const order: ApplicationRow[] = [
    'new_received',
    'carried_over',
    ...OUTCOME_ROWS,
    'other',
    ...OTHER_SUB_ROWS,
    'total_processed',
    'carried_forward',
  ];
  return Object.fromEntries(order.filter((k) => t[k]).map((k) => [k, t[k]]));
}

function generateReviews(r: Rng, blankRate: number) {
  const truth = {} as ReviewsTable;
  const printed = {} as Printed['reviews'];
  for (const g of REVIEW_GROUPS) {
    const busy = r.chance(0.35);
    const parts = REVIEW_COLUMNS.slice(0, 4).map(() =>
      busy
        ? r.weighted([
            [0, 3],
            [r.int(1, 6), 2],
            [r.int(7, 60), 1],
          ])
        : 0,
    );
    const t = {} as Record<ReviewColumn, Cell>;
    const p = {} as Record<ReviewColumn, string>;
    REVIEW_COLUMNS.slice(0, 4).forEach((c, i) => ([t[c], p[c]] = cell(r, parts[i]!, blankRate)));
    t.total = parts.reduce((a, b) => a + b, 0);
    p.total = String(t.total);
    truth[g] = t;
    printed[g] = p;
  }
  return { truth, printed };
}

/** A count: mostly small, sometimes zero, now and then large (4119). */
function count(r: Rng, busy: boolean, top = 600): number {
  if (!busy || r.chance(0.3)) return 0;
  return r.chance(0.12) ? r.int(1000, 9999) : r.int(1, top);
}

function proactive2019(r: Rng, kind: AgencyKind, blankRate: number) {
  const busy = kind !== 'township' || r.chance(0.3);
  const truth: ProactiveTable = {};
  const printed: Printed['proactive'] = {};
  const put = (row: string, col: string, value: number, text = String(value)) => {
    truth[row] ??= {};
    printed[row] ??= {};
    const [v, p] = value === 0 && text === '0' ? cell(r, 0, blankRate) : [value, text];
    truth[row]![col] = v;
    printed[row]![col] = p;
  };
  for (const row of ['regulations', 'normative_documents'] as const) {
    const made = row === 'regulations' && kind !== 'county' ? 0 : count(r, true, 80);
    const pub = r.int(0, made);
    put(row, 'new_made', made);
    put(row, 'new_published', pub);
    put(row, 'total_published', pub + (r.chance(0.5) ? r.int(0, 200) : 0));
  }
  for (const row of ['licensing', 'other_services', 'penalty', 'coercion'] as const) {
    const prev = count(r, busy, 400);
    const change = r.chance(0.5) ? 0 : r.int(-Math.min(prev, 15), 20);
    put(row, 'prev_items', prev);
    put(row, 'change', change, change > 0 && r.chance(0.3) ? `+${change}` : String(change));
    put(row, 'decisions', count(r, busy));
  }
  const feePrev = count(r, busy, 30);
  const feeChange = r.chance(0.7) ? 0 : r.int(-Math.min(feePrev, 5), 5);
  put('fees', 'prev_items', feePrev);
  put('fees', 'change', feeChange, String(feeChange));
  const items = r.chance(0.5) ? 0 : r.int(1, 40);
  put('procurement', 'items', items);
  if (items > 0 && r.chance(0.85)) {
    const [amount, text] = moneyText(r);
    truth.procurement!.amount_wan_yuan = amount;
    truth.procurement!.amount_raw = text;
    printed.procurement!.amount_wan_yuan = text;
  } else {
    truth.procurement!.amount_wan_yuan = 0;
    truth.procurement!.amount_raw = '0';
    printed.procurement!.amount_wan_yuan = '0';
  }
  checkShape(truth, PROACTIVE_2019);
  return { truth, printed };
}

function proactive2021(r: Rng, kind: AgencyKind, blankRate: number) {
  const busy = kind !== 'township' || r.chance(0.3);
  const truth: ProactiveTable = {};
  const printed: Printed['proactive'] = {};
  const put = (row: string, col: string, value: number) => {
    truth[row] ??= {};
    printed[row] ??= {};
    [truth[row]![col], printed[row]![col]] = cell(r, value, blankRate);
  };
  for (const row of ['regulations', 'normative_documents'] as const) {
    const issued = row === 'regulations' && kind !== 'county' ? 0 : count(r, true, 30);
    const repealed = r.chance(0.7) ? 0 : r.int(0, 10);
    put(row, 'issued', issued);
    put(row, 'repealed', repealed);
    put(row, 'in_force', issued + r.int(0, 120));
  }
  for (const row of ['licensing', 'penalty', 'coercion'] as const) put(row, 'decisions', count(r, busy));
  const cents = busy && r.chance(0.7) ? r.int(1, 999999) : 0;
  const plain = r.chance(0.7) ? (cents / 100).toFixed(2) : String(cents / 100);
  // The column is headed 单位：万元, so the cell is a bare number; large ones sometimes with thousands separators.
  const text = cents === 0 ? r.pick(['0', '0.00']) : cents >= 100000 && r.chance(0.3) ? thousands(plain) : plain;
  truth.fees = { amount_wan_yuan: cents / 100, amount_raw: text };
  printed.fees = { amount_wan_yuan: text };
  checkShape(truth, PROACTIVE_2021);
  return { truth, printed };
}

/** 1234.5 → "1,234.5". */
function thousands(text: string): string {
  const [int, frac] = text.split('.');
  return int!.replace(/\B(?=(\d{3})+$)/g, ',') + (frac === undefined ? '' : `.${frac}`);
}

/**
 * A 政府集中采购 amount as printed, with its value in 万元: "15.68万元", "1,234.5万元", "156800元" (yuan,
 * an integer) or "1.23亿元" (then a large amount).
 */
function moneyText(r: Rng): [number, string] {
  const style = r.weighted([
    ['wan', 6],
    ['wan-thousands', 1],
    ['yuan', 2],
    ['yi', 1],
  ] as const);
  if (style === 'yi') {
    const yiCents = r.int(101, 2999); // 1.01亿元 … 29.99亿元
    const yi = yiCents / 100;
    return [yiCents * 100, `${r.chance(0.5) ? yi.toFixed(2) : String(yi)}亿元`];
  }
  const cents = style === 'wan-thousands' ? r.int(100000, 9999999) : r.int(50, 99999);
  const amount = cents / 100;
  if (style === 'yuan') return [amount, `${cents * 100}元`];
  const text = r.chance(0.5) ? amount.toFixed(2) : String(amount);
  return [amount, `${style === 'wan-thousands' ? thousands(text) : text}万元`];
}

function checkShape(t: ProactiveTable, shape: Record<string, readonly string[]>): void {
  for (const [row, cols] of Object.entries(shape)) {
    for (const c of cols) if (!(c in (t[row] ?? {}))) throw new Error(`generator: proactive.${row}.${c} missing`);
  }
}
