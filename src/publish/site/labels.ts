// Both label sets of the site: Chinese first, English beside it. The forms' labels (tables, rows,
// columns, templates, identities) are the form specs' (src/forms/).
import {
  APPLICATIONS,
  CROSS_YEAR,
  HEADLINES,
  PROACTIVE,
  REVIEWS,
  TEMPLATES as FORM_TEMPLATES,
  unnumbered,
  type Bi,
  type Template,
} from '../../forms/index.js';
import type { AdminLevel } from '../../record.js';

export type { Bi };

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
  table2: PROACTIVE.title,
  table3: APPLICATIONS.title,
  table4: REVIEWS.title,
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
  chartReviews: [
    `各省${REVIEWS.short[0]}结果`,
    `${REVIEWS.short[1][0]!.toUpperCase()}${REVIEWS.short[1].slice(1)} outcomes by province`,
  ],
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
  searchAll: ['搜索机关、标题或地区（可用拼音）', 'Search agency, title or region (pinyin too)'],
  figNew: ['新收', 'New requests'],
  figProcessed: ['办结', 'Processed'],
  figShare: [`${headlineLabel('denied')}占比`, 'Share refused'],
  figReview: ['复议', 'Reconsiderations'],
  figLitigation: ['诉讼', 'Lawsuits'],
  downloadView: ['下载当前结果 CSV', 'Download these results (CSV)'],
  notChecked: ['未核对', 'not checked'],
  sortBy: ['点击排序', 'Click to sort'],
} as const satisfies Record<string, Bi>;

/** The Chinese column title of a headline figure (src/forms/headlines.ts). */
function headlineLabel(name: string): string {
  return HEADLINES.find((h) => h.name === name)!.label[0];
}

export const LEVELS: Record<AdminLevel, Bi> = {
  central: ['中央', 'Central'],
  province: ['省级', 'Province'],
  city: ['市级', 'City'],
  county: ['县级', 'County'],
  township: ['乡镇街道', 'Township'],
  department: ['部门', 'Department'],
};

export const TEMPLATES = Object.fromEntries(FORM_TEMPLATES.map((t) => [t.id, t.name])) as Record<Template, Bi>;

export const SCOPES: Record<string, Bi> = {
  agency: ['本机关', 'Own agency'],
  aggregate: ['全辖区汇总', 'Jurisdiction-wide aggregate'],
};

export const CHECK_RULES: Record<string, Bi> = Object.fromEntries(
  [...APPLICATIONS.identities, ...REVIEWS.identities, ...CROSS_YEAR.map((c) => c.spec)].map((i) => [i.rule, i.label]),
);

/**
 * Outcome categories of the outcome-share chart, in form order: the rows table 三's outcome identity
 * sums, a group of them (（三）不予公开's eight reasons) as one category.
 */
export const OUTCOME_CATEGORIES: { key: string; label: Bi; rows: string[] }[] = (() => {
  const outcome = APPLICATIONS.identities.find((i) => i.shares)!;
  const out: { key: string; label: Bi; rows: string[] }[] = [];
  for (const key of outcome.right.keys) {
    const row = APPLICATIONS.rows.find((r) => r.key === key)!;
    const group = row.group ? APPLICATIONS.groups[row.group] : undefined;
    const category = group?.parent ? row.group! : key;
    const members = [key, ...(row.parts ?? [])];
    const known = out.find((c) => c.key === category);
    if (known) known.rows.push(...members);
    else out.push({ key: category, label: unnumbered(group?.parent ? group.label : row.label), rows: members });
  }
  return out;
})();

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
