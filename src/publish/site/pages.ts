// The three HTML pages: index.html (list + downloads), charts.html, report.html (filled from a bucket).
import { citeLine } from '../citation.js';
import { bi, esc, formatBytes } from './html.js';
import { AGENCY_UI } from './agencies.js';
import { LEVELS, SCOPES, TEMPLATES, UI, type Bi } from './labels.js';
import type { SortKey, Summary } from './shards.js';

export interface PageContext {
  version: string;
  summary: Summary;
  downloads: { name: string; bytes: number }[];
}

function head(title: string, extra = ''): string {
  return `<!doctype html>
<html lang="zh-CN" data-lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="assets/site.css">
${extra}</head>`;
}

function header(version: string, current: 'list' | 'charts' | 'report' | 'agency'): string {
  const nav = (href: string, label: Bi, id: string) =>
    `<a href="${href}"${id === current ? ' aria-current="page"' : ''}>${bi(label)}</a>`;
  return `<header class="top">
<div class="brand"><a href="index.html">${bi(UI.siteTitle)}</a> <span class="version">${bi(UI.version)} ${esc(version)}</span></div>
<nav>${nav('index.html', UI.list, 'list')} ${nav('charts.html', UI.charts, 'charts')} ${nav('index.html#downloads', UI.downloads, 'downloads')}</nav>
<button type="button" id="lang" class="lang"><span class="zh" lang="en">English</span><span class="en">中文</span></button>
</header>`;
}

function option(value: string, [zh, en]: Bi): string {
  return `<option value="${esc(value)}" data-zh="${esc(zh)}" data-en="${esc(en)}">${esc(zh)}</option>`;
}

function select(id: string, label: Bi, options: string[]): string {
  return `<label>${bi(label)} <select id="${id}" name="${id}">${option('', UI.all)}${options.join('')}</select></label>`;
}

/** Written by the publisher after the site (it sums the site too), so its size is not known yet. */
const WRITTEN_AFTER = ['SHA256SUMS'];

function downloadsSection(downloads: { name: string; bytes: number | null }[]): string {
  const all = [
    ...downloads,
    ...WRITTEN_AFTER.filter((n) => !downloads.some((d) => d.name === n)).map((name) => ({ name, bytes: null })),
  ];
  const sorted = all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const link = (name: string, label: Bi) =>
    sorted.some((d) => d.name === name) ? `<a class="doc" href="../${esc(encodeURI(name))}">${bi(label)}</a>` : '';
  const rows = sorted
    .map(
      (d) =>
        `<tr><td><a href="../${esc(encodeURI(d.name))}" download>${esc(d.name)}</a></td><td class="num"${d.bytes === null ? '' : ` data-bytes="${d.bytes}"`}>${d.bytes === null ? '' : esc(formatBytes(d.bytes))}</td></tr>`,
    )
    .join('\n');
  return `<section id="downloads">
<h2>${bi(UI.downloads)}</h2>
<p class="docs">${link('CODEBOOK.md', UI.codebook)} ${link('CHANGELOG.md', UI.changelog)}</p>
<table class="files"><thead><tr><th>${bi(UI.file)}</th><th>${bi(UI.size)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}

/** A facet's option with its count: the label in data-zh/data-en, the count in data-count (assets/list.js keeps it current). */
function facetOption(value: string, [zh, en]: Bi, count: number): string {
  return `<option value="${esc(value)}" data-label-zh="${esc(zh)}" data-label-en="${esc(en)}" data-count="${count}" data-zh="${esc(`${zh} (${count})`)}" data-en="${esc(`${en} (${count})`)}">${esc(`${zh} (${count})`)}</option>`;
}

/** The list's columns: label, sort key (one per SORT_KEYS, in its order), class. */
const LIST_COLUMNS: [Bi, SortKey, string][] = [
  [UI.year, 'year', 'num'],
  [UI.province, 'province', ''],
  [UI.city, 'city', ''],
  [UI.agency, 'agency', ''],
  [UI.title, 'title', ''],
  [UI.level, 'level', ''],
  [UI.template, 'template', ''],
  [UI.figNew, 'new', 'num'],
  [UI.figProcessed, 'processed', 'num'],
  [UI.figShare, 'share', 'num'],
  [UI.figReview, 'review', 'num'],
  [UI.figLitigation, 'litigation', 'num'],
  [UI.checks, 'checks', ''],
];

export function indexPage(ctx: PageContext): string {
  const { summary } = ctx;
  const provinces = summary.provinces.map((p) => facetOption(p.key, p.label, p.count));
  const years = summary.years.map(([y, n]) => facetOption(String(y), [String(y), String(y)], n));
  const levels = summary.levels.map(([l, n]) => facetOption(l, LEVELS[l as keyof typeof LEVELS], n));
  const templates = summary.templates.map(([t, n]) => facetOption(t, TEMPLATES[t as keyof typeof TEMPLATES], n));
  const scopes = summary.scopes.map(([s, n]) => facetOption(s, SCOPES[s]!, n));
  const th = ([label, key, cls]: [Bi, string, string]) =>
    `<th data-sort="${key}"${cls ? ` class="${cls}"` : ''} aria-sort="none"><button type="button" class="sort" title="${esc(UI.sortBy[0])} / ${esc(UI.sortBy[1])}">${bi(label)}</button></th>`;
  return `${head(`${UI.siteTitle[0]} ${ctx.version}`)}
<body class="list-page">
${header(ctx.version, 'list')}
<main>
<section id="list">
<h1>${bi(UI.list)} <small id="count" class="count"></small></h1>
<form id="filters" class="filters" onsubmit="return false">
<label class="search">${bi(UI.searchAll)} <input type="search" id="q" name="q" data-zh-placeholder="${esc(UI.searchAll[0])}" data-en-placeholder="${esc(UI.searchAll[1])}" placeholder="${esc(UI.searchAll[0])}"></label>
${select('province', UI.province, provinces)}
<label>${bi(UI.city)} <select id="city" name="city" disabled>${option('', UI.all)}</select></label>
${select('level', UI.level, levels)}
${select('year', UI.year, years)}
${select('template', UI.template, templates)}
${select('scope', UI.scope, scopes)}
<label class="check"><input type="checkbox" id="failed" name="failed"> ${bi(UI.failedOnly)} <span class="count" id="failed-total">(${summary.failed})</span></label>
<button type="button" id="download" class="download">${bi(UI.downloadView)}</button>
</form>
<noscript><p>请启用 JavaScript 以浏览报告列表。 Please enable JavaScript to browse the list.</p></noscript>
<div class="scroll">
<table id="reports" class="reports">
<thead><tr>${LIST_COLUMNS.map(th).join('')}</tr></thead>
<tbody></tbody>
</table>
</div>
<p id="status" class="status"></p>
<nav class="pager"><button type="button" id="prev">${bi(UI.prev)}</button> <span id="pageinfo"></span> <button type="button" id="next">${bi(UI.next)}</button></nav>
</section>
${downloadsSection(ctx.downloads)}
</main>
<footer class="cite"><p>${bi(citeLine(ctx.version))}</p></footer>
<script src="data/labels.js"></script>
<script src="data/summary.js"></script>
<script src="assets/common.js"></script>
<script src="assets/list.js"></script>
</body>
</html>
`;
}

export function chartsPage(ctx: PageContext, charts: string): string {
  return `${head(`${UI.charts[0]} · ${UI.siteTitle[0]} ${ctx.version}`)}
<body class="charts-page">
${header(ctx.version, 'charts')}
<main>
<h1>${bi(UI.charts)}</h1>
${charts}
</main>
<script src="assets/common.js"></script>
</body>
</html>
`;
}

export function reportPage(ctx: PageContext): string {
  return `${head(`${UI.reports[0]} · ${UI.siteTitle[0]} ${ctx.version}`, `<meta name="ogi-buckets" content="${ctx.summary.buckets}">\n`)}
<body class="report-page">
${header(ctx.version, 'report')}
<main id="report"><p class="status">${bi(UI.loading)}</p></main>
<noscript><p>请启用 JavaScript 以查看报告。 Please enable JavaScript to view the report.</p></noscript>
<script src="data/labels.js"></script>
<script src="data/layout.js"></script>
<script src="data/texts.js"></script>
<script src="data/archive.js"></script>
<script src="assets/common.js"></script>
<script src="assets/report.js"></script>
</body>
</html>
`;
}

/** One agency's reports across years (agency.html#<agency_id>), filled by assets/agency.js from its bucket. */
export function agencyPage(ctx: PageContext, buckets: number): string {
  return `${head(`${AGENCY_UI.page[0]} · ${UI.siteTitle[0]} ${ctx.version}`, `<meta name="ogi-agency-buckets" content="${buckets}">\n<meta name="ogi-buckets" content="${ctx.summary.buckets}">\n`)}
<body class="agency-page">
${header(ctx.version, 'agency')}
<main id="agency"><p class="status">${bi(UI.loading)}</p></main>
<noscript><p>请启用 JavaScript 以查看机关页面。 Please enable JavaScript to view the agency page.</p></noscript>
<script src="data/labels.js"></script>
<script src="data/agency-labels.js"></script>
<script src="assets/common.js"></script>
<script src="assets/agency.js"></script>
</body>
</html>
`;
}
