// The charts of charts.html, computed at build time and drawn as inline SVG (no library, no CDN).
// Every bar is a <rect class="bar" data-chart data-key data-series data-value> so tests can count them.
// Each chart is drawn twice, for wide screens (svg.wide, 760 units) and for phones (svg.narrow,
// 340 units, labels stacked over their bars), so neither is ever scaled down to unreadable text;
// CSS shows one. Years sit on a time axis (a missing year is a gap), values on an axis with
// thousands separators, and each chart's data is a CSV file beside it (data/chart-<id>.csv, with BOM).
import { REVIEW_GROUPS, REVIEWS, type ReviewColumn } from '../../forms/index.js';
import type { ReportRecord } from '../../record.js';
import { csvText, type CsvValue } from '../csvfile.js';
import { esc } from './html.js';
import { LEVELS, OUTCOME_CATEGORIES, UI, provinceLabel, type Bi } from './labels.js';
import { provinceOrder } from './shards.js';

const COLORS = ['#2f6db5', '#6aa84f', '#e69138', '#c0504d', '#8e7cc3', '#7f7f7f'];
/** The two drawings of each chart: viewBox widths in SVG units (1 unit = 1 CSS px at full size). */
const LAYOUTS = { wide: 760, narrow: 340 } as const;
type Layout = keyof typeof LAYOUTS;
const FONT = 12;

const THOUSANDS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
/** A value as the axis and the labels print it: thousands separators ("12,345"). */
export const formatValue = (n: number) => THOUSANDS.format(n);

/** Width of a text at the chart font: CJK characters a full em, others about 0.6 em. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? FONT : FONT * 0.6;
  return w;
}
const biWidth = ([zh, en]: Bi) => Math.max(textWidth(zh), textWidth(en));

function biText(x: number, y: number, [zh, en]: Bi, attrs = '', cls = ''): string {
  const c = cls ? ` ${cls}` : '';
  return `<text x="${round(x)}" y="${round(y)}" ${attrs} class="zh${c}">${esc(zh)}</text><text x="${round(x)}" y="${round(y)}" ${attrs} class="en${c}">${esc(en)}</text>`;
}

/** The legend in each language, wrapping to new lines within the width; its drawing and its height (the taller one). */
function legend(series: { label: Bi }[], width: number, y0: number): { svg: string; height: number } {
  let height = 0;
  let out = '';
  ([0, 1] as const).forEach((lang) => {
    let x = 10;
    let y = y0;
    let g = '';
    series.forEach((s, i) => {
      const w = 16 + textWidth(s.label[lang]) + 14;
      if (x > 10 && x + w > width) {
        x = 10;
        y += 18;
      }
      g += `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 16}" y="${y}">${esc(s.label[lang])}</text>`;
      x += w;
    });
    out += `<g class="${lang === 0 ? 'zh' : 'en'}">${g}</g>`;
    height = Math.max(height, y - y0 + 20);
  });
  return { svg: out, height };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Round axis steps: 1, 2, 2.5, 5 × 10^k, about `count` of them up to max. */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // counts: whole steps only (no 2.5 between 0 and 5)
  const step = [1, 2, 5, 10].map((m) => Math.max(1, m * mag)).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = 0; t < max + step - 1e-9; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}

function bar(
  chart: string,
  key: string,
  series: string,
  value: number,
  x: number,
  y: number,
  w: number,
  h: number,
  color: string,
  title: string,
): string {
  return `<rect class="bar" data-chart="${chart}" data-key="${esc(key)}" data-series="${esc(series)}" data-value="${value}" x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" fill="${color}"><title>${esc(title)}</title></rect>`;
}

function svg(layout: Layout, height: number, body: string, label: Bi): string {
  return `<svg class="${layout}" viewBox="0 0 ${LAYOUTS[layout]} ${round(height)}" role="img" aria-label="${esc(label[0])}" xmlns="http://www.w3.org/2000/svg" style="max-width:${LAYOUTS[layout]}px">${body}</svg>`;
}

function figure(id: string, title: Bi, drawings: string, csvFile?: string, note?: Bi): string {
  const n = note
    ? `<p class="note"><span class="zh">${esc(note[0])}</span><span class="en" lang="en">${esc(note[1])}</span></p>`
    : '';
  const data = csvFile
    ? `<p class="chart-data"><a href="${esc(csvFile)}" download><span class="zh">${esc(UI.chartData[0])}</span><span class="en" lang="en">${esc(UI.chartData[1])}</span></a></p>`
    : '';
  return `<figure class="chart" id="chart-${id}"><figcaption><span class="zh">${esc(title[0])}</span><span class="en" lang="en">${esc(title[1])}</span></figcaption>${drawings}${n}${data}</figure>`;
}

/**
 * Vertical bars on a time axis: one stack per year, placed by the year (a year without data is a
 * gap, its tick still drawn), a value axis with thousands separators.
 */
function timeColumns(
  chart: string,
  layout: Layout,
  years: number[],
  series: { key: string; label: Bi }[],
  values: number[][],
  title: Bi,
): string {
  const width = LAYOUTS[layout];
  const lg = series.length > 1 ? legend(series, width, 14) : { svg: '', height: 0 };
  const top = lg.height + 22;
  const plot = layout === 'wide' ? 220 : 180;
  const totals = values.map((v) => v.reduce((s, x) => s + x, 0));
  const ticks = niceTicks(Math.max(1, ...totals));
  const vmax = ticks.at(-1)!;
  const left = Math.max(...ticks.map((t) => textWidth(formatValue(t)))) + 12;
  const first = Math.min(...years);
  const last = Math.max(...years);
  const unit = (width - left - 8) / (last - first + 1);
  const w = Math.min(48, unit * 0.7);
  const yOf = (v: number) => top + plot - (v / vmax) * plot;
  let body = lg.svg;
  for (const t of ticks) {
    body += `<line class="grid" x1="${left}" y1="${round(yOf(t))}" x2="${width - 8}" y2="${round(yOf(t))}" stroke="#e3e6ea"/>`;
    body += `<text class="axis value-tick" x="${left - 6}" y="${round(yOf(t) + 4)}" text-anchor="end">${formatValue(t)}</text>`;
  }
  const label = Math.ceil(40 / unit); // label every year, or every 2nd, 5th… when years are narrow
  for (let year = first; year <= last; year++) {
    const cx = left + (year - first + 0.5) * unit;
    const i = years.indexOf(year);
    if ((year - first) % label === 0 || i >= 0)
      body += `<text class="axis year-tick${i < 0 ? ' gap' : ''}" data-year="${year}" x="${round(cx)}" y="${top + plot + 16}" text-anchor="middle">${year}</text>`;
    if (i < 0) continue;
    let y = top + plot;
    values[i]!.forEach((v, s) => {
      const h = (v / vmax) * plot;
      y -= h;
      body += bar(
        chart,
        String(year),
        series[s]!.key,
        v,
        cx - w / 2,
        y,
        w,
        h,
        COLORS[s % COLORS.length]!,
        `${year} · ${series[s]!.label.join(' ')}: ${formatValue(v)}`,
      );
    });
    if (textWidth(formatValue(totals[i]!)) < unit)
      body += `<text x="${round(cx)}" y="${round(y - 4)}" text-anchor="middle" class="value">${formatValue(totals[i]!)}</text>`;
  }
  body += `<line x1="${left}" y1="${top + plot}" x2="${width - 8}" y2="${top + plot}" stroke="#999"/>`;
  body += `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plot}" stroke="#999"/>`;
  return svg(layout, top + plot + 26, body, title);
}

/**
 * Horizontal stacked bars, one line per (row label, sub-bar); `share` scales each line to 100 %.
 * Wide: labels left of the bars; narrow: each label on its own line above its bars.
 */
function lines(
  chart: string,
  layout: Layout,
  rows: { key: string; label: Bi; bars: { key: string; label?: Bi; values: number[] }[] }[],
  series: { key: string; label: Bi }[],
  share: boolean,
  title: Bi,
): string {
  const width = LAYOUTS[layout];
  const wide = layout === 'wide';
  const subW = rows.some((r) => r.bars.some((b) => b.label))
    ? Math.max(...rows.flatMap((r) => r.bars.map((b) => (b.label ? biWidth(b.label) : 0)))) + 8
    : 0;
  const labelW = wide ? Math.min(170, Math.max(...rows.map((r) => biWidth(r.label))) + 12) : 0;
  const x0 = 8 + labelW + subW;
  const right = wide ? 70 : 10;
  const plot = width - x0 - right;
  const lineH = 18;
  const lg = legend(series, width, 14);
  const max = Math.max(1, ...rows.flatMap((r) => r.bars.map((b) => b.values.reduce((s, x) => s + x, 0))));
  const ticks = share ? [0, 25, 50, 75, 100] : niceTicks(max, wide ? 5 : 3);
  const vmax = share ? 100 : ticks.at(-1)!;
  let y = lg.height + 26;
  let body = lg.svg;
  const axisY = y - 6;
  ticks.forEach((t, i) => {
    const x = x0 + (t / vmax) * plot;
    const anchor = i === 0 ? 'start' : i === ticks.length - 1 && !wide ? 'end' : 'middle';
    body += `<text class="axis value-tick" x="${round(x)}" y="${axisY}" text-anchor="${anchor}">${share ? `${t}%` : formatValue(t)}</text>`;
  });
  const gridTop = y;
  for (const row of rows) {
    const rowTotal = row.bars.reduce((s, b) => s + b.values.reduce((a, x) => a + x, 0), 0);
    if (wide) body += biText(x0 - subW - 8, y + 13, row.label, 'text-anchor="end"');
    else {
      body += biText(8, y + 13, [
        `${row.label[0]} · ${formatValue(rowTotal)}`,
        `${row.label[1]} · ${formatValue(rowTotal)}`,
      ]);
      y += lineH;
    }
    for (const b of row.bars) {
      const total = b.values.reduce((s, x) => s + x, 0);
      if (b.label) body += biText(x0 - subW, y + 13, b.label, '', 'sub');
      let x = x0;
      b.values.forEach((v, s) => {
        const w = share ? (total ? (v / total) * plot : 0) : (v / vmax) * plot;
        const pct = total ? ` (${((v / total) * 100).toFixed(1)}%)` : '';
        body += bar(
          chart,
          `${row.key}|${b.key}`,
          series[s]!.key,
          v,
          x,
          y + 2,
          w,
          lineH - 4,
          COLORS[s % COLORS.length]!,
          `${row.label.join(' ')} · ${b.label ? `${b.label.join(' ')} · ` : ''}${series[s]!.label.join(' ')}: ${formatValue(v)}${pct}`,
        );
        x += w;
      });
      if (wide) body += `<text x="${round(x + 4)}" y="${y + 13}" class="value">${formatValue(total)}</text>`;
      y += lineH;
    }
    y += wide ? 4 : 8;
  }
  for (const t of ticks) {
    const x = round(x0 + (t / vmax) * plot);
    body = `<line class="grid" x1="${x}" y1="${gridTop}" x2="${x}" y2="${round(y)}" stroke="#e3e6ea"/>${body}`;
  }
  return svg(layout, y + 6, body, title);
}

/** Both drawings of a chart. */
const both = (draw: (layout: Layout) => string) => draw('wide') + draw('narrow');

export interface ChartData {
  applications: { years: number[]; values: number[][] };
  outcomes: { key: string; label: Bi; values: number[] }[];
  reviews: { key: string; label: Bi; review: number[]; litigation: number[] }[];
  coverage: { years: number[]; levels: string[]; values: number[][] };
}

/** Table 四's outcome columns: the parts its identity sums. */
const PARTS = REVIEWS.identities[0]!.right.keys as ReviewColumn[];

/** Which outcome category a table 三 row belongs to, or -1. */
function category(row: string): number {
  return OUTCOME_CATEGORIES.findIndex((c) => c.rows.includes(row));
}

/** One pass over the records: per-year, per-province and per-level sums. */
export function chartData(records: ReportRecord[]): ChartData {
  const received = new Map<number, number>();
  const outcomes = new Map<string | null, number[]>();
  const reviews = new Map<string | null, { review: number[]; litigation: number[] }>();
  const coverage = new Map<string, number>();
  const years = new Set<number>();
  const levelsSeen = new Set<string>();
  const categories = new Map<string, number>();
  for (const r of records) {
    if (r.duplicate_of) continue; // the same report published twice counts once
    if (r.year !== null) years.add(r.year);
    if (r.admin_level) levelsSeen.add(r.admin_level);
    if (r.year !== null && r.admin_level)
      coverage.set(`${r.year}|${r.admin_level}`, (coverage.get(`${r.year}|${r.admin_level}`) ?? 0) + 1);
    if (r.scope !== 'agency') continue;
    const p = r.region.province;
    const apps = r.applications;
    if (apps) {
      const total = apps.new_received?.total;
      if (r.year !== null && typeof total === 'number') received.set(r.year, (received.get(r.year) ?? 0) + total);
      const o = outcomes.get(p) ?? new Array<number>(OUTCOME_CATEGORIES.length).fill(0);
      outcomes.set(p, o);
      for (const [row, cells] of Object.entries(apps)) {
        if (!categories.has(row)) categories.set(row, category(row));
        const c = categories.get(row)!;
        if (c >= 0 && typeof cells?.total === 'number') o[c]! += cells.total;
      }
    }
    if (r.reviews) {
      const rv = reviews.get(p) ?? { review: [0, 0, 0, 0], litigation: [0, 0, 0, 0] };
      reviews.set(p, rv);
      for (const g of REVIEW_GROUPS) {
        const target = g === 'review' ? rv.review : rv.litigation;
        PARTS.forEach((c, i) => (target[i]! += r.reviews![g]?.[c] ?? 0));
      }
    }
  }
  const sortedYears = [...years].sort((a, b) => a - b);
  const appYears = sortedYears.filter((y) => received.has(y));
  const provinces = provinceOrder(records.map((r) => r.region.province));
  const levels = Object.keys(LEVELS).filter((l) => levelsSeen.has(l));
  return {
    applications: { years: appYears, values: appYears.map((y) => [received.get(y)!]) },
    outcomes: provinces
      .filter((p) => outcomes.get(p)?.some((v) => v > 0))
      .map((p) => ({ key: p ?? '', label: provinceLabel(p), values: outcomes.get(p)! })),
    reviews: provinces
      .filter((p) => [...(reviews.get(p)?.review ?? []), ...(reviews.get(p)?.litigation ?? [])].some((v) => v > 0))
      .map((p) => ({ key: p ?? '', label: provinceLabel(p), ...reviews.get(p)! })),
    coverage: {
      years: sortedYears,
      levels,
      values: sortedYears.map((y) => levels.map((l) => coverage.get(`${y}|${l}`) ?? 0)),
    },
  };
}

const REVIEW_SERIES: { key: string; label: Bi }[] = PARTS.map((key) => ({
  key,
  label: REVIEWS.columns.find((c) => c.key === key)!.label,
}));

const NEW_RECEIVED = [{ key: 'new_received', label: ['本年新收', 'New requests'] as Bi }];

/** A chart's data file: its name in the site and its CSV (UTF-8 with BOM, header of keys). */
export interface ChartFile {
  file: string;
  rows: CsvValue[][];
}

/** Each chart's data as the rows of its CSV: exactly the values its bars show. */
export function chartTables(d: ChartData): Record<'applications' | 'outcomes' | 'reviews' | 'coverage', CsvValue[][]> {
  return {
    applications: [['year', 'new_received'], ...d.applications.years.map((y, i) => [y, d.applications.values[i]![0]!])],
    outcomes: [
      ['province', 'province_en', ...OUTCOME_CATEGORIES.map((c) => c.key)],
      ...d.outcomes.map((o) => [o.label[0], o.label[1], ...o.values]),
    ],
    reviews: [
      ['province', 'province_en', 'group', ...PARTS],
      ...d.reviews.flatMap((r) => [
        [r.label[0], r.label[1], 'review', ...r.review],
        [r.label[0], r.label[1], 'litigation', ...r.litigation],
      ]),
    ],
    coverage: [['year', ...d.coverage.levels], ...d.coverage.years.map((y, i) => [y, ...d.coverage.values[i]!])],
  };
}

/** The four charts as HTML figures, and the CSV file of each chart's data (paths relative to site/). */
export function renderCharts(records: ReportRecord[]): { html: string; files: { name: string; text: string }[] } {
  const d = chartData(records);
  const tables = chartTables(d);
  const files: { name: string; text: string }[] = [];
  const csv = (id: keyof typeof tables) => {
    const name = `data/chart-${id}.csv`;
    files.push({ name, text: csvText(tables[id], true) });
    return name;
  };
  const empty = (title: Bi) => figure('empty', title, `<p class="empty">${esc('无数据')} / No data</p>`);
  const out: string[] = [];
  out.push(
    d.applications.years.length
      ? figure(
          'applications',
          UI.chartApplications,
          both((l) =>
            timeColumns(
              'applications',
              l,
              d.applications.years,
              NEW_RECEIVED,
              d.applications.values,
              UI.chartApplications,
            ),
          ),
          csv('applications'),
          UI.agencyOnly,
        )
      : empty(UI.chartApplications),
  );
  out.push(
    d.outcomes.length
      ? figure(
          'outcomes',
          UI.chartOutcomes,
          both((l) =>
            lines(
              'outcomes',
              l,
              d.outcomes.map((o) => ({ key: o.key, label: o.label, bars: [{ key: 'all', values: o.values }] })),
              OUTCOME_CATEGORIES,
              true,
              UI.chartOutcomes,
            ),
          ),
          csv('outcomes'),
          UI.agencyOnly,
        )
      : empty(UI.chartOutcomes),
  );
  out.push(
    d.reviews.length
      ? figure(
          'reviews',
          UI.chartReviews,
          both((l) =>
            lines(
              'reviews',
              l,
              d.reviews.map((o) => ({
                key: o.key,
                label: o.label,
                bars: [
                  { key: 'review', label: UI.reviewBar, values: o.review },
                  { key: 'litigation', label: UI.litigationBar, values: o.litigation },
                ],
              })),
              REVIEW_SERIES,
              false,
              UI.chartReviews,
            ),
          ),
          csv('reviews'),
          UI.agencyOnly,
        )
      : empty(UI.chartReviews),
  );
  out.push(
    d.coverage.years.length
      ? figure(
          'coverage',
          UI.chartCoverage,
          both((l) =>
            timeColumns(
              'coverage',
              l,
              d.coverage.years,
              d.coverage.levels.map((lv) => ({ key: lv, label: LEVELS[lv as keyof typeof LEVELS] })),
              d.coverage.values,
              UI.chartCoverage,
            ),
          ),
          csv('coverage'),
        )
      : empty(UI.chartCoverage),
  );
  return { html: out.join('\n'), files };
}
