// CODEBOOK.md: every column of every file, in Chinese and English, and the rules behind them.
// Generated from the same field lists the writers use; holds no version or date, so it only
// changes when the columns do.
import {
  APPLICATIONS,
  PROACTIVE,
  REVIEWS,
  TABLE_FORMS,
  TEMPLATES,
  proactiveLayout,
  tableLabels,
  unnumbered,
  type ColumnSpec,
  type ValueType,
} from '../forms/index.js';
import { FAILURE_KINDS, HTTP_KIND_DESCRIPTION } from '../failures.js';
import { AGENCY_RULES } from './agencies.js';
import { citationText, HOMEPAGE, LICENSE, SOURCE_LICENSE } from './citation.js';
import { CSV_ENCODING } from './datapackage.js';
import type { Field } from './fields.js';
import { REGION_CODE_RULES } from './regions.js';
import { RESOURCES } from './resources.js';
import { CHECK_TEXTS, WARNING_TEXTS, type CodeText } from './site/labels.js';

const TYPES: Record<ValueType, string> = {
  count: 'count (whole number)',
  signed_count: 'signed count (a change: may be negative)',
  money: 'money in 万元 (10,000 yuan), decimal',
};

const esc = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
const fieldTable = (fields: Field[]) =>
  table(
    ['column', 'type', '中文', 'English'],
    fields.map((f) => [`\`${f.name}\``, f.type, f.zh, f.en]),
  );

const RECORD_KEYS: [string, string, string][] = [
  ['report_id', '报告编号', 'Stable id: the same document keeps it across runs and versions.'],
  ['title', '报告标题', 'Title as printed.'],
  ['agency', '报告机关', 'The reporting body.'],
  [
    'agency_id',
    '机关编号',
    'Its id in agencies.csv (see "Agencies"): the same across years, name variants and versions.',
  ],
  ['year', '报告年度', 'Year covered (statistics period first, then the title; never the publication date).'],
  ['scope', '范围', 'agency or aggregate (a whole place compiled from its units: never add both up).'],
  ['published_date', '发布日期', 'ISO date printed in the report or on its page, else null.'],
  ['region', '行政区', '{province, city, county, township, code}; code is the GB/T 2260 division code where known.'],
  ['admin_level', '机关层级', 'central, province, city, county, township, department.'],
  ['template', '报告格式', '2019, 2021, pre2019, narrative, unknown (decided by the labels present, not the year).'],
  [
    'source',
    '来源',
    '{page_url, document_url, format, sha256, fetched_at, bytes} of the document the figures come from.',
  ],
  ['proactive', '主动公开情况（表二）', 'row → column → value; money rows also carry amount_raw, the cell as printed.'],
  ['applications', '申请情况（表三）', 'row → applicant column → value.'],
  ['reviews', '复议诉讼情况（表四）', 'group → column → value.'],
  ['checks', '勾稽关系', 'The accounting identities, each {rule, ok, detail}.'],
  ['warnings', '提取警告', 'What the extractor was unsure of, each {code, where, detail}.'],
  [
    'confidence',
    '提取可信度',
    'high: every figure read from a table by its own label, its column certain, every identity holds; medium: the reading chose (loose label, split digits, placement by position or identity, prose figure, money unit) or an identity fails as printed; low: printed figures left unplaced, or an identity fails where the reading chose.',
  ],
  [
    'cells',
    '数字出处',
    'Where each filled cell of tables 二, 三, 四 was read, each {table, row, column, value, printed, via, label} and its location (page, bbox / path / line, col): the lines of cells.csv. Absent in records of extractor versions before 1.2.0.',
  ],
  ['extractor_version', '提取程序版本', 'Version of the extractor that produced the record.'],
];

/** "How to cite this version": the citation is filled in with the version's name (CITATION.cff has it too). */
function citeSection(): string[] {
  const example = citationText('<version>');
  return [
    '## How to cite this version · 引用本版本',
    '',
    'Cite the version you used, by its folder name (`datasets/<version>/`; datapackage.json `version`, CITATION.cff):',
    '请注明所用版本（版本文件夹名称，亦见 datapackage.json 的 `version` 与 CITATION.cff）：',
    '',
    `- 中文：${example.zh}`,
    `- English: ${example.en}`,
    '',
    `Each version has a stable id (datapackage.json \`id\`, a UUID made from its name) and its own CITATION.cff; the project: ${HOMEPAGE}.`,
    '',
  ];
}

export function codebookText(): string {
  const out: string[] = [
    '# Codebook · 数据说明',
    '',
    "The figures of China's 政府信息公开工作年度报告 (Open Government Information annual reports), read from the reports as published. Every file of a version, every column, and the rules behind them.",
    '',
    '## Files · 文件',
    '',
    table(
      ['file', '中文', 'what it holds'],
      [
        ...RESOURCES.map((r) => [`\`${r.path}\``, r.zh, r.description]),
        [
          '`by-province/<code>/`',
          '分省文件',
          "reports.csv, applications.csv, proactive.csv, reviews.csv and checks.csv cut by province: <code> is the GB/T 2260 province code (320000 江苏省), `none` the reports with no province (central bodies). A long table that would pass a spreadsheet's 1,048,575 rows is cut into applications-1.csv, applications-2.csv…, a report's lines kept together.",
        ],
        [
          '`ogi.metadata.json`',
          'datasette 元数据',
          'Titles, descriptions, licence and facets for `datasette ogi.sqlite --metadata ogi.metadata.json`.',
        ],
        ['`CITATION.cff`', '引用信息', 'How to cite this version (Citation File Format 1.2.0).'],
        [
          '`datapackage.json`',
          '数据包描述',
          'Frictionless Data Package: every data file with its size, sha256 and column types.',
        ],
        ['`CODEBOOK.md`', '数据说明', 'This file.'],
        [
          '`CHANGELOG.md`',
          '更新说明',
          'Reports added, removed and changed (naming the fields) since the previous version.',
        ],
        ['`SHA256SUMS`', '校验值', 'sha256 of every file of the version: `sha256sum -c SHA256SUMS`.'],
        [
          '`site/`',
          '浏览页面',
          'A static page to look at the reports before downloading (open `site/index.html`), when built.',
        ],
      ],
    ),
    '',
    '## Rules · 规则',
    '',
    '- **Blank is not zero.** A cell the report leaves blank, prints as "—", "/" or "无", or does not have is blank (empty in CSV, null in JSON and Parquet). `0` means the report says zero. 空白不等于零。',
    '- **Sums of rows** (`denied`, `unable`, `rejected`, `other_processing`, `litigation_*` in reports.csv) add the rows the report prints and are blank only when none is printed.',
    '- **scope**: `aggregate` reports (a whole province, city or county) already include the `agency` reports of its units. Never add the two up.',
    '- **Money** is in 万元 (10,000 yuan). The 2019 form prints no unit: a bare non-zero number there stays blank in the 万元 column, and its printed text is kept (`value_raw` in proactive.csv, `amount_raw` in reports.jsonl).',
    `- **CSV**: UTF-8, comma-separated, CRLF line ends, quoted as RFC 4180. Every CSV starts with a byte order mark so Excel shows the Chinese (declared as \`${CSV_ENCODING}\` in datapackage.json). A text cell that starts with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return gets a leading apostrophe (\`'\`) so spreadsheets show it rather than run it as a formula; numbers are never changed (a negative change stays \`-3\`).`,
    '- **Long tables**: the CSVs name each row and column by its key (`new_received`, `natural_person`), the Parquet files by an integer code (`row_code`, `column_code`); labels.csv / labels.parquet give both with the Chinese and English labels. A code holds within one version; the key holds across versions.',
    '- **Order**: every file is sorted by `report_id` (then row and column in form order). The same input gives byte-identical files, except ogi.duckdb, whose tables hold the same rows but whose bytes DuckDB lays out anew each time.',
    '- **Failed checks are findings.** A report whose own numbers do not add up is published as printed; checks.csv lists what fails.',
    '- **Cross-year checks** compare one agency (one `agency_id`: same scope, place and normalised name) in year N and N+1 when each year has exactly one report: `carried_forward` of N against `carried_over` of N+1 per applicant column, and, on the 2021 form, `in_force` of N + `issued` − `repealed` of N+1 against `in_force` of N+1 for regulations and normative documents. Blank cells are not compared.',
    '',
    '## Versions · 版本',
    '',
    '- Each version is a folder `datasets/<YYYY-MM-DD>/` (a second version the same day is `<date>.1`, then `.2`…). A version is never changed after it is published.',
    '- `datasets/latest` is a symbolic link to the newest complete version. `datasets/latest.txt` holds the same version name on one line, for copies of the folder that do not keep symbolic links (web servers, zip files, Windows).',
    '- A version is built in a hidden temporary folder and renamed into place when complete; `latest` is moved last. A publish that fails or is stopped leaves every earlier version and `latest` as they were.',
    "- A publish whose data files would be identical to the latest version's writes no new version.",
    `- Licence: [${LICENSE.title}](${LICENSE.path}) (${LICENSE.name}). The reports read: ${SOURCE_LICENSE.title}.`,
    '',
    ...citeSection(),
  ];
  for (const r of RESOURCES) {
    if (r.format === 'parquet') continue;
    out.push(`## ${r.path} · ${r.zh}`, '', r.description, '');
    if (r.path === 'reports.csv') out.push('reports.parquet has the same columns, typed.', '');
    if (r.path === 'cells.csv')
      out.push(
        'cells.parquet has the same columns, typed. 每个数字都可以追溯到原文：PDF 的页码和位置框、网页（DOCX）中的元素路径、文本的行号和列号。A cell read by a loose row label (`label` = loose) or from prose (`via` = prose) deserves a look at the document.',
        '',
      );
    if (r.fields) out.push(fieldTable(r.fields), '');
    if (r.path === 'reports.jsonl')
      out.push(
        table(
          ['key', '中文', 'English'],
          RECORD_KEYS.map(([k, zh, en]) => [`\`${k}\``, zh, en]),
        ),
        '',
      );
  }
  const code = (k: string) => `\`${k}\``;
  const rowsOf = (t: 'applications' | 'reviews') => {
    const l = tableLabels(t);
    return Object.entries(l.rows).map(([k, [zh, en]]) => [code(k), zh, en]);
  };
  const columnsOf = (columns: readonly ColumnSpec[]) =>
    columns.flatMap((c) => [
      [code(c.key), c.label[0], c.label[1], TYPES[c.type]],
      ...(c.raw ? [[code(c.raw.key), c.raw.label[0], c.raw.label[1], 'text as printed']] : []),
    ]);
  const subtotals = APPLICATIONS.rows
    .filter((r) => r.parts?.length)
    .map(
      (r) =>
        `${code(r.key)} is the subtotal of ${r.parts!.map(code).join(', ')} on forms that print them (the sum of them when the report prints only the parts); forms without them print ${code(r.key)} alone.`,
    );
  out.push(
    '## Agencies · 报告机关',
    '',
    ...AGENCY_RULES,
    '',
    '## Region codes · 区划代码',
    '',
    ...REGION_CODE_RULES,
    '',
    '## Forms · 格式',
    '',
    'The `template` of a record: the form the report follows. Every key below comes from the form specs in `src/forms/`.',
    '',
    table(
      ['template', '中文', 'English'],
      TEMPLATES.map((t) => [code(t.id), t.name[0], t.name[1]]),
    ),
    '',
    '## Table keys · 表格行列',
    '',
    `### applications (${unnumbered(APPLICATIONS.title)[0]}): rows · 行`,
    '',
    table(['row', '中文', 'English'], rowsOf('applications')),
    '',
    ...subtotals,
    '',
    `### applications (${unnumbered(APPLICATIONS.title)[0]}): columns · 列`,
    '',
    table(['column', '中文', 'English', 'type'], columnsOf(APPLICATIONS.columns)),
    '',
    `### proactive (${unnumbered(PROACTIVE.title)[0]})`,
    '',
    table(
      ['row', '中文', 'English', ...TABLE_FORMS.map((f) => `${f.name[1]} columns`)],
      PROACTIVE.rows.map((r) => [
        code(r.key),
        r.label[0],
        r.label[1],
        ...TABLE_FORMS.map((f) => (proactiveLayout(f)[r.key] ?? []).map(code).join(', ')),
      ]),
    ),
    '',
    table(['column', '中文', 'English', 'type'], columnsOf(PROACTIVE.columns)),
    '',
    `### reviews (${unnumbered(REVIEWS.title)[0]})`,
    '',
    table(['row (group)', '中文', 'English'], rowsOf('reviews')),
    '',
    table(['column', '中文', 'English', 'type'], columnsOf(REVIEWS.columns)),
    '',
    ...checkAndWarningSections(),
    '## Failure kinds · 失败原因',
    '',
    'Every value of the `kind` column of failures.csv.',
    '',
    table(
      ['kind', '中文', 'English'],
      [
        ['`http_<status>`', HTTP_KIND_DESCRIPTION.zh, HTTP_KIND_DESCRIPTION.en],
        ...Object.entries(FAILURE_KINDS).map(([k, d]) => [`\`${k}\``, d.zh, d.en]),
      ],
    ),
    '',
  );
  return out.join('\n');
}

/**
 * The codebook's sections on checks and warnings: every check rule (the forms' identities and the
 * cross-year ones) and every warning code, in Chinese and English, with what each means — the
 * texts the report pages show (src/publish/site/labels.ts).
 */
export function checkAndWarningSections(): string[] {
  const rows = (texts: Record<string, CodeText>) =>
    Object.entries(texts).map(([k, t]) => [`\`${k}\``, t.label[0], t.label[1], t.explain[0], t.explain[1]]);
  return [
    '## Accounting identities · 勾稽关系',
    '',
    "The `rule` of a record's `checks` and of checks.csv. Blank cells count as 0; an identity whose cells are all blank is not checked. A report on which no identity could be checked (no tables, or every cell involved blank) has no checks: the site shows it as “— 未核对 / not checked”, never as passing.",
    '',
    table(['rule', '中文', 'English', '说明', 'meaning'], rows(CHECK_TEXTS)),
    '',
    '## Extraction warnings · 提取提示',
    '',
    "The `code` of a record's `warnings`: what the extractor was unsure of. `where` names the table, row and column (`applications.new_received.total`), or the label as printed after a colon (`applications:小计`).",
    '',
    table(['code', '中文', 'English', '说明', 'meaning'], rows(WARNING_TEXTS)),
    '',
    '## Archived documents · 存档文件',
    '',
    "Each report's document as it was fetched, named by its SHA-256 (the `sha256` of reports.csv) and its format: `sources/<sha256>.<ext>` (`pdf`, `html`, `docx`, `doc`, `txt`, or the picture's type). 每份报告的原始文件按 SHA-256 命名存档，即使门户网站改版或删除，也能核对原文。They are in the version folder, listed in SHA256SUMS; a version published with `--sources separate` keeps them in the companion folder `<version>-sources/` beside it, with the same names; with `--sources none` there are none. The report pages link them as “存档文件 / Archived document”, and the portal's address separately.",
    '',
  ];
}
