// Both label sets of the site: Chinese first (the official form's wording, from record.ts), English beside it.
import {
  APPLICANT_COLUMN_LABELS,
  PROACTIVE_COLUMN_LABELS,
  PROACTIVE_ROW_LABELS,
  REVIEW_COLUMN_LABELS,
  REVIEW_GROUP_LABELS,
  type AdminLevel,
  type ApplicantColumn,
  type ReviewColumn,
  type ReviewGroup,
  type Template,
} from '../../record.js';

/** A label in both languages: [中文, English]. */
export type Bi = readonly [string, string];

export const UI = {
  siteTitle: ['政府信息公开工作年度报告数据集', 'Open Government Information annual reports dataset'],
  version: ['版本', 'Version'],
  reports: ['报告', 'Reports'],
  search: ['搜索标题或机关', 'Search title or agency'],
  province: ['省份', 'Province'],
  city: ['城市', 'City'],
  level: ['层级', 'Level'],
  year: ['年份', 'Year'],
  template: ['表格样式', 'Form'],
  failedOnly: ['只看数字对不上的报告', "Only reports whose numbers don't add up"],
  all: ['全部', 'All'],
  agency: ['机关', 'Agency'],
  title: ['标题', 'Title'],
  checks: ['核对', 'Checks'],
  prev: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  loading: ['加载中…', 'Loading…'],
  noResults: ['没有符合条件的报告', 'No report matches'],
  charts: ['图表', 'Charts'],
  downloads: ['下载', 'Downloads'],
  file: ['文件', 'File'],
  size: ['大小', 'Size'],
  codebook: ['字段说明（CODEBOOK）', 'Codebook'],
  changelog: ['更新记录（CHANGELOG）', 'Changelog'],
  list: ['报告列表', 'Report list'],
  language: ['English', '中文'],
  back: ['返回列表', 'Back to the list'],
  notFound: ['找不到这份报告', 'Report not found'],
  metadata: ['基本信息', 'Metadata'],
  source: ['来源', 'Source'],
  sourcePage: ['来源网页', 'Source page'],
  document: ['存档文件', 'Archived document'],
  recordJson: ['本条记录 JSON', 'Record JSON'],
  shardFile: ['所在数据分片', 'Data shard'],
  table2: ['二、主动公开政府信息情况', 'II. Proactive disclosure'],
  table3: ['三、收到和处理政府信息公开申请情况', 'III. Requests received and handled'],
  table4: ['四、政府信息公开行政复议、行政诉讼情况', 'IV. Administrative reconsideration and litigation'],
  noTable: ['报告中没有此表', 'The report has no such table'],
  whereRead: ['数字出处', 'Where it was read'],
  whereHint: [
    '点击表中的数字，查看它在原文中的位置。',
    'Select a number in the table to see where it was read in the document.',
  ],
  viaProse: ['摘自正文文字', 'read from the prose'],
  viaStatistics: ['摘自统计表', 'read from the 统计表 (statistics table)'],
  looseLabel: ['行名仅部分匹配，请核对', 'row label matched only loosely: worth a check'],
  printed: ['原文', 'printed'],
  closeDetail: ['关闭', 'Close'],
  checkList: ['核对结果', 'Check results'],
  failed: ['不符', 'failed'],
  passed: ['相符', 'ok'],
  allPassed: ['所有核对均相符', 'Every check passes'],
  warnings: ['提取提示', 'Extraction warnings'],
  scope: ['范围', 'Scope'],
  region: ['地区', 'Region'],
  published: ['发布日期', 'Published'],
  extractor: ['提取程序版本', 'Extractor version'],
  format: ['格式', 'Format'],
  bytes: ['字节', 'Bytes'],
  fetched: ['抓取时间', 'Fetched'],
  chartApplications: ['每年收到的政府信息公开申请（本年新收，合计）', 'Requests received per year (new, total)'],
  chartOutcomes: ['各省办理结果构成', 'Outcome shares by province'],
  chartReviews: ['各省行政复议、行政诉讼结果', 'Reconsideration and litigation outcomes by province'],
  chartCoverage: ['各年度的报告数（按层级，覆盖情况）', 'Reports per year covered, by administrative level (coverage)'],
  agencyOnly: [
    '只计本机关报告，不含全辖区汇总报告，以免重复计算。',
    'Own-agency reports only; jurisdiction-wide aggregate reports are left out so nothing is counted twice.',
  ],
  reviewBar: ['复议', 'Review'],
  litigationBar: ['诉讼', 'Litigation'],
  rows: ['份', 'reports'],
  page: ['页', 'page'],
  aggregateBadge: ['汇总', 'aggregate'],
} as const satisfies Record<string, Bi>;

export const LEVELS: Record<AdminLevel, Bi> = {
  central: ['中央', 'Central'],
  province: ['省级', 'Province'],
  city: ['市级', 'City'],
  county: ['县级', 'County'],
  township: ['乡镇街道', 'Township'],
  department: ['部门', 'Department'],
};

export const TEMPLATES: Record<Template, Bi> = {
  '2019': ['2019年版表格', '2019 form'],
  '2021': ['2021年版表格', '2021 form'],
  pre2019: ['2019年以前', 'Before 2019'],
  narrative: ['仅文字', 'Prose only'],
  unknown: ['未知', 'Unknown'],
};

export const SCOPES: Record<string, Bi> = {
  agency: ['本机关', 'Own agency'],
  aggregate: ['全辖区汇总', 'Jurisdiction-wide aggregate'],
};

export const CHECK_RULES: Record<string, Bi> = {
  'applications.balance': ['申请数勾稽关系（一＋二＝三（七）＋四）', 'Request balance (I + II = III(7) + IV)'],
  'applications.row_sum': ['各类申请人之和等于总计', 'Applicant columns add up to the total'],
  'applications.outcome_sum': ['各项办理结果之和等于（七）总计', 'Outcomes add up to III(7) total'],
  'reviews.total': ['复议、诉讼各项之和等于总计', 'Review/litigation outcomes add up to the total'],
};

export const APPLICANTS_EN: Record<ApplicantColumn, string> = {
  natural_person: 'Natural persons',
  commercial_enterprise: 'Commercial enterprises',
  research_institution: 'Research institutions',
  social_welfare_org: 'Public-welfare organisations',
  legal_service_org: 'Legal service organisations',
  other_org: 'Other',
  total: 'Total',
};

export const APPLICANT_LABELS = Object.fromEntries(
  Object.entries(APPLICANT_COLUMN_LABELS).map(([k, zh]) => [k, [zh, APPLICANTS_EN[k as ApplicantColumn]]]),
) as unknown as Record<ApplicantColumn, Bi>;

/** English for each part of table 三's labels (group labels and row labels). */
export const APPLICATION_PARTS_EN: Record<string, string> = {
  '一、本年新收政府信息公开申请数量': 'I. New requests received this year',
  '二、上年结转政府信息公开申请数量': 'II. Requests carried over from last year',
  '三、本年度办理结果': 'III. Outcomes this year',
  '（一）予以公开': '(1) Granted',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）': '(2) Partially granted',
  '（三）不予公开': '(3) Denied',
  '1.属于国家秘密': '1. State secret',
  '2.其他法律行政法规禁止公开': '2. Prohibited by other laws',
  '3.危及“三安全一稳定”': '3. Endangers security or stability',
  '4.保护第三方合法权益': "4. Third parties' rights",
  '5.属于三类内部事务信息': '5. Internal affairs',
  '6.属于四类过程性信息': '6. Process information',
  '7.属于行政执法案卷': '7. Enforcement file',
  '8.属于行政查询事项': '8. Administrative query',
  '（四）无法提供': '(4) Cannot be provided',
  '1.本机关不掌握相关政府信息': '1. Not held by this agency',
  '2.没有现成信息需要另行制作': '2. Would have to be created',
  '3.补正后申请内容仍不明确': '3. Still unclear after correction',
  '（五）不予处理': '(5) Not processed',
  '1.信访举报投诉类申请': '1. Petition or complaint',
  '2.重复申请': '2. Duplicate request',
  '3.要求提供公开出版物': '3. Asks for a publication',
  '4.无正当理由大量反复申请': '4. Excessive repeated requests',
  '5.要求行政机关确认或重新出具已获取信息': '5. Asks to confirm or reissue information',
  '（六）其他处理': '(6) Other handling',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请': '1. No correction in time',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请': '2. Fee not paid in time',
  '3.其他': '3. Other',
  '（七）总计': '(7) Total',
  '四、结转下年度继续办理': 'IV. Carried forward to next year',
  申请人情况: 'Applicants',
  法人或其他组织: 'Legal persons or other organisations',
};

export const REVIEW_GROUP_BI = Object.fromEntries(
  Object.entries(REVIEW_GROUP_LABELS).map(([k, zh]) => [
    k,
    [
      zh,
      {
        review: 'Administrative reconsideration',
        litigation_direct: 'Litigation, direct',
        litigation_after_review: 'Litigation after reconsideration',
      }[k as ReviewGroup],
    ],
  ]),
) as unknown as Record<ReviewGroup, Bi>;

export const REVIEW_COLUMN_BI = Object.fromEntries(
  Object.entries(REVIEW_COLUMN_LABELS).map(([k, zh]) => [
    k,
    [
      zh,
      { upheld: 'Upheld', corrected: 'Corrected', other: 'Other result', pending: 'Pending', total: 'Total' }[
        k as ReviewColumn
      ],
    ],
  ]),
) as unknown as Record<ReviewColumn, Bi>;

const PROACTIVE_ROWS_EN: Record<string, string> = {
  regulations: 'Rules',
  normative_documents: 'Normative documents',
  licensing: 'Administrative licensing',
  other_services: 'Other external services',
  penalty: 'Administrative penalties',
  coercion: 'Administrative coercion',
  fees: 'Administrative fees',
  procurement: 'Centralised procurement',
};
const PROACTIVE_COLUMNS_EN: Record<string, string> = {
  new_made: 'Made this year',
  new_published: 'Published this year',
  total_published: 'Total published',
  prev_items: 'Items last year',
  change: 'Change this year',
  decisions: 'Decisions',
  items: 'Procurement items',
  amount_wan_yuan: 'Amount (10,000 yuan)',
  amount_raw: 'Amount as printed',
  issued: 'Issued this year',
  repealed: 'Repealed this year',
  in_force: 'In force',
};
export const PROACTIVE_ROW_BI = Object.fromEntries(
  Object.entries(PROACTIVE_ROW_LABELS).map(([k, zh]) => [k, [zh, PROACTIVE_ROWS_EN[k] ?? k]]),
) as Record<string, Bi>;
export const PROACTIVE_COLUMN_BI = Object.fromEntries(
  Object.entries(PROACTIVE_COLUMN_LABELS).map(([k, zh]) => [k, [zh, PROACTIVE_COLUMNS_EN[k] ?? k]]),
) as Record<string, Bi>;

/** Outcome categories of the outcome-share chart, in form order. */
export const OUTCOME_CATEGORIES: { key: string; label: Bi; prefix: string[] }[] = [
  { key: 'granted', label: ['公开', 'Granted'], prefix: ['granted'] },
  { key: 'partial', label: ['部分公开', 'Partially granted'], prefix: ['partially_granted'] },
  { key: 'denied', label: ['不予公开', 'Denied'], prefix: ['denied_'] },
  { key: 'unable', label: ['无法提供', 'Cannot provide'], prefix: ['unable_'] },
  { key: 'rejected', label: ['不予处理', 'Not processed'], prefix: ['rejected_'] },
];

export const PROVINCES_EN: Record<string, string> = {
  北京市: 'Beijing',
  天津市: 'Tianjin',
  河北省: 'Hebei',
  山西省: 'Shanxi',
  内蒙古自治区: 'Inner Mongolia',
  辽宁省: 'Liaoning',
  吉林省: 'Jilin',
  黑龙江省: 'Heilongjiang',
  上海市: 'Shanghai',
  江苏省: 'Jiangsu',
  浙江省: 'Zhejiang',
  安徽省: 'Anhui',
  福建省: 'Fujian',
  江西省: 'Jiangxi',
  山东省: 'Shandong',
  河南省: 'Henan',
  湖北省: 'Hubei',
  湖南省: 'Hunan',
  广东省: 'Guangdong',
  广西壮族自治区: 'Guangxi',
  海南省: 'Hainan',
  重庆市: 'Chongqing',
  四川省: 'Sichuan',
  贵州省: 'Guizhou',
  云南省: 'Yunnan',
  西藏自治区: 'Tibet',
  陕西省: 'Shaanxi',
  甘肃省: 'Gansu',
  青海省: 'Qinghai',
  宁夏回族自治区: 'Ningxia',
  新疆维吾尔自治区: 'Xinjiang',
  台湾省: 'Taiwan',
  香港特别行政区: 'Hong Kong',
  澳门特别行政区: 'Macao',
};

export const UNKNOWN_PROVINCE: Bi = ['未注明省份', 'Province unknown'];

export function provinceLabel(name: string | null): Bi {
  return name === null ? UNKNOWN_PROVINCE : [name, PROVINCES_EN[name] ?? name];
}
