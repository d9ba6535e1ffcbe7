// The three official tables of a generated report as grids with merged cells, laid out like the
// forms in report-forms.md §3–5, with labels reworded per the report's LabelStyle (§7).
// Every renderer draws from these grids: HTML/DOCX keep the merges, text layouts expand them.
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS } from '../../src/forms/index.js';
import type { GeneratedReport, LabelStyle } from './report.js';
import { rng, type Rng } from './random.js';

export interface GridCell {
  /** Text as printed; '\n' marks a line break inside the cell; '' is a blank cell. */
  text: string;
  rowspan?: number;
  colspan?: number;
  /** A figure cell (renderers may print blanks differently, e.g. "—" in space-separated lines). */
  value?: boolean;
}
export type Grid = GridCell[][];

export interface ReportTables {
  proactive: Grid;
  applications: Grid;
  reviews: Grid;
  /** Row index in `applications` where the data rows of 三、本年度办理结果 start and end (exclusive). */
  resultRows: [number, number];
}

export function buildTables(report: GeneratedReport): ReportTables {
  const r = rng(report.renderSeed).fork('labels');
  const L = (text: string, kind: LabelKind = 'plain') => restyle(r, text, report.labels, kind);
  const applications = applicationsGrid(report, L);
  return {
    proactive: report.truth.template === '2019' ? proactive2019(report, L) : proactive2021(report, L),
    applications: applications.grid,
    reviews: reviewsGrid(report, L),
    resultRows: applications.resultRows,
  };
}

type LabelKind = 'plain' | 'short' | 'vertical' | 'numbered';
type Styler = (text: string, kind?: LabelKind) => string;

const CIRCLED = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];
const HALF: Record<string, string> = { '（': '(', '）': ')', '：': ':', '，': ', ' };

/** Applies the report's label deviations to one label, each with some probability. */
export function restyle(r: Rng, text: string, style: LabelStyle, kind: LabelKind): string {
  let t = text;
  const form = style.numbering;
  if (form && kind === 'numbered')
    t = t.replace(/^(\d)\./, (_, d: string) => (form === '①' ? CIRCLED[Number(d) - 1]! : form.replace('1', d)));
  if (style.halfWidth && r.chance(0.8))
    t = t.replace(/[（），：]/g, (c) => HALF[c]!).replace(/^\(([一二三四五六七])\)(?=\S)/, '($1) ');
  if (kind === 'vertical' && style.broken) return t.replace(/(.{2})/g, '$1\n').replace(/\n$/, '');
  if (style.spaced && r.chance(0.5)) {
    if (kind === 'short' || [...t].length <= 4) t = [...t].join(' ');
    else if (r.chance(0.5)) {
      const chars = [...t];
      const at = r.int(2, chars.length - 1);
      t = `${chars.slice(0, at).join('')} ${chars.slice(at).join('')}`;
    }
  }
  if (style.broken && r.chance(0.35) && [...t].length >= 4 && !/ |第二十条/.test(t)) {
    const chars = [...t];
    const at = r.int(2, chars.length - 2);
    t = `${chars.slice(0, at).join('')}\n${chars.slice(at).join('')}`;
  }
  return t;
}

const V = (text: string): GridCell => ({ text, value: true });
const T = (text: string, span: Partial<GridCell> = {}): GridCell => ({ text, ...span });

function article(L: Styler, item: string, synonyms: boolean, r: Rng): GridCell[] {
  const label = synonyms && r.chance(0.3) ? `第二十条第（${item}项）` : `第二十条第（${item}）项`;
  return [T(L(label), { colspan: 4 })];
}

function proactive2019(rep: GeneratedReport, L: Styler): Grid {
  const p = rep.printed.proactive;
  const r = rng(rep.renderSeed).fork('proactive');
  const syn = rep.labels.synonyms;
  const head = (...cols: string[]) => [T(L('信息内容')), ...cols.map((c) => T(L(c)))];
  const row3 = (key: string, label: string, cols: string[]) => [T(L(label)), ...cols.map((c) => V(p[key]![c]!))];
  const items = ['prev_items', 'change', 'decisions'];
  return [
    article(L, '一', syn, r),
    head('本年新制作数量', '本年新公开数量', syn && r.chance(0.5) ? '对外公开数量' : '对外公开总数量'),
    row3('regulations', '规章', ['new_made', 'new_published', 'total_published']),
    row3('normative_documents', '规范性文件', ['new_made', 'new_published', 'total_published']),
    article(L, '五', syn, r),
    head('上一年项目数量', '本年增/减', '处理决定数量'),
    row3('licensing', '行政许可', items),
    row3('other_services', '其他对外管理服务事项', items),
    article(L, '六', syn, r),
    head('上一年项目数量', '本年增/减', '处理决定数量'),
    row3('penalty', '行政处罚', items),
    row3('coercion', '行政强制', items),
    article(L, '八', syn, r),
    [T(L('信息内容')), T(L('上一年项目数量')), T(L('本年增/减'), { colspan: 2 })],
    [T(L('行政事业性收费')), V(p.fees!.prev_items!), { ...V(p.fees!.change!), colspan: 2 }],
    article(L, '九', syn, r),
    [T(L('信息内容')), T(L('采购项目数量')), T(L('采购总金额'), { colspan: 2 })],
    [T(L('政府集中采购')), V(p.procurement!.items!), { ...V(p.procurement!.amount_wan_yuan!), colspan: 2 }],
  ];
}

function proactive2021(rep: GeneratedReport, L: Styler): Grid {
  const p = rep.printed.proactive;
  const r = rng(rep.renderSeed).fork('proactive');
  const syn = rep.labels.synonyms;
  const wide = (text: string, value = false): GridCell => ({ text, colspan: 3, ...(value ? { value } : {}) });
  const cols = ['issued', 'repealed', 'in_force'];
  return [
    article(L, '一', syn, r),
    [T(L('信息内容')), T(L('本年制发件数')), T(L('本年废止件数')), T(L('现行有效件数'))],
    [T(L('规章')), ...cols.map((c) => V(p.regulations![c]!))],
    [T(L(syn && r.chance(0.5) ? '规范性文件' : '行政规范性文件')), ...cols.map((c) => V(p.normative_documents![c]!))],
    article(L, '五', syn, r),
    [T(L('信息内容')), wide(L('本年处理决定数量'))],
    [T(L('行政许可')), wide(p.licensing!.decisions!, true)],
    article(L, '六', syn, r),
    [T(L('信息内容')), wide(L('本年处理决定数量'))],
    [T(L('行政处罚')), wide(p.penalty!.decisions!, true)],
    [T(L('行政强制')), wide(p.coercion!.decisions!, true)],
    article(L, '八', syn, r),
    [T(L('信息内容')), wide(L('本年收费金额（单位：万元）'))],
    [T(L('行政事业性收费')), wide(p.fees!.amount_wan_yuan!, true)],
  ];
}

const DENIED = [
  '属于国家秘密',
  '其他法律行政法规禁止公开',
  '危及“三安全一稳定”',
  '保护第三方合法权益',
  '属于三类内部事务信息',
  '属于四类过程性信息',
  '属于行政执法案卷',
  '属于行政查询事项',
];
const UNABLE = ['本机关不掌握相关政府信息', '没有现成信息需要另行制作', '补正后申请内容仍不明确'];
const REJECTED = [
  '信访举报投诉类申请',
  '重复申请',
  '要求提供公开出版物',
  '无正当理由大量反复申请',
  '要求行政机关确认或重新出具已获取信息',
];
const OTHER_SUB = [
  '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '其他',
];

function applicationsGrid(rep: GeneratedReport, L: Styler): { grid: Grid; resultRows: [number, number] } {
  const a = rep.printed.applications;
  const values = (row: string) => APPLICANT_COLUMNS.map((c) => V(a[row as keyof typeof a]![c]));
  const r = rng(rep.renderSeed).fork('applications');
  const partial =
    rep.labels.synonyms && r.chance(0.5)
      ? '（二）部分公开'
      : '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';
  const grid: Grid = [
    [
      T(L('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), { rowspan: 3, colspan: 3 }),
      T(L('申请人情况'), { colspan: 7 }),
    ],
    [
      T(L('自然人', 'short'), { rowspan: 2 }),
      T(L('法人或其他组织'), { colspan: 5 }),
      T(L('总计', 'short'), { rowspan: 2 }),
    ],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((t) => T(L(t, 'short'))),
    [T(L('一、本年新收政府信息公开申请数量'), { colspan: 3 }), ...values('new_received')],
    [T(L('二、上年结转政府信息公开申请数量'), { colspan: 3 }), ...values('carried_over')],
  ];
  const start = grid.length;
  const group = (label: string, subs: string[], keys: string[]): GridCell[][] =>
    subs.map((s, i) => [
      ...(i === 0 ? [T(L(label), { rowspan: subs.length })] : []),
      T(L(`${i + 1}.${s}`, 'numbered')),
      ...values(keys[i]!),
    ]);
  const body: GridCell[][] = [
    [T(L('（一）予以公开'), { colspan: 2 }), ...values('granted')],
    [T(L(partial), { colspan: 2 }), ...values('partially_granted')],
    ...group('（三）不予公开', DENIED, [
      'denied_state_secret',
      'denied_law_prohibited',
      'denied_security_stability',
      'denied_third_party',
      'denied_internal_affairs',
      'denied_process_info',
      'denied_enforcement_file',
      'denied_admin_query',
    ]),
    ...group('（四）无法提供', UNABLE, ['unable_not_held', 'unable_needs_creation', 'unable_unclear']),
    ...group('（五）不予处理', REJECTED, [
      'rejected_complaint',
      'rejected_duplicate',
      'rejected_publication',
      'rejected_excessive',
      'rejected_confirmation',
    ]),
    ...(rep.variant === '2021'
      ? group('（六）其他处理', OTHER_SUB, ['other_no_correction', 'other_unpaid_fee', 'other_misc'])
      : [[T(L('（六）其他处理'), { colspan: 2 }), ...values('other')]]),
    [T(L('（七）总计'), { colspan: 2 }), ...values('total_processed')],
  ];
  body[0]!.unshift(T(L('三、本年度办理结果', 'vertical'), { rowspan: body.length }));
  grid.push(...body);
  const end = grid.length;
  grid.push([T(L('四、结转下年度继续办理'), { colspan: 3 }), ...values('carried_forward')]);
  return { grid, resultRows: [start, end] };
}

function reviewsGrid(rep: GeneratedReport, L: Styler): Grid {
  const v = rep.printed.reviews;
  const five = () => ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((t) => T(L(t, 'short')));
  return [
    [T(L('行政复议'), { colspan: 5 }), T(L('行政诉讼'), { colspan: 10 })],
    [
      ...five().map((c) => ({ ...c, rowspan: 2 })),
      T(L('未经复议直接起诉'), { colspan: 5 }),
      T(L('复议后起诉'), { colspan: 5 }),
    ],
    [...five(), ...five()],
    REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => V(v[g][c]))),
  ];
}

/** Number of grid columns (the widest row once spans are counted). */
export function gridWidth(grid: Grid): number {
  return expand(grid, { colspan: 'pad', continuation: 'blank' }).reduce((w, row) => Math.max(w, row.length), 0);
}

export interface ExpandOptions {
  /** 'pad': a colspan cell is followed by empty cells; 'one': it stays one cell. */
  colspan: 'pad' | 'one';
  /** Rows below a rowspan cell get an empty cell there ('blank') or nothing ('omit'). */
  continuation: 'blank' | 'omit';
}

/** Flattens a grid into rows of cell texts, the way text extraction lays a merged table out. */
export function expand(grid: Grid, opts: ExpandOptions): GridCell[][] {
  const pending: { col: number; left: number; span: number }[] = [];
  const out: GridCell[][] = [];
  for (const row of grid) {
    const cells: GridCell[] = [];
    let col = 0;
    let i = 0;
    const occupied = () => pending.find((p) => p.col === col && p.left > 0);
    while (i < row.length || occupied()) {
      const p = occupied();
      if (p) {
        if (opts.continuation === 'blank') {
          cells.push(T(''));
          if (opts.colspan === 'pad') for (let k = 1; k < p.span; k++) cells.push(T(''));
        }
        col += p.span;
        continue;
      }
      const c = row[i++]!;
      const span = c.colspan ?? 1;
      cells.push(c);
      if (opts.colspan === 'pad') for (let k = 1; k < span; k++) cells.push(T(''));
      if ((c.rowspan ?? 1) > 1) pending.push({ col, left: c.rowspan!, span });
      col += span;
    }
    for (const p of pending) if (p.left > 0) p.left--;
    out.push(cells);
  }
  return out;
}
