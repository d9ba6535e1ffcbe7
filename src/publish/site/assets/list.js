/*
 * ogi site: the report list. The first view uses only data/summary.js; then each state loads one
 * row set (data/rows/*.js, see RowSet in src/publish/site/shards.ts): the smallest of the
 * province's, the year's and the failed reports' that holds every row the filters can match, else
 * the whole index (search, level, form or scope alone). The default order's pages come from the
 * year files, each sort order's first page from its own small file.
 */
(function () {
  'use strict';
  var S = window.OGI_SUMMARY;
  var L = window.OGI_LABELS;
  var OGI = window.OGI;
  var el = OGI.el;
  var $ = function (id) { return document.getElementById(id); };
  var FIGURES = L.keys.listFigures; /* headline names, then denied_share */
  var SORT_KEYS = L.keys.sortKeys;
  /* The figure each numeric sort key shows, by index into FIGURES. */
  var FIGURE_OF = { 'new': 0, processed: 1, share: 5, review: 3, litigation: 4 };
  var NUMERIC = { year: 1, 'new': 1, processed: 1, share: 1, review: 1, litigation: 1, checks: 1 };
  var FACETS = ['province', 'city', 'level', 'year', 'template', 'scope', 'failed'];
  var FIELDS = ['q', 'province', 'city', 'level', 'year', 'template', 'scope', 'failed', 'sort', 'page'];
  var LEVEL_ORDER = S.levels.map(function (l) { return l[0]; });
  var TEMPLATE_ORDER = S.templates.map(function (t) { return t[0]; });
  var FORMULA_START = new RegExp(L.formulaStart);
  var seq = 0;

  function provinceIndex(key) {
    for (var i = 0; i < S.provinces.length; i++) if (S.provinces[i].key === key) return i;
    return -1;
  }

  /* ---- state <-> address ---- */

  function readState() {
    var p = new URLSearchParams(location.hash.slice(1));
    var st = {};
    FIELDS.forEach(function (f) { st[f] = p.get(f) || ''; });
    if (provinceIndex(st.province) < 0) st.province = '';
    if (st.failed !== '1') st.failed = '';
    var sort = st.sort.split('.');
    if (SORT_KEYS.indexOf(sort[0]) < 0 || (sort[1] !== 'asc' && sort[1] !== 'desc')) st.sort = '';
    st.page = Math.max(1, parseInt(st.page, 10) || 1);
    return st;
  }

  function stateHash(st) {
    var p = new URLSearchParams();
    FIELDS.forEach(function (f) {
      var v = st[f];
      if (v && !(f === 'page' && v === 1)) p.set(f, String(v));
    });
    return p.toString();
  }

  /** Writes the state into the address: a new history entry, so Back returns to the previous view. */
  function writeState(st, replace) {
    var hash = stateHash(st);
    if (hash === location.hash.slice(1)) return;
    var url = hash ? '#' + hash : location.pathname + location.search;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }

  function formState() {
    return {
      q: $('q').value.trim(),
      province: $('province').value,
      city: $('city').value,
      level: $('level').value,
      year: $('year').value,
      template: $('template').value,
      scope: $('scope').value,
      failed: $('failed').checked ? '1' : '',
      sort: state.sort,
      page: 1,
    };
  }

  function fillCities(province, city) {
    var sel = $('city');
    while (sel.options.length > 1) sel.remove(1);
    var i = provinceIndex(province);
    var cities = i < 0 ? [] : S.provinces[i].cities;
    cities.forEach(function (c) {
      sel.appendChild(el('option', { value: c[0], 'data-label-zh': c[0], 'data-label-en': c[0] }, [c[0]]));
    });
    sel.disabled = cities.length === 0;
    sel.value = cities.some(function (c) { return c[0] === city; }) ? city : '';
  }

  function setForm(st) {
    $('q').value = st.q;
    $('province').value = st.province;
    fillCities(st.province, st.city);
    ['level', 'year', 'template', 'scope'].forEach(function (id) { $(id).value = st[id]; });
    $('failed').checked = st.failed === '1';
  }

  function unfiltered(st) {
    return !st.q && !st.province && !st.city && !st.level && !st.year && !st.template && !st.scope && !st.failed;
  }

  /* ---- row sets ---- */

  /**
   * A row set's rows, decoded once per file: each is { set, i, rank } and its fields are read from
   * the set's columns when needed (get, title, full), so that 100,000 rows cost little to decode.
   */
  function decode(file) {
    var set = OGI.rowsets[file];
    if (set.rows) return set.rows;
    set.sound = {};
    for (var c = 0; c < set.chars.length; c++) set.sound[set.chars[c]] = set.sounds[c];
    set.keys = new Array(set.names.length);
    set.pinyin.forEach(function (p) { set.keys[p[0]] = p[1]; });
    set.lower = set.names.map(function (n) { return n.toLowerCase(); });
    set.matches = {};
    set.lowerTitles = new Array(set.n);
    var rows = new Array(set.n);
    var rank = 0;
    for (var i = 0; i < set.n; i++) {
      rank += set.rank[i];
      rows[i] = { set: set, i: i, rank: rank };
    }
    set.rows = rows;
    return rows;
  }

  /** A row's field, read from its set's columns. */
  function get(r, field) {
    var s = r.set;
    var i = r.i;
    switch (field) {
      case 'id': return s.id[i];
      case 'agency': return s.names[s.agency[i]];
      case 'city': return s.names[s.city[i]];
      case 'county': return s.names[s.county[i]];
      case 'township': return s.names[s.township[i]];
      case 'province': return s.province[i];
      case 'level': return s.shapes[s.shape[i]][0];
      case 'year': return s.year[i];
      case 'template': return s.shapes[s.shape[i]][1];
      case 'scope': return s.shapes[s.shape[i]][2];
      case 'failed': return s.shapes[s.shape[i]][3];
      case 'title': return title(r);
    }
  }

  /** Figure k of a row (index into FIGURES): row shapes hold them after level, template, scope and failed checks. */
  function figure(r, k) { return r.set.shapes[r.set.shape[r.i]][4 + k]; }

  /** A title pattern split at the agency (\u0001) and the year (\u0002) marks: [text, mark, text, …]. */
  function pieces(set, p, lower) {
    var key = lower ? 'lowerPieces' : 'pieces';
    if (!set[key]) set[key] = [];
    var out = set[key][p];
    if (!out) {
      out = set[key][p] = [];
      var text = lower ? set.titles[p].toLowerCase() : set.titles[p];
      text.split(/([\u0001\u0002])/).forEach(function (x) { if (x) out.push(x); });
    }
    return out;
  }

  /** The title: its pattern with the agency and the year put back (lowercased for the search). */
  function title(r, lower) {
    var s = r.set;
    var i = r.i;
    var parts = pieces(s, s.title[i], lower);
    var out = '';
    for (var k = 0; k < parts.length; k++) {
      var x = parts[k];
      out += x === '\u0001' ? (lower ? s.lower : s.names)[s.agency[i]] : x === '\u0002' ? (s.year[i] === null ? '' : String(s.year[i])) : x;
    }
    return out;
  }

  function lowerTitle(r) {
    var t = r.set.lowerTitles[r.i];
    if (t === undefined) t = r.set.lowerTitles[r.i] = title(r, true);
    return t;
  }

  /** Every field of a row, for showing and downloading it. */
  function full(r) {
    var out = { rank: r.rank, figures: r.set.shapes[r.set.shape[r.i]].slice(4) };
    ['id', 'agency', 'city', 'county', 'township', 'province', 'level', 'year', 'template', 'scope', 'failed', 'title'].forEach(function (f) {
      out[f] = get(r, f);
    });
    return out;
  }

  function loadRows(fileInfo) {
    return OGI.load(fileInfo.file).then(function () { return decode(fileInfo.file); });
  }

  /* ---- search ---- */

  /** A name's pinyin keys ("hongzequ hzq"): written out in the set, or spelled from its characters' readings (as PinyinTable.spelled). */
  function keysOf(set, i) {
    var k = set.keys[i];
    if (k !== undefined) return k;
    var name = set.names[i];
    var full = '';
    var first = '';
    var han = false;
    Array.from(name).forEach(function (ch) {
      var s = set.sound[ch];
      if (s) han = true;
      full += s || ch.toLowerCase();
      first += s ? s[0] : ch.toLowerCase();
    });
    k = han ? full + ' ' + first : '';
    set.keys[i] = k;
    return k;
  }

  function terms(q) {
    return q.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function isPinyin(term) { return /^[a-z0-9]+$/.test(term) && /[a-z]/.test(term); }

  /** For one term, which of a set's names match it (by text or pinyin), computed once per set. */
  function nameMatches(set, term) {
    var m = set.matches[term];
    if (m) return m;
    var py = isPinyin(term);
    m = new Uint8Array(set.names.length);
    for (var i = 1; i < set.names.length; i++) {
      if (set.lower[i].indexOf(term) >= 0 || (py && keysOf(set, i).indexOf(term) >= 0)) m[i] = 1;
    }
    set.matches[term] = m;
    return m;
  }

  var provinceMatchCache = {};
  function provinceMatches(term) {
    if (!provinceMatchCache[term]) {
      var py = isPinyin(term);
      provinceMatchCache[term] = S.provinces.map(function (p) {
        return (p.name !== null && p.label[0].toLowerCase().indexOf(term) >= 0) ||
          (p.name !== null && p.label[1].toLowerCase().indexOf(term) >= 0) ||
          (py && p.pinyin.indexOf(term) >= 0);
      });
    }
    return provinceMatchCache[term];
  }

  function matchesTerm(r, term) {
    var s = r.set;
    var i = r.i;
    var m = nameMatches(s, term);
    if (m[s.agency[i]] || m[s.city[i]] || m[s.county[i]] || m[s.township[i]]) return true;
    if (provinceMatches(term)[s.province[i]]) return true;
    return lowerTitle(r).indexOf(term) >= 0;
  }

  /* ---- filters, facets, sort ---- */

  function facetValue(r, facet) {
    if (facet === 'failed') return get(r, 'failed') > 0 ? '1' : '';
    if (facet === 'province') return S.provinces[get(r, 'province')].key;
    if (facet === 'year') {
      var y = get(r, 'year');
      return y === null ? '' : String(y);
    }
    return get(r, facet);
  }

  /** The active filters as [facet or 'q', test]. */
  function filters(st) {
    var out = [];
    FACETS.forEach(function (f) {
      if (!st[f]) return;
      var want = st[f];
      out.push([f, function (r) { return facetValue(r, f) === want; }]);
    });
    terms(st.q).forEach(function (t) { out.push(['q', function (r) { return matchesTerm(r, t); }]); });
    return out;
  }

  /**
   * One pass over the pool: the rows every filter keeps, and for each facet the count of each value
   * among the rows every other filter keeps (what choosing that value would give).
   */
  function scan(pool, st) {
    var active = filters(st);
    var rows = [];
    var counts = {};
    FACETS.forEach(function (f) { counts[f] = {}; });
    var inc = function (f, r) {
      var v = facetValue(r, f);
      counts[f][v] = (counts[f][v] || 0) + 1;
    };
    for (var i = 0; i < pool.length; i++) {
      var r = pool[i];
      var miss = null;
      var misses = 0;
      for (var k = 0; k < active.length && misses < 2; k++) {
        if (!active[k][1](r)) {
          misses++;
          miss = active[k][0];
        }
      }
      if (misses === 0) {
        rows.push(r);
        for (var j = 0; j < FACETS.length; j++) inc(FACETS[j], r);
      } else if (misses === 1 && miss !== 'q') {
        inc(miss, r);
      }
    }
    return { rows: rows, counts: counts };
  }

  /** Facets the summary counts together (its `cube`). */
  var CUBE = ['province', 'year', 'failed', 'scope'];

  /**
   * Counts of a facet whose own filter chose the pool (the pool lacks its other values): from the
   * summary's province × year × failed × scope counts when no other kind of filter is on, else unknown.
   */
  function cubeCounts(st, facet) {
    if (CUBE.indexOf(facet) < 0 || ['q', 'city', 'level', 'template'].some(function (f) { return st[f]; })) return null;
    var c = {};
    S.cube.forEach(function (x) {
      var values = { province: S.provinces[x[0]].key, year: x[1] === null ? '' : String(x[1]), failed: x[2] ? '1' : '', scope: x[3] };
      for (var k = 0; k < CUBE.length; k++) {
        var f = CUBE[k];
        if (f !== facet && st[f] && values[f] !== st[f]) return;
      }
      c[values[facet]] = (c[values[facet]] || 0) + x[4];
    });
    return c;
  }

  function summaryCounts() {
    var pairs = function (list) {
      var o = {};
      list.forEach(function (x) { o[String(x[0])] = x[1]; });
      return o;
    };
    var prov = {};
    S.provinces.forEach(function (p) { prov[p.key] = p.count; });
    return {
      province: prov,
      city: {},
      level: pairs(S.levels),
      year: pairs(S.years),
      template: pairs(S.templates),
      scope: pairs(S.scopes),
      failed: { '1': S.failed },
    };
  }

  function sortValue(key, r) {
    switch (key) {
      case 'year': return get(r, 'year');
      case 'province': return get(r, 'province');
      case 'level':
        var level = get(r, 'level');
        return level ? LEVEL_ORDER.indexOf(level) : null;
      case 'template': return TEMPLATE_ORDER.indexOf(get(r, 'template'));
      case 'checks': return get(r, 'failed');
      case 'city': case 'agency': case 'title': return get(r, key) || null;
      default: return figure(r, FIGURE_OF[key]);
    }
  }

  /** Rows in a sort order ("new.desc"), as compareRows in shards.ts: blanks last either way, ties in the default order. */
  function sorted(rows, sort) {
    var parts = sort.split('.');
    var key = parts[0];
    var desc = parts[1] === 'desc';
    var keyed = rows.map(function (r) { return [sortValue(key, r), r]; });
    keyed.sort(function (a, b) {
      var x = a[0];
      var y = b[0];
      var tie = a[1].rank - b[1].rank;
      if (x === null || y === null) return x === y ? tie : x === null ? 1 : -1;
      var c = x < y ? -1 : x > y ? 1 : 0;
      return (desc ? -c : c) || tie;
    });
    return keyed.map(function (k) { return k[1]; });
  }

  /** The row set that holds every row a filtered state can match: the smallest that does, else all. */
  function poolFor(st) {
    var options = [];
    var pi = provinceIndex(st.province);
    if (pi >= 0) options.push({ info: S.files.provinces[pi], by: 'province' });
    if (st.year) options.push({ info: S.files.years[st.year] || null, by: 'year' });
    if (st.failed) options.push({ info: S.files.failed, by: 'failed' });
    if (options.length === 0) return { info: S.files.all, by: null };
    options.sort(function (a, b) { return (a.info ? a.info.n : -1) - (b.info ? b.info.n : -1); });
    return options[0];
  }

  /** The year files holding ranks [from, to) of the default order. */
  function yearFilesFor(from, to) {
    var out = [];
    Object.keys(S.files.years).forEach(function (k) {
      var y = S.files.years[k];
      if (y.start < to && y.start + y.n > from) out.push(y);
    });
    return out;
  }

  /**
   * The rows of a state: { rows (all of them, in order) or page (the page only), total, counts }.
   * Loads one small file for a first filter, sort or page; the index for a search.
   */
  function rowsFor(st) {
    var size = S.pageSize;
    if (unfiltered(st)) {
      var counts = summaryCounts();
      st.page = Math.min(st.page, Math.max(1, Math.ceil(S.total / size)));
      var from = (st.page - 1) * size;
      if (!st.sort) {
        if (st.page === 1) return Promise.resolve({ page: decodeFirst(), total: S.total, counts: counts });
        var files = yearFilesFor(from, from + size);
        return Promise.all(files.map(loadRows)).then(function (sets) {
          var rows = [].concat.apply([], sets).filter(function (r) { return r.rank >= from && r.rank < from + size; });
          rows.sort(function (a, b) { return a.rank - b.rank; });
          return { page: rows, total: S.total, counts: counts };
        });
      }
      if (st.page === 1) {
        return loadRows(S.files.sorted[st.sort]).then(function (rows) {
          return { page: rows, total: S.total, counts: counts };
        });
      }
      return loadRows(S.files.all).then(function (rows) {
        return { rows: sorted(rows, st.sort), total: S.total, counts: counts };
      });
    }
    var pool = poolFor(st);
    if (!pool.info) return Promise.resolve({ rows: [], total: 0, counts: facetCounts(st, null, null) });
    return loadRows(pool.info).then(function (all) {
      var res = scan(all, st);
      if (st.sort) res.rows = sorted(res.rows, st.sort);
      return { rows: res.rows, total: res.rows.length, counts: facetCounts(st, pool.by, res.counts) };
    });
  }

  /** Each facet's counts: from the scan, except for the facet that chose the pool (and every facet when the pool is missing). */
  function facetCounts(st, by, counts) {
    var out = {};
    FACETS.forEach(function (f) {
      if (counts && f !== by) out[f] = counts[f];
      else out[f] = cubeCounts(st, f);
    });
    return out;
  }

  var firstRows = null;
  function decodeFirst() {
    if (!firstRows) {
      OGI.rowsets['summary'] = S.first;
      firstRows = decode('summary');
    }
    return firstRows;
  }

  /* ---- rendering ---- */

  function pair(map, key) { return map[key] || [key, key]; }

  function number(v) { return v === null || v === undefined ? '' : v.toLocaleString('en-US'); }

  function renderRow(row) {
    var r = full(row);
    var p = S.provinces[r.province];
    var failed = r.failed > 0;
    var figures = ['new', 'processed', 'share', 'review', 'litigation'].map(function (k) {
      var v = r.figures[FIGURE_OF[k]];
      var text = k === 'share' ? (v === null ? '' : (v * 100).toFixed(1) + '%') : number(v);
      var title = k === 'share' && v !== null ? number(r.figures[2]) + ' / ' + number(r.figures[1]) : null;
      return el('td', { 'class': 'num', 'data-col': k, title: title }, [text]);
    });
    var checks = r.failed === null ? el('span', { 'class': 'not-checked' }, ['— ', OGI.bi(L.ui.notChecked)]) : failed ? '✗ ' + r.failed : '✓';
    return el('tr', { 'data-id': r.id, 'class': failed ? 'failed' : null }, [
      el('td', { 'class': 'num' }, [r.year === null ? '' : String(r.year)]),
      el('td', null, [OGI.bi(p.label)]),
      el('td', null, [r.city]),
      el('td', null, [r.agency ? el('a', { href: 'agency.html#report=' + encodeURIComponent(r.id), 'class': 'agency-link' }, [r.agency]) : '']),
      el('td', null, [
        el('a', { href: 'report.html#' + encodeURIComponent(r.id) }, [r.title || r.id]),
        r.scope === 'aggregate' ? el('span', { 'class': 'badge', title: L.scopes.aggregate.join(' / ') }, [OGI.bi(L.ui.aggregateBadge)]) : null,
      ]),
      el('td', null, [r.level ? OGI.bi(pair(L.levels, r.level)) : '']),
      el('td', null, [OGI.bi(pair(L.templates, r.template))]),
    ].concat(figures, [
      el('td', { 'class': 'checks' }, [checks]),
    ]));
  }

  /** Writes the counts beside each facet value ("贵州省 (10)"); a value whose count is unknown shows its label only. */
  function renderCounts(st, counts) {
    FACETS.forEach(function (f) {
      if (f === 'failed') return;
      var c = counts[f];
      var opts = $(f).options;
      for (var i = 1; i < opts.length; i++) {
        var o = opts[i];
        var n = c ? c[o.value] || 0 : null;
        var zh = o.getAttribute('data-label-zh');
        var en = o.getAttribute('data-label-en');
        o.setAttribute('data-count', n === null ? '' : String(n));
        o.setAttribute('data-zh', n === null ? zh : zh + ' (' + n + ')');
        o.setAttribute('data-en', n === null ? en : en + ' (' + n + ')');
        o.textContent = o.getAttribute('data-' + OGI.lang());
      }
    });
    var failed = counts.failed ? counts.failed['1'] || 0 : null;
    $('failed-total').textContent = failed === null ? '' : '(' + failed + ')';
  }

  function renderSort(st) {
    var parts = st.sort.split('.');
    var ths = document.querySelectorAll('#reports thead th[data-sort]');
    for (var i = 0; i < ths.length; i++) {
      var key = ths[i].getAttribute('data-sort');
      ths[i].setAttribute('aria-sort', key === parts[0] ? (parts[1] === 'desc' ? 'descending' : 'ascending') : 'none');
    }
  }

  var current = null; /* the rows of the state shown, for the download */

  /**
   * Fills in, after the rows are shown, the counts the file that served them could not give (the
   * facet that chose a province, year or failed file, beside a search, city, level or form filter):
   * from one scan of the search index, which holds every row. Marks the body `data-counts` when the
   * counts shown are whole.
   */
  function completeCounts(st, counts, mine) {
    var missing = FACETS.filter(function (f) { return !counts[f]; });
    if (missing.length === 0 || unfiltered(st)) {
      document.body.setAttribute('data-counts', String(mine));
      return;
    }
    loadRows(S.files.all).then(function (all) {
      if (mine !== seq) return;
      var whole = scan(all, st).counts;
      missing.forEach(function (f) { counts[f] = whole[f]; });
      renderCounts(st, counts);
      document.body.setAttribute('data-counts', String(mine));
    });
  }

  function render(st) {
    var mine = ++seq;
    $('status').textContent = '';
    $('status').appendChild(OGI.bi(L.ui.loading));
    renderSort(st);
    return rowsFor(st).then(function (res) {
      if (mine !== seq) return;
      var pages = Math.max(1, Math.ceil(res.total / S.pageSize));
      var page = Math.min(st.page, pages);
      st.page = page;
      var slice = res.rows ? res.rows.slice((page - 1) * S.pageSize, page * S.pageSize) : res.page;
      current = res.rows || null;
      var body = document.querySelector('#reports tbody');
      body.textContent = '';
      var frag = document.createDocumentFragment();
      slice.forEach(function (r) { frag.appendChild(renderRow(r)); });
      body.appendChild(frag);
      var count = $('count');
      count.textContent = '';
      count.appendChild(OGI.bi(['共 ' + res.total + ' 份', res.total + ' reports']));
      count.setAttribute('data-total', String(res.total));
      renderCounts(st, res.counts);
      completeCounts(st, res.counts, mine);
      $('status').textContent = '';
      if (res.total === 0) $('status').appendChild(OGI.bi(L.ui.noResults));
      var info = $('pageinfo');
      info.textContent = '';
      info.appendChild(OGI.bi(['第 ' + page + ' / ' + pages + ' 页', 'Page ' + page + ' of ' + pages]));
      $('prev').disabled = page <= 1;
      $('next').disabled = page >= pages;
      document.body.setAttribute('data-ready', String(mine));
    }, function (err) {
      if (mine !== seq) return;
      $('status').textContent = String(err && err.message || err);
    });
  }

  /* ---- the view as CSV ---- */

  /** A CSV cell as every published CSV writes it (src/publish/csvfile.ts): formula starts neutralised, quoted when needed. */
  function csvCell(v) {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
    var s = FORMULA_START.test(v) ? "'" + v : v;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  var CSV_HEADER = ['report_id', 'year', 'province', 'province_code', 'city', 'county', 'township', 'agency', 'title', 'admin_level', 'template', 'scope']
    .concat(FIGURES, ['checks_failed']);

  function csvOf(rows) {
    var lines = [CSV_HEADER.join(',')];
    rows.forEach(function (row) {
      var r = full(row);
      var p = S.provinces[r.province];
      lines.push([r.id, r.year, p.name, p.code, r.city, r.county, r.township, r.agency, r.title, r.level, r.template, r.scope]
        .concat(r.figures, [r.failed]).map(csvCell).join(','));
    });
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }

  /** Every row of the state (all pages), in its order. */
  function allRows(st) {
    if (current) return Promise.resolve(current);
    return loadRows(S.files.all).then(function (rows) {
      return st.sort ? sorted(rows, st.sort) : rows;
    });
  }

  function download() {
    var st = state;
    return allRows(st).then(function (rows) {
      var blob = new Blob([csvOf(rows)], { type: 'text/csv;charset=utf-8' });
      var a = el('a', { href: URL.createObjectURL(blob), download: 'reports-' + S.version + (stateHash(st) ? '-filtered' : '') + '.csv' });
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    });
  }

  /* ---- events ---- */

  var state = readState();
  function update(st, replace) {
    state = st;
    writeState(st, replace);
    render(st);
  }

  var timer = null;
  var typing = false;
  /* a search loads the index: start when the reader steps into the box, while they type */
  $('q').addEventListener('focus', function () { OGI.load(S.files.all.file).catch(function () { /* retried by the search */ }); });
  $('q').addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      /* one history entry per search, not per keystroke */
      update(formState(), typing);
      typing = true;
    }, 120);
  });
  ['level', 'year', 'template', 'scope', 'failed', 'city'].forEach(function (id) {
    $(id).addEventListener('change', function () { typing = false; update(formState()); });
  });
  $('province').addEventListener('change', function () {
    typing = false;
    fillCities($('province').value, '');
    update(formState());
  });
  $('prev').addEventListener('click', function () { typing = false; update(Object.assign({}, state, { page: state.page - 1 })); });
  $('next').addEventListener('click', function () { typing = false; update(Object.assign({}, state, { page: state.page + 1 })); });
  var heads = document.querySelectorAll('#reports thead th[data-sort]');
  for (var h = 0; h < heads.length; h++) {
    heads[h].querySelector('button').addEventListener('click', function (e) {
      var key = e.currentTarget.parentNode.getAttribute('data-sort');
      var parts = state.sort.split('.');
      var dir = parts[0] === key ? (parts[1] === 'desc' ? 'asc' : 'desc') : NUMERIC[key] ? 'desc' : 'asc';
      typing = false;
      update(Object.assign({}, state, { sort: key + '.' + dir, page: 1 }));
    });
  }
  $('download').addEventListener('click', function () { download(); });
  function fromAddress() {
    var st = readState();
    if (stateHash(st) === stateHash(state)) return;
    state = st;
    typing = false;
    setForm(state);
    render(state);
  }
  window.addEventListener('popstate', fromAddress);
  window.addEventListener('hashchange', fromAddress);

  setForm(state);
  render(state);
})();
