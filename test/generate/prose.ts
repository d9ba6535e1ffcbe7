// A narrative report: no tables at all, the figures of tables 三 and 四 only stated in sentences, in the
// phrasings real narrative reports use ("共收到政府信息公开申请12件，其中自然人申请10件", "收到申请12件",
// "予以公开5件", "重复申请1件", "结转下年度1件", "未收到政府信息公开申请", "复议维持1件", "无行政复议",
// "未发生行政诉讼"), numbers in Arabic or Chinese numerals (三件, 十二件, 两件), as an HTML page.
//
// The truth holds exactly the cells the prose states, and the narrative record's other cells are not
// compared (compare.ts: template 'narrative'). Where the figures go, following readForms/readProse
// (src/extract/forms): a headline figure is its row's or group's `total` —
//   收到申请 N件 → applications.new_received.total, 上年结转 → carried_over.total,
//   予以公开 → granted.total, 部分公开 → partially_granted.total, 因不掌握…无法提供 → unable_not_held.total,
//   信访举报投诉类申请 → rejected_complaint.total, 重复申请 → rejected_duplicate.total,
//   办结 → total_processed.total, 结转下年度 → carried_forward.total;
//   行政复议 N件 / 无行政复议 → reviews.review.total; 行政诉讼 with 未经复议直接起诉 a件、复议后起诉 b件
//   → reviews.litigation_direct.total / litigation_after_review.total (无行政诉讼 → both 0);
// per-applicant figures, which the schema has a cell for, go to new_received's column:
//   自然人申请3件 → applications.new_received.natural_person (商业企业, 科研机构, 社会公益组织,
//   法律服务机构, 其他组织 likewise); 法人或其他组织申请 N件 has no cell and is not in the truth;
// review outcomes go to the review group's columns: 复议维持1件 → reviews.review.upheld (结果纠正 →
//   corrected, 其他结果 → other, 尚未审结 → pending).
// Group figures without a cell (不予公开 N件, 不予处理 N件) are printed but not in the truth.
import type { ApplicantColumn, ApplicationRow, ReviewColumn } from '../../src/forms/index.js';
import type { ApplicationsTable, ReviewsTable } from '../../src/record.js';

type ReviewColumnKey = Exclude<ReviewColumn, 'total'>;
import type { GeneratedReport, Truth } from './report.js';
import { rng, type Rng } from './random.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0–99 in Chinese numerals (十二, 二十, 两 for 2 sometimes). */
export function chineseNumeral(n: number, r: Rng): string {
  if (n === 2 && r.chance(0.4)) return '两';
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

const COLUMN_NAMES: [ApplicantColumn, string][] = [
  ['natural_person', '自然人'],
  ['commercial_enterprise', '商业企业'],
  ['research_institution', '科研机构'],
  ['social_welfare_org', '社会公益组织'],
  ['legal_service_org', '法律服务机构'],
  ['other_org', '其他组织'],
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderProse(rep: GeneratedReport): { bytes: Buffer; truth: Truth } {
  const r = rng(rep.renderSeed).fork('prose');
  const chineseRate = r.pick([0, 0.3, 0.7]);
  // 0 stays Arabic: 零件 reads as "parts"
  const num = (n: number) => (n > 0 && n <= 99 && r.chance(chineseRate) ? chineseNumeral(n, r) : String(n));
  const unit = r.pick(['件', '件', '件', '宗']);
  const q = (n: number) => `${num(n)}${unit}`;
  const t = rep.truth;
  const total = (row: ApplicationRow) => t.applications[row]?.total ?? 0;
  const cell = (row: ApplicationRow, col: ApplicantColumn) => t.applications[row]?.[col] ?? 0;
  const apps: Record<string, Record<string, number>> = {};
  const reviews: Record<string, Record<string, number>> = {};
  const state = (row: ApplicationRow, col: ApplicantColumn, v: number) => ((apps[row] ??= {})[col] = v);
  const stateReview = (g: string, col: string, v: number) => ((reviews[g] ??= {})[col] = v);
  const year = t.year;
  const we = r.pick(['我单位', '本机关', `我${t.agency.slice(-1)}`, '']);

  // Section 三 as sentences.
  const s3: string[] = [];
  const received = total('new_received');
  const carried = total('carried_over');
  if (received === 0) {
    s3.push(
      r.pick([
        `${year}年，${we}未收到政府信息公开申请`,
        `本年度${we}未收到政府信息公开申请`,
        `${year}年度共收到政府信息公开申请0${unit}`,
      ]),
    );
    state('new_received', 'total', 0);
  } else {
    const head = r.pick([
      `${year}年，${we}共收到政府信息公开申请${q(received)}`,
      `本年度${we}共受理政府信息公开申请${q(received)}`,
      `全年收到申请${q(received)}`,
      `${year}年新收政府信息公开申请${q(received)}`,
    ]);
    state('new_received', 'total', received);
    const cols = COLUMN_NAMES.filter(([c]) => cell('new_received', c) > 0);
    let detail = '';
    if (r.chance(0.6) && cols.length > 0) {
      const parts = cols.map(([c, name]) => {
        state('new_received', c, cell('new_received', c));
        return r.chance(0.7) ? `${name}申请${q(cell('new_received', c))}` : `${name}${q(cell('new_received', c))}`;
      });
      detail = `，其中${parts.join(r.pick(['、', '，']))}`;
    } else if (r.chance(0.4) && received - cell('new_received', 'natural_person') > 0) {
      // 法人或其他组织 is no schema cell: printed, not stated in the truth
      detail = `，其中自然人申请${q(cell('new_received', 'natural_person'))}，法人或其他组织申请${q(received - cell('new_received', 'natural_person'))}`;
      state('new_received', 'natural_person', cell('new_received', 'natural_person'));
    }
    s3.push(head + detail);
  }
  if (carried > 0 && r.chance(0.7)) {
    s3.push(r.pick([`上年结转${q(carried)}`, `另有上年结转申请${q(carried)}`]));
    state('carried_over', 'total', carried);
  } else if (carried === 0 && r.chance(0.3)) {
    s3.push('无上年结转申请');
    state('carried_over', 'total', 0);
  }
  const processed = total('total_processed');
  if (processed > 0) {
    const outcomes: string[] = [];
    const granted = total('granted');
    if (granted > 0 || r.chance(0.3)) {
      outcomes.push(r.pick([`予以公开${q(granted)}`, `同意公开${q(granted)}`, `${q(granted)}予以公开`]));
      state('granted', 'total', granted);
    }
    const partial = total('partially_granted');
    if (partial > 0) {
      outcomes.push(`部分公开${q(partial)}`);
      state('partially_granted', 'total', partial);
    }
    const denied = (Object.keys(t.applications) as ApplicationRow[])
      .filter((k) => k.startsWith('denied_'))
      .reduce((s, k) => s + total(k), 0);
    if (denied > 0) outcomes.push(`不予公开${q(denied)}`);
    const notHeld = total('unable_not_held');
    if (notHeld > 0) {
      outcomes.push(
        r.pick([`因本机关不掌握相关政府信息无法提供${q(notHeld)}`, `本机关不掌握相关政府信息${q(notHeld)}`]),
      );
      state('unable_not_held', 'total', notHeld);
    }
    for (const [row, label] of [
      ['rejected_complaint', '信访举报投诉类申请'],
      ['rejected_duplicate', '重复申请'],
    ] as const) {
      if (total(row) > 0 && r.chance(0.8)) {
        outcomes.push(`${label}${q(total(row))}`);
        state(row, 'total', total(row));
      }
    }
    const lead = r.pick([`共办结${q(processed)}，其中`, '答复情况为：', '办理结果为：']);
    if (lead.startsWith('共办结')) state('total_processed', 'total', processed);
    if (outcomes.length) s3.push(lead + outcomes.join(r.pick(['，', '、', '；'])));
  }
  const forward = total('carried_forward');
  if (forward > 0) {
    s3.push(r.pick([`结转下年度${q(forward)}`, `结转下年度继续办理${q(forward)}`, `${q(forward)}结转下年度办理`]));
    state('carried_forward', 'total', forward);
  } else if (processed > 0 && r.chance(0.3)) {
    s3.push('无结转下年度继续办理的申请');
    state('carried_forward', 'total', 0);
  }

  // Section 四.
  const s4: string[] = [];
  if (r.chance(0.85)) {
    const rev = t.reviews.review;
    const revTotal = rev.total ?? 0;
    if (revTotal === 0) {
      s4.push(
        r.pick([
          `${year}年，${we}未发生因政府信息公开被申请行政复议的情况`,
          '无行政复议',
          '本年度未收到政府信息公开行政复议申请',
        ]),
      );
      stateReview('review', 'total', 0);
    } else {
      const parts: [string, ReviewColumnKey, number][] = [];
      for (const [col, label] of [
        ['upheld', r.pick(['复议维持', '结果维持'])],
        ['corrected', '结果纠正'],
        ['other', '其他结果'],
        ['pending', '尚未审结'],
      ] as const) {
        const v = rev[col] ?? 0;
        if (v > 0) parts.push([`${label}${q(v)}`, col, v]);
      }
      // The outcomes are in the truth only when the sentence prints them.
      const printed = parts.length > 0 && r.chance(0.8);
      if (printed) for (const [, col, v] of parts) stateReview('review', col, v);
      s4.push(
        `${r.pick(['被申请行政复议', '发生行政复议案件', '行政复议'])}${q(revTotal)}${printed ? `，其中${parts.map(([p]) => p).join('、')}` : ''}`,
      );
      stateReview('review', 'total', revTotal);
    }
    const direct = t.reviews.litigation_direct.total ?? 0;
    const after = t.reviews.litigation_after_review.total ?? 0;
    if (direct + after === 0) {
      s4.push(r.pick(['未发生政府信息公开行政诉讼', '无行政诉讼', '未发生行政诉讼案件']));
    } else {
      s4.push(
        `${r.pick(['被提起行政诉讼', '发生行政诉讼'])}${q(direct + after)}，其中未经复议直接起诉${q(direct)}、复议后起诉${q(after)}`,
      );
    }
    stateReview('litigation_direct', 'total', direct);
    stateReview('litigation_after_review', 'total', after);
  }

  const truth: Truth = {
    ...t,
    template: 'narrative',
    proactive: {},
    applications: apps as unknown as ApplicationsTable,
    reviews: reviews as unknown as ReviewsTable,
  };

  const sentence = (parts: string[]) => (parts.length ? `${parts.join(r.pick(['；', '。']))}。` : '');
  const body: string[] = [];
  const h = (s: string) => body.push(r.chance(0.5) ? `<h3>${esc(s)}</h3>` : `<p><strong>${esc(s)}</strong></p>`);
  for (const p of rep.intro) body.push(`<p>${esc(p)}</p>`);
  for (const sec of rep.sections) {
    h(sec.heading);
    if (sec.table === 'applications') {
      const text = sentence(s3);
      if (text) body.push(`<p>${esc(text)}</p>`);
    } else if (sec.table === 'reviews') {
      const text = sentence(s4);
      body.push(`<p>${esc(text || '无。')}</p>`);
    } else for (const p of sec.paragraphs) body.push(`<p>${esc(p)}</p>`);
  }
  body.push(`<p style="text-align:right">${esc(rep.signature.agency)}</p>`);
  if (rep.signature.date) body.push(`<p style="text-align:right">${rep.signature.date}</p>`);
  const title = rep.titleLines.join('');
  const html = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
${t.published_date ? `<meta name="PubDate" content="${t.published_date}">` : ''}
</head>
<body>
<div class="article">
<h1>${rep.titleLines.map(esc).join('<br>')}</h1>
${t.published_date ? `<div class="info">发布日期：${t.published_date}</div>` : ''}
<div class="content">
${body.join('\n')}
</div>
</div>
</body>
</html>
`;
  return { bytes: Buffer.from(html, 'utf8'), truth };
}
