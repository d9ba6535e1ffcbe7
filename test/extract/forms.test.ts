// The form readers on small hand-made tables: each guess the extractor makes shows up as the
// warning the schema asks for, and numbers land in the right cells.
import { describe, expect, it } from 'vitest';
import { readForms } from '../../src/extract/tables/index.js';
import { readProse } from '../../src/extract/tables/narrative.js';
import { computeChecks } from '../../src/extract/checks.js';
import { readTxtString } from '../../src/extract/text/txt.js';
import { modelFromRows, type TextRow } from '../../src/extract/model.js';

const tab = (...lines: string[]) => readTxtString(lines.join('\n'));
const zeros = '0\t0\t0\t0\t0\t0\t0';
const T3_HEAD = [
  '三、收到和处理政府信息公开申请情况',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
];

describe('table 三', () => {
  it('splits digits run together when the row identity picks one split', () => {
    const r = readForms(tab(...T3_HEAD, `一、本年新收政府信息公开申请数量\t27\t29318\t0\t0\t0\t338`), 2021);
    expect(r.applications!.new_received).toEqual({
      natural_person: 27,
      commercial_enterprise: 293,
      research_institution: 18,
      social_welfare_org: 0,
      legal_service_org: 0,
      other_org: 0,
      total: 338,
    });
    expect(r.warnings.filter((w) => w.code === 'glued_digits').map((w) => w.where)).toEqual([
      'applications.new_received',
    ]);
  });

  it('skips 小计 rows and a group row printing values, with warnings', () => {
    const r = readForms(
      tab(
        ...T3_HEAD,
        `一、本年新收政府信息公开申请数量\t${zeros}`,
        `（三）不予公开\t1\t0\t0\t0\t0\t0\t1`,
        `\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1`,
        `小计\t1\t0\t0\t0\t0\t0\t1`,
      ),
      2020,
    );
    expect(r.applications!.denied_state_secret!.total).toBe(1);
    expect(r.warnings.filter((w) => w.code === 'subtotal_row').map((w) => w.where)).toEqual([
      'applications:(三)不予公开',
      'applications:小计',
    ]);
  });

  it('sums the 2021 （六） sub-rows into `other` and keeps them', () => {
    const r = readForms(
      tab(
        ...T3_HEAD,
        `（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1`,
        `\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0`,
        `\t3.其他\t2\t0\t0\t0\t0\t0\t2`,
      ),
      2022,
    );
    expect([
      r.applications!.other_no_correction!.total,
      r.applications!.other_unpaid_fee!.total,
      r.applications!.other_misc!.total,
      r.applications!.other!.total,
    ]).toEqual([1, 0, 2, 3]);
    expect(r.template).toBe('2021');
  });

  it('keeps blanks null and places PDF numbers by x, not by order', () => {
    const cell = (text: string, x: number) => ({ text, x0: x - 5, x1: x + 5 });
    const xs = [100, 150, 200, 250, 300, 350, 400];
    const full = (label: string): TextRow => ({
      tabular: true,
      cells: [{ text: label, x0: 10, x1: 80 }, ...xs.map((x) => cell('1', x))],
    });
    const rows: TextRow[] = [
      { tabular: false, cells: [{ text: '三、收到和处理政府信息公开申请情况' }] },
      full('一、本年新收政府信息公开申请数量'),
      full('二、上年结转政府信息公开申请数量'),
      { tabular: true, cells: [{ text: '（一）予以公开', x0: 10, x1: 80 }, cell('3', 100), cell('3', 400)] },
    ];
    const r = readForms(modelFromRows('pdf', rows), 2021);
    expect(r.applications!.granted).toEqual({
      natural_person: 3,
      commercial_enterprise: null,
      research_institution: null,
      social_welfare_org: null,
      legal_service_org: null,
      other_org: null,
      total: 3,
    });
    expect(r.warnings.find((w) => w.where === 'applications.granted')?.code).toBe('column_by_position');
  });
});

describe('table 二', () => {
  const T2_2019 = [
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
    '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
  ];
  it('keeps signed changes with their sign, reports extra local rows, and an unknown money unit', () => {
    const r = readForms(
      tab(
        ...T2_2019,
        '规章\t0\t0\t0',
        '规范性文件\t5\t5\t20',
        '其他主动公开文件\t3\t3\t9',
        '第二十条第（五）项',
        '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
        '行政许可\t12\t+2\t40',
        '其他对外管理服务事项\t3\t减少1\t0',
        '第二十条第（九）项',
        '信息内容\t采购项目数量\t采购总金额',
        '政府集中采购\t4\t120',
      ),
      2020,
    );
    expect(r.proactive!.licensing).toEqual({ prev_items: 12, change: 2, decisions: 40 });
    expect(r.proactive!.other_services).toEqual({ prev_items: 3, change: -1, decisions: 0 });
    expect(r.proactive!.procurement).toEqual({ items: 4, amount_wan_yuan: null, amount_raw: '120' });
    expect(r.warnings.map((w) => `${w.code} ${w.where}`)).toEqual([
      'extra_row proactive:其他主动公开文件',
      'signed_value proactive.licensing.change',
      'signed_value proactive.other_services.change',
      'missing_row proactive.penalty',
      'missing_row proactive.coercion',
      'missing_row proactive.fees',
      'unknown_money_unit proactive.procurement.amount_wan_yuan',
    ]);
  });

  it('converts 元 to 万元 and reads the 2021 fee amount in 万元', () => {
    const r2019 = readForms(tab(...T2_2019, '政府集中采购\t2\t251000元'), 2019);
    expect(r2019.proactive!.procurement).toEqual({ items: 2, amount_wan_yuan: 25.1, amount_raw: '251000元' });
    const r2021 = readForms(
      tab('二、主动公开政府信息情况', '信息内容\t本年收费金额（单位：万元）', '行政事业性收费\t7730.28'),
      2023,
    );
    expect(r2021.proactive!.fees).toEqual({ amount_wan_yuan: 7730.28, amount_raw: '7730.28' });
  });
});

describe('prose figures', () => {
  it('takes requests and outcomes, never consultations or other counts', () => {
    const p = readProse(
      '2020年共受理政务咨询45次，主动公开信息337条。全年收到政府信息公开申请12件，其中予以公开8件，部分公开2件，2件本机关不掌握相关政府信息。未发生行政复议、行政诉讼案件。',
    );
    expect(p.applications).toEqual({
      new_received: { total: 12 },
      granted: { total: 8 },
      partially_granted: { total: 2 },
      unable_not_held: { total: 2 },
    });
    expect(p.reviews).toEqual({
      review: { total: 0 },
      litigation_direct: { total: 0 },
      litigation_after_review: { total: 0 },
    });
  });
  it('reads "no requests" as 0 and Chinese numerals', () => {
    expect(readProse('本年度未收到政府信息公开申请。').applications).toEqual({ new_received: { total: 0 } });
    expect(readProse('共收到政府信息公开申请十二件。').applications).toEqual({ new_received: { total: 12 } });
  });
  it('reads applicant figures, outcomes, carry-overs and review outcomes in the phrasings reports use', () => {
    const p = readProse(
      '2023年，我局共收到政府信息公开申请12件，其中自然人申请10件、商业企业2件，法人或其他组织申请2件。另有上年结转申请1件。共办结11件，其中予以公开5件、部分公开两件、重复申请1件，3件本机关不掌握相关政府信息。结转下年度继续办理2件。发生行政复议案件3件，其中复议维持1件、结果纠正2件。发生行政诉讼1件，其中未经复议直接起诉1件、复议后起诉0件。全年受理政务咨询45次。',
    );
    expect(p.applications).toEqual({
      new_received: { total: 12, natural_person: 10, commercial_enterprise: 2 },
      carried_over: { total: 1 },
      total_processed: { total: 11 },
      granted: { total: 5 },
      partially_granted: { total: 2 },
      rejected_duplicate: { total: 1 },
      unable_not_held: { total: 3 },
      carried_forward: { total: 2 },
    });
    expect(p.reviews).toEqual({
      review: { total: 3, upheld: 1, corrected: 2 },
      litigation_direct: { total: 1 },
      litigation_after_review: { total: 0 },
    });
  });
});

describe('checks', () => {
  it('records each broken identity with its numbers', () => {
    const r = readForms(
      tab(
        ...T3_HEAD,
        `一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t3`,
        `（七）总计\t2\t0\t0\t0\t0\t0\t2`,
        `四、结转下年度继续办理\t${zeros}`,
      ),
      2020,
    );
    const failed = computeChecks(r.applications, null).filter((c) => !c.ok);
    expect(failed).toEqual([
      {
        rule: 'applications.balance',
        ok: false,
        detail: 'total: new_received 3 + carried_over 0 ≠ total_processed 2 + carried_forward 0',
      },
      { rule: 'applications.row_sum', ok: false, detail: 'new_received: total 3 ≠ sum of applicant columns 2' },
      {
        rule: 'applications.outcome_sum',
        ok: false,
        detail: 'natural_person: total_processed 2 ≠ sum of outcome rows 0',
      },
      { rule: 'applications.outcome_sum', ok: false, detail: 'total: total_processed 2 ≠ sum of outcome rows 0' },
    ]);
  });
});

describe('labels no keyword matches', () => {
  it('are read as the form label they nearly spell (OCR misreads), loosely, only when one is clearly nearest', async () => {
    const { matchAll, APPLICATION_MATCHERS, PROACTIVE_MATCHERS } = await import('../../src/extract/tables/labels.js');
    const keys = (label: string, matchers: typeof APPLICATION_MATCHERS) =>
      matchAll(label, matchers).map((m) => [m.key, m.loose]);
    expect(keys('7.属于行政执法案郑', APPLICATION_MATCHERS)).toEqual([['denied_enforcement_file', true]]);
    expect(keys('一、(一)子以公开', APPLICATION_MATCHERS)).toEqual([['granted', true]]);
    // keyword matches are untouched; words of no form row stay unmatched
    expect(keys('7.属于行政执法案卷', APPLICATION_MATCHERS)).toEqual([['denied_enforcement_file', false]]);
    expect(keys('其他主动公开文件', PROACTIVE_MATCHERS as never)).toEqual([]);
    expect(keys('本年度接待群众来访人次', APPLICATION_MATCHERS)).toEqual([]);
  });
});
