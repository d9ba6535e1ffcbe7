// Both label sets of the site: Chinese first, English beside it. The forms' labels (tables, rows,
// columns, templates, identities) are the form specs' (src/forms/).
import {
  APPLICATIONS,
  CROSS_YEAR,
  HEADLINES,
  PROACTIVE,
  REVIEWS,
  TEMPLATES as FORM_TEMPLATES,
  tableLabels,
  unnumbered,
  type Bi,
  type CrossYearSpec,
  type GridSpec,
  type IdentitySpec,
  type TableName,
  type Template,
} from '../../forms/index.js';
import type { AdminLevel, WarningCode } from '../../record.js';

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
  documentUrl: ['原文网址', 'Document on the portal'],
  archiveMissing: ['本版本未附存档文件', 'No archived copy in this version'],
  notChecked: ['未核对', 'not checked'],
  notCheckedWhy: [
    '没有可核对的数字：报告没有表格，或勾稽关系涉及的各格均为空。',
    'Nothing could be checked: the report has no tables, or every cell an identity involves is blank.',
  ],
  viaOcr: ['由 OCR 从扫描页识别', 'read by OCR from a scanned page'],
  ocrCorrected: ['OCR 数字已按勾稽关系校正', 'OCR digit corrected by the identities'],
  ocrConfidence: ['置信度', 'confidence'],
  legend: ['标记说明', 'Marks'],
  warningDetail: ['提取程序原文（英文）', "The extractor's note (English)"],
  chartData: ['下载图表数据（CSV）', "Download the chart's data (CSV)"],
  chartYear: ['年份', 'Year'],
  chartNoReport: ['无报告', 'no reports'],
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

/** A check rule's or warning code's texts: a short label and what it means, each in Chinese and English. */
export interface CodeText {
  label: Bi;
  explain: Bi;
}

const TABLE_NAMES: Record<TableName, Bi> = {
  proactive: unnumbered(PROACTIVE.title),
  applications: unnumbered(APPLICATIONS.title),
  reviews: unnumbered(REVIEWS.title),
};

/** Key → label of the rows and columns of each table, and the tables' names: how the page words a check's detail or a warning's place. */
export const TERMS: { tables: Record<string, Bi> } & Record<
  TableName,
  { rows: Record<string, Bi>; columns: Record<string, Bi> }
> = {
  tables: TABLE_NAMES,
  proactive: tableLabels('proactive'),
  applications: tableLabels('applications'),
  reviews: tableLabels('reviews'),
};

const join = (labels: Bi[], zhSep: string, enSep: string): Bi => [
  labels.map((l) => l[0]).join(zhSep),
  labels.map((l) => l[1]).join(enSep),
];

/** What an identity of a table says, from its spec: "for each column: I + II = III(7) + IV". */
function identityExplain(table: 'applications' | 'reviews', spec: GridSpec, identity: IdentitySpec): Bi {
  const terms = TERMS[table];
  const keyLabels = identity.each === 'column' ? terms.rows : terms.columns;
  // a long side (the outcome rows) by its first and last cell and its count
  const side = (s: IdentitySpec['left']): Bi => {
    const labels = s.keys.map((k) => keyLabels[k] ?? ([k, k] as Bi));
    if (labels.length <= 6) return join(labels, ' ＋ ', ' + ');
    const [first, last] = [labels[0]!, labels.at(-1)!];
    return [
      `${first[0]} ＋ … ＋ ${last[0]}（共 ${labels.length} 项）`,
      `${first[1]} + … + ${last[1]} (${labels.length} cells)`,
    ];
  };
  const [lzh, len] = side(identity.left);
  const [rzh, ren] = side(identity.right);
  const each: Bi =
    identity.each === 'column'
      ? ['每一列（申请人类别）分别核对', 'checked for each column']
      : [
          `每一行分别核对${identity.rows ? `（${identity.rows.map((r) => terms.rows[r]?.[0] ?? r).join('、')}）` : ''}`,
          `checked for each row${identity.rows ? ` (${identity.rows.map((r) => terms.rows[r]?.[1] ?? r).join(', ')})` : ''}`,
        ];
  return [
    `${TABLE_NAMES[table][0]}：${lzh} ＝ ${rzh}；${each[0]}。空格按 0 计；所涉各格均为空时不核对。`,
    `${spec.short[1][0]!.toUpperCase()}${spec.short[1].slice(1)}: ${len} = ${ren}; ${each[1]}. Blank cells count as 0; not checked when every cell involved is blank.`,
  ];
}

/** What a cross-year identity compares, from its spec. */
function crossYearExplain(table: TableName, spec: CrossYearSpec): Bi {
  const t = TERMS[table];
  if (spec.kind === 'carry') {
    const from = t.rows[spec.from] ?? [spec.from, spec.from];
    const to = t.rows[spec.to] ?? [spec.to, spec.to];
    return [
      `同一机关（名称、范围、地区相同）相邻两年各只有一份报告时，第 N 年的“${from[0]}”逐列等于第 N+1 年的“${to[0]}”。空格不比较。`,
      `For one agency (same name, scope and place) with one report in each of two consecutive years: "${from[1]}" of year N equals "${to[1]}" of year N+1, column by column. Blank cells are not compared.`,
    ];
  }
  const c = (k: string) => t.columns[k] ?? [k, k];
  const rows = join(
    spec.rows.map((r) => t.rows[r] ?? [r, r]),
    '、',
    ', ',
  );
  return [
    `同一机关相邻两年：第 N 年“${c(spec.stock)[0]}” ＋ 第 N+1 年“${c(spec.inflow)[0]}” − 第 N+1 年“${c(spec.outflow)[0]}” ＝ 第 N+1 年“${c(spec.stock)[0]}”（${rows[0]}）。空格不比较。`,
    `One agency in consecutive years: "${c(spec.stock)[1]}" of year N + "${c(spec.inflow)[1]}" of N+1 − "${c(spec.outflow)[1]}" of N+1 = "${c(spec.stock)[1]}" of N+1 (${rows[1]}). Blank cells are not compared.`,
  ];
}

/** Every check rule (the forms' identities, then the cross-year ones) → its texts, derived from the form specs. */
export const CHECK_TEXTS: Record<string, CodeText> = Object.fromEntries([
  ...APPLICATIONS.identities.map((i) => [
    i.rule,
    { label: i.label, explain: identityExplain('applications', APPLICATIONS, i) },
  ]),
  ...REVIEWS.identities.map((i) => [i.rule, { label: i.label, explain: identityExplain('reviews', REVIEWS, i) }]),
  ...CROSS_YEAR.map((c) => [c.spec.rule, { label: c.spec.label, explain: crossYearExplain(c.table, c.spec) }]),
]);

export const CHECK_RULES: Record<string, Bi> = Object.fromEntries(
  Object.entries(CHECK_TEXTS).map(([rule, t]) => [rule, t.label]),
);

/**
 * How a side of several cells is named in a check's detail ("sum of outcome rows 27"): its English
 * name, and in Chinese the number of cells it adds.
 */
export const SIDE_NAMES: Record<string, Bi> = Object.fromEntries(
  [...APPLICATIONS.identities, ...REVIEWS.identities].flatMap((i) =>
    [i.left, i.right].filter((s) => s.name).map((s) => [s.name!, [`${s.keys.length}项之和`, s.name!] as Bi]),
  ),
);

/** Every warning code of a record (src/record.ts WarningCode) → its texts. */
export const WARNING_TEXTS: Record<WarningCode, CodeText> = {
  extra_row: {
    label: ['表外行', 'Row not on the form'],
    explain: [
      '报告多印了一行表格中没有的项目（如“其他主动公开文件”），未计入。',
      'The report prints a row the form does not have (e.g. 其他主动公开文件); it is not counted.',
    ],
  },
  subtotal_row: {
    label: ['小计行', 'Subtotal row'],
    explain: [
      '报告印有“小计”行，已跳过，以免重复计算。',
      'The report prints a 小计 (subtotal) row; it was skipped so nothing is counted twice.',
    ],
  },
  signed_value: {
    label: ['带正负号的数字', 'Signed value'],
    explain: [
      '数字带有正负号或“增加/减少”字样（如“+2”“减少3”），按增减数读取。',
      'A figure printed with a sign or as an increase or decrease ("+2", "减少3"), read as a change.',
    ],
  },
  glued_digits: {
    label: ['数字粘连', 'Digits run together'],
    explain: [
      '相邻几格的数字连在一起印出（如“2729318”），已按勾稽关系拆分，请核对原文。',
      'Digits of neighbouring cells were printed run together ("2729318") and were split where the identities allow: worth a check.',
    ],
  },
  unknown_money_unit: {
    label: ['金额单位不明', 'Money unit not stated'],
    explain: [
      '金额只有数字、报告未注明单位，万元一栏留空，原文保留在“金额（原文）”中。',
      'A bare money figure whose unit the report does not state: the 万元 column stays blank and the printed text is kept.',
    ],
  },
  loose_label: {
    label: ['行名部分匹配', 'Row label matched loosely'],
    explain: [
      '表格行名被截断或改写，只按部分字样对应到表格的行，请核对原文。',
      'A row label was clipped or reworded and matched the form row only by a fragment: worth a check.',
    ],
  },
  column_by_position: {
    label: ['按位置定列', 'Column placed by position'],
    explain: [
      '该行数字少于列数，已按其在页面上的横向位置放入各列。',
      'The row prints fewer figures than columns; they were placed by their horizontal position on the page.',
    ],
  },
  placed_by_identity: {
    label: ['按勾稽关系定列', 'Placed by the identity'],
    explain: [
      '该行数字少于列数且无位置信息，按勾稽关系唯一可行的方式放入各列。',
      'The row prints fewer figures than columns and no positions; they were placed the only way the identities allow.',
    ],
  },
  ambiguous_row: {
    label: ['无法确定各数所属列', 'Row left blank: placement ambiguous'],
    explain: [
      '该行数字少于列数，无法唯一确定位置，各格留空。',
      'The row prints fewer figures than columns and no single placement fits; its cells are left blank.',
    ],
  },
  missing_row: {
    label: ['缺少表格行', 'Row not printed'],
    explain: [
      '报告没有印出表格中的这一行（或整张表），对应各格留空。',
      'The report does not print this form row (or the whole table); its cells are blank.',
    ],
  },
  unparsed_value: {
    label: ['无法识别的数值', 'Unreadable value'],
    explain: [
      '某格的内容既不是数字也不是空白，未读取。',
      'A cell holds something that is neither a number nor a blank; it was not read.',
    ],
  },
  prose_figure: {
    label: ['数字取自正文', 'Figure read from prose'],
    explain: [
      '报告没有表格，此数字摘自正文文字，请核对原文。',
      'The report has no table: the figure was read from a sentence of the text. Worth a check.',
    ],
  },
  unmapped_statistic: {
    label: ['统计表项目无对应格', 'Statistic with no matching cell'],
    explain: [
      '2019 年以前统计表中的一项在现行表格中没有含义相同的格（如起诉数量未区分是否经过复议），未计入。',
      'A figure of a pre-2019 统计表 has no cell of the same meaning on the form (e.g. litigation not split by prior reconsideration); it is not counted.',
    ],
  },
  region_ambiguous: {
    label: ['地名对应多个行政区', 'Place name ambiguous'],
    explain: [
      '报告中的地名可对应多个行政区，行政区划代码可能不准确。',
      'A place name in the report matches several divisions; the region and its code may be wrong.',
    ],
  },
  year_from_title: {
    label: ['年度取自标题', 'Year taken from the title'],
    explain: [
      '报告中没有写明统计期间，年度取自标题。',
      'The report states no statistics period; the year was taken from its title.',
    ],
  },
  ocr_text: {
    label: ['文字经 OCR 识别', 'Read by OCR'],
    explain: [
      '文件的部分页面是扫描图片，文字由 OCR 识别，数字可能有误。',
      'Pages of the document are scans read by OCR; figures may be misread.',
    ],
  },
  ocr_corrected: {
    label: ['OCR 数字已校正', 'OCR digit corrected'],
    explain: [
      'OCR 识别的一个数字已校正：只有这样读，表格的勾稽关系才成立。',
      'One OCR digit was corrected: the only one-digit reading under which the identities hold.',
    ],
  },
  missing_pages: {
    label: ['图片页缺失', 'Pages missing'],
    explain: [
      '报告以图片发布，部分图片未能下载或识别，这些页上的数字为空，请核对原文。',
      'The report was published as pictures; some of them could not be fetched or read, and the figures on those pages are blank. Worth a check.',
    ],
  },
};

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
