// The charts of charts.html, computed at build time and drawn as inline SVG (no library, no CDN).
// Every bar is a <rect class="bar" data-chart data-key data-series data-value> so tests can count them.
import { REVIEW_GROUPS, REVIEWS, type ReviewColumn } from '../../forms/index.js';
import type { ReportRecord } from '../../record.js';
import { esc } from './html.js';
import { LEVELS, OUTCOME_CATEGORIES, UI, provinceLabel, type Bi } from './labels.js';
import { provinceOrder } from './shards.js';

const COLORS = ['#2f6db5', '#6aa84f', '#e69138', '#c0504d', '#8e7cc3', '#7f7f7f'];
const WIDTH = 760;

function biText(x: number, y: number, [zh, en]: Bi, attrs = '', cls = ''): string {
  const c = cls ? ` ${cls}` : '';
  return `<text x="${x}" y="${y}" ${attrs} class="zh${c}">${esc(zh)}</text><text x="${x}" y="${y}" ${attrs} class="en${c}">${esc(en)}</text>`;
}

function legend(series: { label: Bi }[], y: number): string {
  return series
    .map((s, i) => {
      const x = 10 + i * 125;
      return `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>${biText(x + 16, y, s.label)}`;
    })
    .join('');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
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

function svg(height: number, body: string, label: Bi): string {
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(label[0])}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

function figure(id: string, title: Bi, svgText: string, note?: Bi): string {
  const n = note
    ? `<p class="note"><span class="zh">${esc(note[0])}</span><span class="en" lang="en">${esc(note[1])}</span></p>`
    : '';
  return `<figure class="chart" id="chart-${id}"><figcaption><span class="zh">${esc(title[0])}</span><span class="en" lang="en">${esc(title[1])}</span></figcaption>${svgText}${n}</figure>`;
}

/** Vertical bars, one stack per x key; stacks are [series index, value]. */
function columns(
  chart: string,
  keys: string[],
  series: { key: string; label: Bi }[],
  values: number[][],
  title: Bi,
): string {
  const top = 30;
  const plot = 220;
  const max = Math.max(1, ...values.map((v) => v.reduce((s, x) => s + x, 0)));
  const slot = (WIDTH - 60) / Math.max(1, keys.length);
  const w = Math.min(48, slot * 0.7);
  let body = series.length > 1 ? legend(series, 14) : '';
  keys.forEach((key, i) => {
    const x = 50 + i * slot + (slot - w) / 2;
    let y = top + plot;
    values[i]!.forEach((v, s) => {
      const h = (v / max) * plot;
      y -= h;
      body += bar(
        chart,
        key,
        series[s]!.key,
        v,
        x,
        y,
        w,
        h,
        COLORS[s % COLORS.length]!,
        `${key} · ${series[s]!.label.join(' ')}: ${v}`,
      );
    });
    const total = values[i]!.reduce((s, x) => s + x, 0);
    body += `<text x="${round(x + w / 2)}" y="${round(y - 4)}" text-anchor="middle" class="value">${total}</text>`;
    body += `<text x="${round(x + w / 2)}" y="${top + plot + 16}" text-anchor="middle">${esc(key)}</text>`;
  });
  body += `<line x1="45" y1="${top + plot}" x2="${WIDTH - 5}" y2="${top + plot}" stroke="#999"/>`;
  return svg(top + plot + 26, body, title);
}

/** Horizontal stacked bars, one line per (row label, sub-bar); `share` scales each line to 100 %. */
function lines(
  chart: string,
  rows: { key: string; label: Bi; bars: { key: string; label?: Bi; values: number[] }[] }[],
  series: { key: string; label: Bi }[],
  share: boolean,
  title: Bi,
): string {
  const left = 150;
  const plot = WIDTH - left - 60;
  const lineH = 18;
  let y = 30;
  const max = Math.max(1, ...rows.flatMap((r) => r.bars.map((b) => b.values.reduce((s, x) => s + x, 0))));
  let body = legend(series, 14);
  for (const row of rows) {
    body += biText(left - 8, y + 13, row.label, 'text-anchor="end"');
    for (const b of row.bars) {
      const total = b.values.reduce((s, x) => s + x, 0);
      const scale = share ? (total ? plot / total : 0) : plot / max;
      let x = left;
      if (b.label) body += biText(left + 2, y + 13, b.label, '', 'sub');
      const x0 = b.label ? left + 72 : left;
      x = x0;
      b.values.forEach((v, s) => {
        const w = v * (share ? scale : (plot - (x0 - left)) / max);
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
          `${row.label.join(' ')} · ${b.label ? `${b.label.join(' ')} · ` : ''}${series[s]!.label.join(' ')}: ${v}${pct}`,
        );
        x += w;
      });
      body += `<text x="${round(x + 4)}" y="${y + 13}" class="value">${total}</text>`;
      y += lineH;
    }
    y += 4;
  }
  return svg(y + 6, body, title);
}

export interface ChartData {
  applications: { keys: string[]; values: number[][] };
  outcomes: { key: string; label: Bi; values: number[] }[];
  reviews: { key: string; label: Bi; review: number[]; litigation: number[] }[];
  coverage: { keys: string[]; levels: string[]; values: number[][] };
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
    applications: { keys: appYears.map(String), values: appYears.map((y) => [received.get(y)!]) },
    outcomes: provinces
      .filter((p) => outcomes.get(p)?.some((v) => v > 0))
      .map((p) => ({ key: p ?? '', label: provinceLabel(p), values: outcomes.get(p)! })),
    reviews: provinces
      .filter((p) => [...(reviews.get(p)?.review ?? []), ...(reviews.get(p)?.litigation ?? [])].some((v) => v > 0))
      .map((p) => ({ key: p ?? '', label: provinceLabel(p), ...reviews.get(p)! })),
    coverage: {
      keys: sortedYears.map(String),
      levels,
      values: sortedYears.map((y) => levels.map((l) => coverage.get(`${y}|${l}`) ?? 0)),
    },
  };
}

const REVIEW_SERIES: { key: string; label: Bi }[] = PARTS.map((key) => ({
  key,
  label: REVIEWS.columns.find((c) => c.key === key)!.label,
}));

/** The four charts as HTML figures. */
export function renderCharts(records: ReportRecord[]): string {
  const d = chartData(records);
  const empty = (title: Bi) => figure('empty', title, `<p class="empty">${esc('无数据')} / No data</p>`);
  const out: string[] = [];
  out.push(
    d.applications.keys.length
      ? figure(
          'applications',
          UI.chartApplications,
          columns(
            'applications',
            d.applications.keys,
            [{ key: 'new_received', label: ['本年新收', 'New requests'] }],
            d.applications.values,
            UI.chartApplications,
          ),
          UI.agencyOnly,
        )
      : empty(UI.chartApplications),
  );
  out.push(
    d.outcomes.length
      ? figure(
          'outcomes',
          UI.chartOutcomes,
          lines(
            'outcomes',
            d.outcomes.map((o) => ({ key: o.key, label: o.label, bars: [{ key: 'all', values: o.values }] })),
            OUTCOME_CATEGORIES,
            true,
            UI.chartOutcomes,
          ),
          UI.agencyOnly,
        )
      : empty(UI.chartOutcomes),
  );
  out.push(
    d.reviews.length
      ? figure(
          'reviews',
          UI.chartReviews,
          lines(
            'reviews',
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
          UI.agencyOnly,
        )
      : empty(UI.chartReviews),
  );
  out.push(
    d.coverage.keys.length
      ? figure(
          'coverage',
          UI.chartCoverage,
          columns(
            'coverage',
            d.coverage.keys,
            d.coverage.levels.map((l) => ({ key: l, label: LEVELS[l as keyof typeof LEVELS] })),
            d.coverage.values,
            UI.chartCoverage,
          ),
        )
      : empty(UI.chartCoverage),
  );
  return out.join('\n');
}
