// The 2021 form (国办公开办函〔2021〕30号), used from the 2021 reports on (report-forms.md §3–5):
// table 二 counts documents in force and fee amounts; table 三 splits （六）其他处理 into three rows;
// table 四 is the 2019 form's.
import {
  APPLICATION_ROWS_2019,
  APPLICATIONS_2019,
  PROACTIVE_BASE,
  PROACTIVE_COLUMNS_2019,
  REVIEWS_2019,
} from './form-2019.js';
import type { BlockSpec, ColumnSpec, FormSpec, GridSpec, ProactiveSpec, RowSpec } from './spec.js';

export const PROACTIVE_COLUMNS_2021 = [
  { key: 'issued', label: ['本年制发件数', 'Issued this year'], type: 'count' },
  { key: 'repealed', label: ['本年废止件数', 'Repealed this year'], type: 'count' },
  { key: 'in_force', label: ['现行有效件数', 'In force'], type: 'count' },
  PROACTIVE_COLUMNS_2019.find((c) => c.key === 'decisions')!,
  PROACTIVE_COLUMNS_2019.find((c) => c.key === 'amount_wan_yuan')!,
] as const satisfies readonly ColumnSpec[];

const decisions = { key: 'decisions', header: ['本年处理决定数量', 'Decisions this year'] } as const;

const BLOCKS_2021: BlockSpec[] = [
  {
    banner: ['第二十条第（一）项', 'Art. 20 (一)'],
    columns: PROACTIVE_COLUMNS_2021.slice(0, 3).map((c) => ({ key: c.key, header: c.label })),
    rows: ['regulations', 'normative_documents'],
  },
  { banner: ['第二十条第（五）项', 'Art. 20 (五)'], columns: [decisions], rows: ['licensing'] },
  { banner: ['第二十条第（六）项', 'Art. 20 (六)'], columns: [decisions], rows: ['penalty', 'coercion'] },
  {
    banner: ['第二十条第（八）项', 'Art. 20 (八)'],
    columns: [
      {
        key: 'amount_wan_yuan',
        header: ['本年收费金额（单位：万元）', 'Fees collected (10,000 yuan)'],
        statedUnit: '万元',
      },
    ],
    rows: ['fees'],
  },
];

const PROACTIVE_2021: ProactiveSpec = {
  ...PROACTIVE_BASE,
  // The 2021 form names the row 行政规范性文件.
  rows: PROACTIVE_BASE.rows.map((r) =>
    r.key === 'normative_documents' ? { ...r, label: ['行政规范性文件', 'Administrative normative documents'] } : r,
  ),
  columns: PROACTIVE_COLUMNS_2021,
  blocks: BLOCKS_2021,
  crossYear: [
    {
      rule: 'cross_year.in_force',
      kind: 'stock',
      rows: ['regulations', 'normative_documents'],
      stock: 'in_force',
      inflow: 'issued',
      outflow: 'repealed',
      label: [
        '上年现行有效件数＋本年制发−本年废止＝本年现行有效件数',
        'In force last year + issued − repealed = in force',
      ],
    },
  ],
};

/** The three rows the 2021 form prints under （六）其他处理. */
export const OTHER_SUB_ROW_SPECS = [
  {
    key: 'other_no_correction',
    label: ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '1. No correction in time'],
    group: 'other',
    strong: [/逾期不补正/, /不补正/],
    loose: [/无正当理由逾期/],
  },
  {
    key: 'other_unpaid_fee',
    label: ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '2. Fee not paid in time'],
    group: 'other',
    strong: [/缴纳费用/, /收费通知/],
    loose: [/逾期未按/],
  },
  { key: 'other_misc', label: ['3.其他', '3. Other'], group: 'other', strong: [/^3\.?其他$/] },
] as const satisfies readonly RowSpec[];

const at = APPLICATION_ROWS_2019.findIndex((r) => r.key === 'other') + 1;
const APPLICATIONS_2021: GridSpec = {
  ...APPLICATIONS_2019,
  rows: [...APPLICATION_ROWS_2019.slice(0, at), ...OTHER_SUB_ROW_SPECS, ...APPLICATION_ROWS_2019.slice(at)],
};

export const FORM_2021 = {
  id: '2021' as const,
  name: ['2021年版表格', '2021 form'],
  since: 2021,
  signatures: /本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量|逾期不补正|逾期未按收费通知/,
  proactive: PROACTIVE_2021,
  applications: APPLICATIONS_2021,
  reviews: REVIEWS_2019,
} satisfies FormSpec;
