/* ogi site: one agency across years, found by agency.html#<agency_id> in the bucket picked by a hash of the id
   (src/publish/site/agencies.ts writes the buckets). */
(function () {
  'use strict';
  var OGI = window.OGI;
  var L = window.OGI_LABELS;
  var A = window.OGI_AGENCY_LABELS.ui;
  var FIGURES = window.OGI_AGENCY_LABELS.figures;
  var el = OGI.el;
  var bi = OGI.bi;
  var main = document.getElementById('agency');
  var buckets = +document.querySelector('meta[name="ogi-agency-buckets"]').getAttribute('content');
  var reportBuckets = +document.querySelector('meta[name="ogi-buckets"]').getAttribute('content');
  OGI.agencyBuckets = {};
  OGI.agencies = function (bucket, entries) { OGI.agencyBuckets[bucket] = entries; };

  /** Report tuple fields (src/publish/site/agencies.ts AgencyEntry.reports). */
  var ID = 0, YEAR = 1, TITLE = 2, FAILED = 4, DUPLICATE = 5, FIRST_FIGURE = 6;
  /** The chart's two series: new requests and processed (indexes into FIGURES). */
  var CHART = [0, 2];
  var COLORS = ['#2f6db5', '#e08a2c'];
  var SVG = 'http://www.w3.org/2000/svg';

  function pad(n) { return ('00000' + n).slice(-5); }
  function bucketFile(id) { return 'data/agencies/a' + pad(OGI.fnv1a(id) % buckets) + '.js'; }
  function thousands(n) { return n === null || n === undefined ? '' : Number(n).toLocaleString('en-US'); }
  function reportLink(id, text) { return el('a', { href: 'report.html#' + encodeURIComponent(id) }, [text]); }

  function svg(tag, attrs, children) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  /** The report of each year the chart and the comparisons speak for: the first that is not a duplicate. */
  function byYear(reports) {
    var out = {};
    reports.forEach(function (r) {
      if (r[YEAR] === null || r[DUPLICATE]) return;
      if (!(r[YEAR] in out)) out[r[YEAR]] = r;
    });
    return out;
  }

  /** The top of the axis: four ticks of a round whole step (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten), at or above max. */
  function niceMax(max) {
    if (max <= 0) return 4;
    var raw = max / 4;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map(function (k) { return k * power; }).filter(function (v) { return v >= raw; })[0];
    return Math.max(1, Math.ceil(step)) * 4;
  }

  /** Bars of new and processed requests on a time axis: one slot per calendar year, gaps kept. */
  function chart(reports) {
    var years = byYear(reports);
    var keys = Object.keys(years).map(Number).sort(function (a, b) { return a - b; });
    if (!keys.length) return null;
    var first = keys[0];
    var last = keys[keys.length - 1];
    var span = last - first + 1;
    var W = 360, H = 214, left = 46, right = 8, top = 40, bottom = 24;
    var plotW = W - left - right, plotH = H - top - bottom;
    var max = 0;
    keys.forEach(function (y) { CHART.forEach(function (f) { var v = years[y][FIRST_FIGURE + f]; if (v > max) max = v; }); });
    var top_ = niceMax(max);
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'class': 'agency-chart', 'aria-label': A.chart[0] + ' / ' + A.chart[1] });
    for (var t = 0; t <= 4; t++) {
      var v = (top_ * t) / 4;
      var y = top + plotH - (v / top_) * plotH;
      root.appendChild(svg('line', { x1: left, x2: W - right, y1: y, y2: y, stroke: t ? '#e3e7eb' : '#888' }));
      root.appendChild(svg('text', { x: left - 4, y: y + 4, 'text-anchor': 'end', 'class': 'tick' }, [thousands(v)]));
    }
    var slot = plotW / span;
    var barW = Math.min(18, (slot * 0.8) / CHART.length);
    var every = span > 10 ? Math.ceil(span / 8) : 1;
    for (var i = 0; i < span; i++) {
      var year = first + i;
      var cx = left + slot * (i + 0.5);
      if (i % every === 0 || year === last)
        root.appendChild(svg('text', { x: cx, y: H - 8, 'text-anchor': 'middle', 'class': 'tick' }, [String(year)]));
      var r = years[year];
      if (!r) continue;
      CHART.forEach(function (f, s) {
        var val = r[FIRST_FIGURE + f];
        if (val === null || val === undefined) return;
        var h = (val / top_) * plotH;
        var x = cx - (barW * CHART.length) / 2 + s * barW;
        root.appendChild(svg('rect', { x: x, y: top + plotH - h, width: barW - 1, height: Math.max(h, 0.5), fill: COLORS[s], 'data-year': year, 'data-value': val }, [
          svg('title', {}, [year + ' · ' + FIGURES[f][0] + ' / ' + FIGURES[f][1] + ': ' + thousands(val)]),
        ]));
      });
    }
    CHART.forEach(function (f, s) {
      root.appendChild(svg('rect', { x: left, y: 4 + s * 15, width: 10, height: 10, fill: COLORS[s] }));
      root.appendChild(svg('text', { x: left + 14, y: 13 + s * 15, 'class': 'legend' }, [
        svg('tspan', { 'class': 'zh' }, [FIGURES[f][0]]), svg('tspan', { 'class': 'en' }, [FIGURES[f][1]]),
      ]));
    });
    return root;
  }

  function csvCell(v) {
    if (v === null || v === undefined) return '';
    var s = String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v !== 'number') s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** The figures table as CSV (UTF-8 with BOM, like the dataset's CSV files). */
  function figuresCsv(entry) {
    var head = ['year', 'report_id', 'title'].concat(FIGURES.map(function (f) { return f[1]; }));
    var lines = [head.map(csvCell).join(',')];
    entry.reports.forEach(function (r) {
      lines.push([r[YEAR], r[ID], r[TITLE]].concat(r.slice(FIRST_FIGURE)).map(csvCell).join(','));
    });
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }

  function figuresTable(entry) {
    var head = el('tr', null, [el('th', { 'class': 'num' }, [bi(L.ui.year)]), el('th', null, [bi(A.report)])].concat(
      FIGURES.map(function (f) { return el('th', { 'class': 'num' }, [bi(f)]); }),
    ));
    var rows = entry.reports.map(function (r) {
      return el('tr', { 'data-report': r[ID], 'class': r[FAILED] ? 'failed' : null }, [
        el('td', { 'class': 'num' }, [r[YEAR] === null ? '' : String(r[YEAR])]),
        el('td', null, [reportLink(r[ID], r[TITLE] || r[ID]), r[DUPLICATE] ? el('span', { 'class': 'badge' }, ['=']) : null]),
      ].concat(r.slice(FIRST_FIGURE).map(function (v, i) {
        return el('td', { 'class': 'num' + (v === null ? ' blank' : ''), 'data-figure': String(i) }, [thousands(v)]);
      })));
    });
    return el('div', { 'class': 'scroll' }, [el('table', { 'class': 'reports agency-figures' }, [el('thead', null, [head]), el('tbody', null, rows)])]);
  }

  function pairsSection(entry) {
    if (!entry.pairs.length) return el('p', { 'class': 'status', id: 'no-pairs' }, [bi(A.noPairs)]);
    var wrap = el('div');
    entry.pairs.forEach(function (p) {
      var item = function (c) {
        return el('li', { 'class': c[2] ? 'ok' : 'failed', 'data-rule': c[0], 'data-item': c[1] }, [
          el('span', { 'class': 'rule' }, [bi(L.checks[c[0]] || [c[0], c[0]])]),
          el('code', null, [c[1]]), ' ',
          el('span', { 'class': 'verdict' }, [bi(c[2] ? L.ui.passed : L.ui.failed)]), ' ',
          el('code', null, [c[3]]),
        ]);
      };
      var failed = p[4].filter(function (c) { return !c[2]; }).map(item);
      var passed = p[4].filter(function (c) { return c[2]; }).map(item);
      wrap.appendChild(el('div', { 'class': 'pair', 'data-years': p[2] + '-' + p[3] }, [
        el('h3', null, [reportLink(p[0], String(p[2])), ' → ', reportLink(p[1], String(p[3]))]),
        p[4].length ? null : el('p', { 'class': 'status' }, [bi(A.notCompared)]),
        failed.length ? el('ul', { 'class': 'checklist failed' }, failed) : null,
        passed.length ? el('details', { 'class': 'passed', open: failed.length ? null : 'open' }, [
          el('summary', null, [bi([passed.length + ' 项相符', passed.length + ' hold'])]),
          el('ul', { 'class': 'checklist' }, passed),
        ]) : null,
      ]));
    });
    return wrap;
  }

  /** Names by year, consecutive years with the same names as one run: "2018–2022: A；2023: B". */
  function nameRuns(byYear) {
    var runs = [];
    Object.keys(byYear).forEach(function (y) {
      var text = byYear[y].join(' / ');
      var last = runs[runs.length - 1];
      if (last && y !== '' && last.to !== '' && +y === +last.to + 1 && last.text === text) last.to = y;
      else runs.push({ from: y, to: y, text: text });
    });
    return runs.map(function (r) {
      return (r.from === '' ? '?' : r.from === r.to ? r.from : r.from + '–' + r.to) + ': ' + r.text;
    }).join('；');
  }

  function render(entry) {
    var ui = L.ui;
    var pair = function (map, key) { return key === null || key === undefined ? null : bi(map[key] || [key, key]); };
    var names = nameRuns(entry.names);
    var codes = entry.codes.filter(Boolean).join(' · ');
    document.title = entry.name + ' · ' + document.title.split(' · ').slice(-1)[0];
    var csv = figuresCsv(entry);
    var dl = el('dl', { 'class': 'meta' });
    [
      [A.agencyId, entry.id, 'agency_id'],
      [ui.level, pair(L.levels, entry.level), 'admin_level'],
      [ui.scope, pair(L.scopes, entry.scope), 'scope'],
      [ui.region, entry.region.filter(Boolean).join(' · '), 'region'],
      [A.codes, codes, 'codes'],
      [A.names, names, 'names'],
    ].forEach(function (p) {
      if (p[1] === null || p[1] === '') return;
      dl.appendChild(el('dt', null, [bi(p[0])]));
      dl.appendChild(el('dd', { 'data-field': p[2] }, [p[1]]));
    });
    main.textContent = '';
    [
      el('p', null, [el('a', { href: 'index.html' }, [bi(ui.back)])]),
      el('h1', { id: 'title' }, [entry.name, entry.scope === 'aggregate' ? el('span', { 'class': 'badge' }, [bi(ui.aggregateBadge)]) : null]),
      dl,
      el('section', { id: 'figures' }, [
        el('h2', null, [bi(A.figures)]),
        el('figure', { 'class': 'chart agency' }, [el('figcaption', null, [bi(A.chart)]), chart(entry.reports)]),
        figuresTable(entry),
        el('p', null, [el('a', { id: 'figures-csv', download: entry.id + '.csv', href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })) }, [bi(A.chartData), ' (CSV)'])]),
      ]),
      el('section', { id: 'cross-year' }, [el('h2', null, [bi(A.crossYear)]), pairsSection(entry)]),
    ].forEach(function (n) { if (n) main.appendChild(n); });
    document.body.setAttribute('data-ready', entry.id);
  }

  function notFound(id) {
    main.textContent = '';
    main.appendChild(el('p', null, [el('a', { href: 'index.html' }, [bi(L.ui.back)])]));
    main.appendChild(el('h1', { id: 'title' }, [bi(A.notFound)]));
    main.appendChild(el('p', null, [id]));
    document.body.setAttribute('data-ready', 'not-found');
  }

  /**
   * agency.html#report=<report_id> (the list's agency links: its rows carry no agency_id, to keep
   * the search index small): the report's bucket names its agency_id, and the address becomes it.
   */
  function fromReport(reportId) {
    var file = 'data/reports/r' + pad(OGI.fnv1a(reportId) % reportBuckets) + '.js';
    OGI.load(file).then(function () {
      var b = OGI.buckets[OGI.fnv1a(reportId) % reportBuckets] || {};
      var entry = Object.prototype.hasOwnProperty.call(b, reportId) ? b[reportId] : null;
      if (entry && entry.r.agency_id) location.replace('#' + encodeURIComponent(entry.r.agency_id));
      else notFound(reportId);
    }, function () { notFound(reportId); });
  }

  function show() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = location.hash.slice(1); }
    if (!id) return notFound('');
    if (id.indexOf('report=') === 0) return fromReport(id.slice('report='.length));
    OGI.load(bucketFile(id)).then(function () {
      var b = OGI.agencyBuckets[OGI.fnv1a(id) % buckets] || {};
      if (Object.prototype.hasOwnProperty.call(b, id)) render(b[id]);
      else notFound(id);
    }, function () { notFound(id); });
  }
  window.addEventListener('hashchange', show);
  show();
})();
