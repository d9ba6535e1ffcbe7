// How the three tables of a report are laid out on the page, like the official forms
// (docs/report-forms.md §3–5). Plain data, written to data/layout.js for the report page.
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  PROACTIVE_2019,
  PROACTIVE_2021,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ApplicationRow,
} from '../../record.js';
import {
  APPLICANT_LABELS,
  APPLICATION_PARTS_EN,
  PROACTIVE_COLUMN_BI,
  PROACTIVE_ROW_BI,
  REVIEW_COLUMN_BI,
  REVIEW_GROUP_BI,
  type Bi,
} from './labels.js';

/** A label cell: text in both languages, with its spans. */
export interface LabelCell {
  t: Bi;
  rs?: number;
  cs?: number;
  cls?: string;
}
/** A data cell: the path of the value in the record (e.g. `applications.granted.total`). */
export interface DataCell {
  k: string;
  cs?: number;
  raw?: string;
}
export type LayoutCell = LabelCell | DataCell;
export interface TableLayout {
  head: LabelCell[][];
  body: LayoutCell[][];
}

export type FormVariant = '2019' | '2021';

function part(zh: string): Bi {
  return [zh, APPLICATION_PARTS_EN[zh] ?? zh];
}

/** Table 三 rows shown for a form: 2019 has the single （六） row, 2021 its three sub-rows. */
export function applicationRowsFor(variant: FormVariant): ApplicationRow[] {
  return APPLICATION_ROWS.map(([k]) => k).filter((k) => (variant === '2019' ? !k.startsWith('other_') : k !== 'other'));
}

export function applicationsLayout(variant: FormVariant): TableLayout {
  const rows = applicationRowsFor(variant);
  const labelOf = new Map<string, string>(APPLICATION_ROWS);
  const outcomes = rows.filter((k) => labelOf.get(k)!.startsWith('（'));
  const groupSize = new Map<string, number>();
  for (const k of outcomes) {
    const label = labelOf.get(k)!;
    if (label.includes(' ')) {
      const g = label.split(' ')[0]!;
      groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
    }
  }
  const seen = new Set<string>();
  const body: LayoutCell[][] = rows.map((k) => {
    const label = labelOf.get(k)!;
    const cells: LayoutCell[] = [];
    if (!label.startsWith('（')) {
      cells.push({ t: part(label), cs: 3, cls: 'label' });
    } else {
      if (k === outcomes[0]) cells.push({ t: part('三、本年度办理结果'), rs: outcomes.length, cls: 'label group' });
      if (label.includes(' ')) {
        const [g, sub] = label.split(' ') as [string, string];
        if (!seen.has(g)) {
          seen.add(g);
          cells.push({ t: part(g), rs: groupSize.get(g), cls: 'label group' });
        }
        cells.push({ t: part(sub), cls: 'label' });
      } else {
        cells.push({ t: part(label), cs: 2, cls: 'label' });
      }
    }
    for (const c of APPLICANT_COLUMNS) cells.push({ k: `applications.${k}.${c}` });
    return cells;
  });
  const corner: Bi = [
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '(Per column: I + II = III + IV)',
  ];
  const head: LabelCell[][] = [
    [
      { t: corner, rs: 3, cs: 3, cls: 'corner' },
      { t: part('申请人情况'), cs: 7 },
    ],
    [
      { t: APPLICANT_LABELS.natural_person, rs: 2 },
      { t: part('法人或其他组织'), cs: 5 },
      { t: APPLICANT_LABELS.total, rs: 2 },
    ],
    APPLICANT_COLUMNS.slice(1, 6).map((c) => ({ t: APPLICANT_LABELS[c] })),
  ];
  return { head, body };
}

interface ProactiveBlock {
  banner: string;
  headers: Bi[];
  columns: string[];
  rows: string[];
}

const CONTENT: Bi = ['信息内容', 'Item'];

function proactiveBlocks(variant: FormVariant): ProactiveBlock[] {
  const col = (k: string) => PROACTIVE_COLUMN_BI[k]!;
  if (variant === '2019') {
    const items = ['prev_items', 'change', 'decisions'];
    return [
      {
        banner: '第二十条第（一）项',
        columns: [...PROACTIVE_2019.regulations],
        headers: PROACTIVE_2019.regulations.map(col),
        rows: ['regulations', 'normative_documents'],
      },
      { banner: '第二十条第（五）项', columns: items, headers: items.map(col), rows: ['licensing', 'other_services'] },
      { banner: '第二十条第（六）项', columns: items, headers: items.map(col), rows: ['penalty', 'coercion'] },
      {
        banner: '第二十条第（八）项',
        columns: [...PROACTIVE_2019.fees],
        headers: PROACTIVE_2019.fees.map(col),
        rows: ['fees'],
      },
      {
        banner: '第二十条第（九）项',
        columns: [...PROACTIVE_2019.procurement],
        headers: [col('items'), ['采购总金额（万元）', 'Total amount (10,000 yuan)']],
        rows: ['procurement'],
      },
    ];
  }
  const decisions: Bi = ['本年处理决定数量', 'Decisions this year'];
  return [
    {
      banner: '第二十条第（一）项',
      columns: [...PROACTIVE_2021.regulations],
      headers: PROACTIVE_2021.regulations.map(col),
      rows: ['regulations', 'normative_documents'],
    },
    { banner: '第二十条第（五）项', columns: ['decisions'], headers: [decisions], rows: ['licensing'] },
    { banner: '第二十条第（六）项', columns: ['decisions'], headers: [decisions], rows: ['penalty', 'coercion'] },
    {
      banner: '第二十条第（八）项',
      columns: ['amount_wan_yuan'],
      headers: [['本年收费金额（单位：万元）', 'Fees collected (10,000 yuan)']],
      rows: ['fees'],
    },
  ];
}

export function proactiveLayout(variant: FormVariant): TableLayout {
  const body: LayoutCell[][] = [];
  for (const block of proactiveBlocks(variant)) {
    body.push([
      { t: [block.banner, block.banner.replace(/第二十条第（(.)）项/, 'Art. 20 ($1)')], cs: 4, cls: 'banner' },
    ]);
    const spanLast = (i: number, n: number) => (i === n - 1 && n < 3 ? { cs: 4 - n } : {});
    body.push([
      { t: CONTENT, cls: 'label head' },
      ...block.headers.map((t, i) => ({ t, cls: 'head', ...spanLast(i, block.headers.length) })),
    ]);
    for (const row of block.rows) {
      const label: Bi =
        variant === '2021' && row === 'normative_documents'
          ? ['行政规范性文件', 'Administrative normative documents']
          : PROACTIVE_ROW_BI[row]!;
      body.push([
        { t: label, cls: 'label' },
        ...block.columns.map((c, i) => ({
          k: `proactive.${row}.${c}`,
          ...spanLast(i, block.columns.length),
          ...(c === 'amount_wan_yuan' ? { raw: `proactive.${row}.amount_raw` } : {}),
        })),
      ]);
    }
  }
  return { head: [], body };
}

export function reviewsLayout(): TableLayout {
  const head: LabelCell[][] = [
    [
      { t: REVIEW_GROUP_BI.review, cs: 5 },
      { t: ['行政诉讼', 'Administrative litigation'], cs: 10 },
    ],
    [
      ...REVIEW_COLUMNS.map((c) => ({ t: REVIEW_COLUMN_BI[c], rs: 2 })),
      { t: ['未经复议直接起诉', 'Filed directly'], cs: 5 },
      { t: ['复议后起诉', 'Filed after reconsideration'], cs: 5 },
    ],
    [...REVIEW_COLUMNS, ...REVIEW_COLUMNS].map((c) => ({ t: REVIEW_COLUMN_BI[c] })),
  ];
  const body: LayoutCell[][] = [REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => ({ k: `reviews.${g}.${c}` })))];
  return { head, body };
}

/** Everything the report page needs to draw tables, keyed by form. */
export function siteLayouts() {
  return {
    proactive: { '2019': proactiveLayout('2019'), '2021': proactiveLayout('2021') },
    applications: { '2019': applicationsLayout('2019'), '2021': applicationsLayout('2021') },
    reviews: reviewsLayout(),
  };
}
