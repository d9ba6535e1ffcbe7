// The 2019 form (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports (report-forms.md §3–5).
// Tables 三 and 四 are defined here once; the 2021 form (form-2021.ts) reuses them with its changes.
import type { BlockSpec, ColumnSpec, FormSpec, GridSpec, ProactiveSpec, RowSpec, SectionSpec } from './spec.js';

// ---------------------------------------------------------------- table 二 (主动公开政府信息情况)

/** Table 二's rows in every form; a form's blocks say which it prints and under which columns. */
export const PROACTIVE_ROWS = [
  { key: 'regulations', label: ['规章', 'Rules'], strong: [/^规章/, /^[\d.、]*规章(\(.*\))?$/] },
  {
    key: 'normative_documents',
    label: ['规范性文件', 'Normative documents'],
    strong: [/规范性文件/, /規範性(文件|檔案)/],
    loose: [/规范性/],
  },
  { key: 'licensing', label: ['行政许可', 'Administrative licensing'], strong: [/行政许可/], loose: [/许可/] },
  {
    key: 'other_services',
    label: ['其他对外管理服务事项', 'Other external services'],
    strong: [/其他对外管理服务事项/, /对外管理服务/],
    loose: [/管理服务事项/],
  },
  { key: 'penalty', label: ['行政处罚', 'Administrative penalties'], strong: [/行政处罚/], loose: [/处罚/] },
  { key: 'coercion', label: ['行政强制', 'Administrative coercion'], strong: [/行政强制/], loose: [/强制/] },
  {
    key: 'fees',
    label: ['行政事业性收费', 'Administrative fees'],
    strong: [/行政事业性收费/, /事业性收费/],
    loose: [/收费/],
  },
  {
    key: 'procurement',
    label: ['政府集中采购', 'Centralised procurement'],
    strong: [/政府集中采购/, /集中采购/],
    loose: [/采购/],
  },
] as const satisfies readonly RowSpec[];

const PROACTIVE_SECTION: SectionSpec = {
  heading: [/^二、/, /主动公开/],
  title: /^主动公开政府信息情况$/,
  opens: [/^第二十条第/],
};

/** What table 二 is in every form, besides its columns and blocks. */
export const PROACTIVE_BASE = {
  title: ['二、主动公开政府信息情况', 'II. Proactive disclosure'],
  section: PROACTIVE_SECTION,
  banner: /第[一二三四五六七八九十百\d]+条/,
  rows: PROACTIVE_ROWS,
  labelHeader: ['信息内容', 'Item'],
  labelColumn: /^(信息内容|信息|内容)$/,
  statesUnit: /(单位|金额)[:：(（]*\s*万元/,
} as const;

export const PROACTIVE_COLUMNS_2019 = [
  { key: 'new_made', label: ['本年新制作数量', 'Made this year'], type: 'count' },
  { key: 'new_published', label: ['本年新公开数量', 'Published this year'], type: 'count' },
  { key: 'total_published', label: ['对外公开总数量', 'Total published'], type: 'count' },
  { key: 'prev_items', label: ['上一年项目数量', 'Items last year'], type: 'count' },
  { key: 'change', label: ['本年增/减', 'Change this year'], type: 'signed_count' },
  { key: 'decisions', label: ['处理决定数量', 'Decisions'], type: 'count' },
  { key: 'items', label: ['采购项目数量', 'Procurement items'], type: 'count' },
  {
    key: 'amount_wan_yuan',
    label: ['金额（万元）', 'Amount (10,000 yuan)'],
    type: 'money',
    unit: '万元',
    raw: { key: 'amount_raw', label: ['金额（原文）', 'Amount as printed'] },
  },
] as const satisfies readonly ColumnSpec[];

const header = (columns: readonly ColumnSpec[], key: string) => {
  const c = columns.find((c) => c.key === key)!;
  return { key, header: c.label };
};
const items = ['prev_items', 'change', 'decisions'].map((k) => header(PROACTIVE_COLUMNS_2019, k));

const BLOCKS_2019: BlockSpec[] = [
  {
    banner: ['第二十条第（一）项', 'Art. 20 (一)'],
    columns: ['new_made', 'new_published', 'total_published'].map((k) => header(PROACTIVE_COLUMNS_2019, k)),
    rows: ['regulations', 'normative_documents'],
  },
  { banner: ['第二十条第（五）项', 'Art. 20 (五)'], columns: items, rows: ['licensing', 'other_services'] },
  { banner: ['第二十条第（六）项', 'Art. 20 (六)'], columns: items, rows: ['penalty', 'coercion'] },
  { banner: ['第二十条第（八）项', 'Art. 20 (八)'], columns: items.slice(0, 2), rows: ['fees'] },
  {
    banner: ['第二十条第（九）项', 'Art. 20 (九)'],
    columns: [
      header(PROACTIVE_COLUMNS_2019, 'items'),
      { key: 'amount_wan_yuan', header: ['采购总金额（万元）', 'Total amount (10,000 yuan)'] },
    ],
    rows: ['procurement'],
  },
];

const PROACTIVE_2019: ProactiveSpec = { ...PROACTIVE_BASE, columns: PROACTIVE_COLUMNS_2019, blocks: BLOCKS_2019 };

// ---------------------------------------------------------------- table 三 (收到和处理政府信息公开申请情况)

export const APPLICANT_COLUMN_SPECS = [
  { key: 'natural_person', label: ['自然人', 'Natural persons'], type: 'count' },
  { key: 'commercial_enterprise', label: ['商业企业', 'Commercial enterprises'], type: 'count' },
  { key: 'research_institution', label: ['科研机构', 'Research institutions'], type: 'count' },
  { key: 'social_welfare_org', label: ['社会公益组织', 'Public-welfare organisations'], type: 'count' },
  { key: 'legal_service_org', label: ['法律服务机构', 'Legal service organisations'], type: 'count' },
  { key: 'other_org', label: ['其他', 'Other'], type: 'count' },
  { key: 'total', label: ['总计', 'Total'], type: 'count' },
] as const satisfies readonly ColumnSpec[];

/** Table 三's rows in the 2019 form, in form order. */
export const APPLICATION_ROWS_2019 = [
  {
    key: 'new_received',
    label: ['一、本年新收政府信息公开申请数量', 'I. New requests received this year'],
    strong: [/本年(度)?新收/, /新收.*申请/],
    loose: [/新收/],
  },
  {
    key: 'carried_over',
    label: ['二、上年结转政府信息公开申请数量', 'II. Requests carried over from last year'],
    strong: [/上年(度)?结转/],
    loose: [/上年.*结转/],
  },
  {
    key: 'granted',
    label: ['（一）予以公开', '(1) Granted'],
    group: 'outcomes',
    strong: [/(?<![部不])予以公开/],
    loose: [/^\(一\)/],
  },
  {
    key: 'partially_granted',
    label: ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '(2) Partially granted'],
    group: 'outcomes',
    strong: [/部分公开/],
    loose: [/区分处理/],
  },
  {
    key: 'denied_state_secret',
    label: ['1.属于国家秘密', '1. State secret'],
    group: 'denied',
    strong: [/国家秘密/],
    loose: [/国家秘/],
  },
  {
    key: 'denied_law_prohibited',
    label: ['2.其他法律行政法规禁止公开', '2. Prohibited by other laws'],
    group: 'denied',
    strong: [/法律行政法规禁止/],
    loose: [/其他法律/, /禁止公开/, /行政.{0,3}止公开/],
  },
  {
    key: 'denied_security_stability',
    label: ['3.危及“三安全一稳定”', '3. Endangers security or stability'],
    group: 'denied',
    strong: [/三安全一稳定/, /危及/],
    loose: [/安全一稳定/],
  },
  {
    key: 'denied_third_party',
    label: ['4.保护第三方合法权益', "4. Third parties' rights"],
    group: 'denied',
    strong: [/第三方/],
    loose: [/合法权益/],
  },
  {
    key: 'denied_internal_affairs',
    label: ['5.属于三类内部事务信息', '5. Internal affairs'],
    group: 'denied',
    strong: [/内部事务/],
    loose: [/三类内部/],
  },
  {
    key: 'denied_process_info',
    label: ['6.属于四类过程性信息', '6. Process information'],
    group: 'denied',
    strong: [/过程性信息/],
    loose: [/四类过程/],
  },
  {
    key: 'denied_enforcement_file',
    label: ['7.属于行政执法案卷', '7. Enforcement file'],
    group: 'denied',
    strong: [/行政执法案卷/],
    loose: [/执法案卷/],
  },
  {
    key: 'denied_admin_query',
    label: ['8.属于行政查询事项', '8. Administrative query'],
    group: 'denied',
    strong: [/行政查询/],
    loose: [/查询事项/],
  },
  {
    key: 'unable_not_held',
    label: ['1.本机关不掌握相关政府信息', '1. Not held by this agency'],
    group: 'unable',
    strong: [/不掌握/],
    loose: [/本机关不/],
  },
  {
    key: 'unable_needs_creation',
    label: ['2.没有现成信息需要另行制作', '2. Would have to be created'],
    group: 'unable',
    strong: [/另行制作/, /没有现成/],
    loose: [/现成信息/],
  },
  {
    key: 'unable_unclear',
    label: ['3.补正后申请内容仍不明确', '3. Still unclear after correction'],
    group: 'unable',
    strong: [/仍不明确/, /补正后/],
    loose: [/不明确/],
  },
  {
    key: 'rejected_complaint',
    label: ['1.信访举报投诉类申请', '1. Petition or complaint'],
    group: 'rejected',
    strong: [/信访/, /举报投诉/],
    loose: [/投诉类/],
  },
  {
    key: 'rejected_duplicate',
    label: ['2.重复申请', '2. Duplicate request'],
    group: 'rejected',
    strong: [/重复申请/],
    loose: [/重复/],
  },
  {
    key: 'rejected_publication',
    label: ['3.要求提供公开出版物', '3. Asks for a publication'],
    group: 'rejected',
    strong: [/公开出版物/],
    loose: [/出版物/],
  },
  {
    key: 'rejected_excessive',
    label: ['4.无正当理由大量反复申请', '4. Excessive repeated requests'],
    group: 'rejected',
    strong: [/大量反复/],
    loose: [/反复申请/],
  },
  {
    key: 'rejected_confirmation',
    label: ['5.要求行政机关确认或重新出具已获取信息', '5. Asks to confirm or reissue information'],
    group: 'rejected',
    strong: [/确认或重新出具/, /重新出具/],
    loose: [/已获取信息/, /要求行政机关确认/],
  },
  {
    key: 'other',
    label: ['（六）其他处理', '(6) Other handling'],
    group: 'outcomes',
    strong: [/其他处理/],
    parts: ['other_no_correction', 'other_unpaid_fee', 'other_misc'],
  },
  {
    key: 'total_processed',
    label: ['（七）总计', '(7) Total'],
    group: 'outcomes',
    // (七) as OCR may misread it: any one or two characters in its brackets, or for them
    strong: [/\(七\)总计/, /^总计$/, /^\(?.{1,2}\)?总计$/u],
    loose: [/\(七\)/],
  },
  {
    key: 'carried_forward',
    label: ['四、结转下年度继续办理', 'IV. Carried forward to next year'],
    strong: [/结转下年/, /下年度继续办理/],
    loose: [/继续办理/],
  },
] as const satisfies readonly RowSpec[];

/** Rows of table 三 whose figures are the outcomes of the year's requests (summed by `applications.outcome_sum`). */
const OUTCOMES = APPLICATION_ROWS_2019.filter((r) => 'group' in r && r.key !== 'total_processed').map((r) => r.key);

export const APPLICATIONS_2019 = {
  title: ['三、收到和处理政府信息公开申请情况', 'III. Requests received and handled'],
  short: ['政府信息公开申请', 'requests'],
  section: {
    heading: [/^三、/, /申请/],
    headingNot: [/本年度办理结果/],
    opens: [/勾稽关系/, /^一、本年(度)?新收/],
    headerCells: [[/^申请人情况$/]],
  },
  rows: APPLICATION_ROWS_2019,
  columns: APPLICANT_COLUMN_SPECS,
  groups: {
    outcomes: { label: ['三、本年度办理结果', 'III. Outcomes this year'], merged: /^三?、?本年度?办理结果/ },
    denied: {
      label: ['（三）不予公开', '(3) Denied'],
      parent: 'outcomes',
      prefix: true,
      merged: /(?:\(三\))?不予公开/,
    },
    unable: {
      label: ['（四）无法提供', '(4) Cannot be provided'],
      parent: 'outcomes',
      prefix: true,
      merged: /(?:\(四\))?无法提供/,
    },
    rejected: {
      label: ['（五）不予处理', '(5) Not processed'],
      parent: 'outcomes',
      prefix: true,
      merged: /(?:\(五\))?不予处理/,
    },
    other: {
      label: ['（六）其他处理', '(6) Other handling'],
      parent: 'outcomes',
      prefix: true,
      merged: /(?:\(六\))?其他处理/,
    },
  },
  columnGroups: {
    organisations: {
      label: ['法人或其他组织', 'Legal persons or other organisations'],
      columns: [
        'commercial_enterprise',
        'research_institution',
        'social_welfare_org',
        'legal_service_org',
        'other_org',
      ],
    },
  },
  columnsTitle: ['申请人情况', 'Applicants'],
  corner: ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '(Per column: I + II = III + IV)'],
  groupJoin: ' ',
  identities: [
    {
      rule: 'applications.balance',
      each: 'column',
      left: { keys: ['new_received', 'carried_over'] },
      right: { keys: ['total_processed', 'carried_forward'] },
      label: ['申请数勾稽关系（一＋二＝三（七）＋四）', 'Request balance (I + II = III(7) + IV)'],
    },
    {
      rule: 'applications.row_sum',
      each: 'row',
      left: { keys: ['total'] },
      right: { keys: APPLICANT_COLUMN_SPECS.slice(0, -1).map((c) => c.key), name: 'sum of applicant columns' },
      label: ['各类申请人之和等于总计', 'Applicant columns add up to the total'],
    },
    {
      rule: 'applications.outcome_sum',
      each: 'column',
      left: { keys: ['total_processed'] },
      right: { keys: OUTCOMES, name: 'sum of outcome rows' },
      shares: true,
      label: ['各项办理结果之和等于（七）总计', 'Outcomes add up to III(7) total'],
    },
  ],
  crossYear: [
    {
      rule: 'cross_year.carried_over',
      kind: 'carry',
      from: 'carried_forward',
      to: 'carried_over',
      label: ['上年结转下年度数等于本年上年结转数', "Last year's carried forward = this year's carried over"],
    },
  ],
} as const satisfies GridSpec;

// ---------------------------------------------------------------- table 四 (行政复议、行政诉讼情况)

export const REVIEW_COLUMN_SPECS = [
  { key: 'upheld', label: ['结果维持', 'Upheld'], type: 'count' },
  { key: 'corrected', label: ['结果纠正', 'Corrected'], type: 'count' },
  { key: 'other', label: ['其他结果', 'Other result'], type: 'count' },
  { key: 'pending', label: ['尚未审结', 'Pending'], type: 'count' },
  { key: 'total', label: ['总计', 'Total'], type: 'count' },
] as const satisfies readonly ColumnSpec[];

/** Table 四's rows: the review and the two kinds of litigation (printed as one row of 15 cells, or a row each). */
export const REVIEW_ROWS = [
  { key: 'review', label: ['行政复议', 'Administrative reconsideration'], strong: [/行政复议/] },
  {
    key: 'litigation_direct',
    label: ['未经复议直接起诉', 'Filed directly'],
    group: 'litigation',
    strong: [/未经复议|直接起诉/],
  },
  {
    key: 'litigation_after_review',
    label: ['复议后起诉', 'Filed after reconsideration'],
    group: 'litigation',
    strong: [/复议后起诉/],
  },
] as const satisfies readonly RowSpec[];

export const REVIEWS_2019 = {
  title: ['四、政府信息公开行政复议、行政诉讼情况', 'IV. Administrative reconsideration and litigation'],
  short: ['行政复议、行政诉讼', 'reconsideration and litigation'],
  section: {
    heading: [/^四、/, /复议|诉讼/],
    title: /^政府信息公开行政复议[、,]?行政诉讼情况$/,
    headerCells: [[/^行政复议$/, /^行政诉讼/]],
  },
  rows: REVIEW_ROWS,
  columns: REVIEW_COLUMN_SPECS,
  groups: { litigation: { label: ['行政诉讼', 'Administrative litigation'], prefix: true } },
  headerGroups: /复议|诉讼|起诉/,
  groupJoin: '·',
  identities: [
    {
      rule: 'reviews.total',
      each: 'row',
      left: { keys: ['total'] },
      right: { keys: ['upheld', 'corrected', 'other', 'pending'], name: 'upheld + corrected + other + pending' },
      label: ['复议、诉讼各项之和等于总计', 'Review/litigation outcomes add up to the total'],
    },
  ],
} as const satisfies GridSpec;

export const FORM_2019 = {
  id: '2019' as const,
  name: ['2019年版表格', '2019 form'],
  since: 2019,
  signatures:
    /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|采购项目数量|采购总金额|其他对外管理服务事项|政府集中采购/,
  proactive: PROACTIVE_2019,
  applications: APPLICATIONS_2019,
  reviews: REVIEWS_2019,
} satisfies FormSpec;
