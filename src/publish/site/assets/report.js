/* ogi site: one report, found by report.html#<report_id> in the bucket picked by a hash of the id. */
(function () {
  'use strict';
  var OGI = window.OGI;
  var L = window.OGI_LABELS;
  var LAYOUT = window.OGI_LAYOUT;
  var K = L.keys;
  var el = OGI.el;
  var bi = OGI.bi;
  var main = document.getElementById('report');
  var buckets = +document.querySelector('meta[name="ogi-buckets"]').getAttribute('content');

  function pad(n) { return ('00000' + n).slice(-5); }
  function bucketFile(id) { return 'data/reports/r' + pad(OGI.fnv1a(id) % buckets) + '.js'; }

  /** Rebuilds the published record (keyed tables, record key order) from its bucket entry. */
  function decode(r) {
    var tables = {};
    if (r.applications) {
      tables.applications = {};
      r.applications.forEach(function (cells, i) {
        if (!cells) return;
        var row = {};
        K.applicantColumns.forEach(function (c, j) { row[c] = cells[j]; });
        tables.applications[K.applicationRows[i]] = row;
      });
    } else tables.applications = null;
    if (r.reviews) {
      tables.reviews = {};
      r.reviews.forEach(function (cells, i) {
        var g = {};
        K.reviewColumns.forEach(function (c, j) { g[c] = cells[j]; });
        tables.reviews[K.reviewGroups[i]] = g;
      });
    } else tables.reviews = null;
    tables.checks = (r.checks || []).map(function (c) {
      return { rule: typeof c[0] === 'number' ? K.checkRules[c[0]] : c[0], ok: c[1] === 1, detail: c[2] };
    });
    var out = {};
    K.record.forEach(function (k) { if (k in tables) out[k] = tables[k]; else if (k in r) out[k] = r[k]; });
    Object.keys(r).forEach(function (k) { if (!(k in out)) out[k] = r[k]; });
    return out;
  }

  function get(record, path) {
    var v = record;
    var parts = path.split('.');
    for (var i = 0; i < parts.length; i++) {
      if (v === null || v === undefined) return null;
      v = v[parts[i]];
    }
    return v === undefined ? null : v;
  }

  function safeUrl(u) { return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null; }

  function table(layout, record, bad) {
    var t = el('table', { 'class': 'form' });
    if (layout.head.length) {
      var thead = el('thead');
      layout.head.forEach(function (row) {
        thead.appendChild(el('tr', null, row.map(function (c) {
          return el('th', { rowspan: c.rs || null, colspan: c.cs || null, 'class': c.cls || null }, [bi(c.t)]);
        })));
      });
      t.appendChild(thead);
    }
    var tbody = el('tbody');
    layout.body.forEach(function (row) {
      tbody.appendChild(el('tr', null, row.map(function (c) {
        if (c.t) return el('th', { rowspan: c.rs || null, colspan: c.cs || null, 'class': c.cls || null }, [bi(c.t)]);
        var v = get(record, c.k);
        var checks = bad[c.k];
        var cls = 'cell' + (v === null ? ' blank' : '') + (checks ? ' bad' : '');
        var kids = [v === null ? '' : String(v)];
        if (c.raw) {
          var raw = get(record, c.raw);
          if (raw !== null && raw !== '' && String(raw) !== String(v)) kids.push(el('span', { 'class': 'raw' }, [String(raw)]));
        }
        return el('td', { 'class': cls, colspan: c.cs || null, 'data-cell': c.k, 'data-checks': checks ? checks.join(' ') : null }, kids);
      })));
    });
    t.appendChild(tbody);
    return el('div', { 'class': 'scroll' }, [t]);
  }

  function variant(record) {
    if (record.template === '2019' || record.template === '2021') return record.template;
    var apps = record.applications || {};
    if (apps.other_no_correction || apps.other_unpaid_fee || apps.other_misc) return '2021';
    var pro = record.proactive || {};
    for (var k in pro) if (pro[k] && ('issued' in pro[k] || 'in_force' in pro[k])) return '2021';
    return '2019';
  }

  /** Table 三's grid: the （六） rows as printed — some 2021-form reports print （六）其他处理 as one row. */
  function applicationsVariant(record, v) {
    var apps = record.applications || {};
    if (apps.other_no_correction || apps.other_unpaid_fee || apps.other_misc) return '2021';
    return apps.other ? '2019' : v;
  }

  function section(id, title, content) {
    return el('section', { id: id }, [el('h2', null, [bi(title)]), content]);
  }

  function meta(pairs) {
    var dl = el('dl', { 'class': 'meta' });
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === '') return;
      dl.appendChild(el('dt', null, [bi(p[0])]));
      dl.appendChild(el('dd', { 'data-field': p[2] || null }, [p[1]]));
    });
    return dl;
  }

  function link(url, text) {
    var u = safeUrl(url);
    return u ? el('a', { href: u, rel: 'noopener noreferrer' }, [text || u]) : url ? String(url) : null;
  }

  function render(id, entry, file) {
    var record = decode(entry.r);
    var bad = {};
    Object.keys(entry.c).forEach(function (i) {
      entry.c[i].forEach(function (c) { (bad[c] = bad[c] || []).push(i); });
    });
    var ui = L.ui;
    var pair = function (map, key) { return key === null || key === undefined ? null : bi(map[key] || [key, key]); };
    var region = record.region || {};
    var regionText = [region.province, region.city, region.county, region.township].filter(Boolean).join(' · ') + (region.code ? ' (' + region.code + ')' : '');
    var src = record.source || {};
    var json = JSON.stringify(record, null, 2) + '\n';
    var jsonLink = el('a', { href: URL.createObjectURL(new Blob([json], { type: 'application/json' })), download: id + '.json', id: 'record-json' }, [bi(ui.recordJson)]);
    document.title = (record.title || id) + ' · ' + document.title.split(' · ').slice(-1)[0];
    var v = variant(record);
    var item = function (c, i) {
      return el('li', { 'class': c.ok ? 'ok' : 'failed', 'data-rule': c.rule, 'data-check': String(i) }, [
        el('span', { 'class': 'rule' }, [bi(L.checks[c.rule] || [c.rule, c.rule])]),
        el('span', { 'class': 'verdict' }, [bi(c.ok ? ui.passed : ui.failed)]), ' ',
        el('code', null, [c.detail || '']),
      ]);
    };
    var failedItems = [];
    var passedItems = [];
    record.checks.forEach(function (c, i) { (c.ok ? passedItems : failedItems).push(item(c, i)); });
    var checks = el('div', null, [
      failedItems.length ? el('ul', { 'class': 'checklist failed' }, failedItems) : el('p', { 'class': 'status' }, [bi(ui.allPassed)]),
      passedItems.length ? el('details', { 'class': 'passed' }, [
        el('summary', null, [bi(['另有 ' + passedItems.length + ' 项核对相符', passedItems.length + ' more checks pass'])]),
        el('ul', { 'class': 'checklist' }, passedItems),
      ]) : null,
    ]);
    var none = function () { return el('p', { 'class': 'status' }, [bi(ui.noTable)]); };
    checks.addEventListener('click', function (ev) {
      var li = ev.target.closest && ev.target.closest('li.failed');
      if (!li) return;
      var first = document.querySelector('td.bad[data-checks~="' + li.getAttribute('data-check') + '"]');
      if (first) first.scrollIntoView({ block: 'center' });
    });
    main.textContent = '';
    [
      el('p', null, [el('a', { href: 'index.html' }, [bi(ui.back)])]),
      el('h1', { id: 'title' }, [record.title || id]),
      section('metadata', ui.metadata, meta([
        [ui.agency, record.agency, 'agency'],
        [ui.year, record.year === null ? null : String(record.year), 'year'],
        [ui.region, regionText, 'region'],
        [ui.level, pair(L.levels, record.admin_level), 'admin_level'],
        [ui.scope, pair(L.scopes, record.scope), 'scope'],
        [ui.template, pair(L.templates, record.template), 'template'],
        [ui.published, record.published_date, 'published_date'],
        [['报告编号', 'Report id'], record.report_id, 'report_id'],
        [ui.extractor, record.extractor_version, 'extractor_version'],
      ])),
      section('source', ui.source, meta([
        [ui.sourcePage, link(src.page_url), 'page_url'],
        [ui.document, link(src.document_url), 'document_url'],
        [['SHA-256', 'SHA-256'], el('span', { 'class': 'sha' }, [src.sha256 || '']), 'sha256'],
        [ui.format, src.format, 'format'],
        [ui.bytes, src.bytes === undefined || src.bytes === null ? null : String(src.bytes), 'bytes'],
        [ui.fetched, src.fetched_at, 'fetched_at'],
        [ui.recordJson, jsonLink, 'record_json'],
        [ui.shardFile, el('a', { href: file, id: 'shard' }, [file]), 'shard'],
      ])),
      section('checks', ui.checkList, record.checks.length ? checks : el('p', { 'class': 'status' }, ['—'])),
      section('table2', ui.table2, record.proactive ? table(LAYOUT.proactive[v], record, bad) : none()),
      section('table3', ui.table3, record.applications ? table(LAYOUT.applications[applicationsVariant(record, v)], record, bad) : none()),
      section('table4', ui.table4, record.reviews ? table(LAYOUT.reviews, record, bad) : none()),
      record.warnings && record.warnings.length
        ? section('warnings', ui.warnings, el('ul', { 'class': 'warnings' }, record.warnings.map(function (w) {
          return el('li', { 'data-code': w.code }, [el('code', null, [w.code]), ' ', w.where || '', ': ', w.detail || '']);
        })))
        : null,
    ].forEach(function (n) { if (n) main.appendChild(n); });
    document.body.setAttribute('data-ready', id);
  }

  function notFound(id) {
    main.textContent = '';
    main.appendChild(el('p', null, [el('a', { href: 'index.html' }, [bi(L.ui.back)])]));
    main.appendChild(el('h1', { id: 'title' }, [bi(L.ui.notFound)]));
    main.appendChild(el('p', null, [id]));
    document.body.setAttribute('data-ready', 'not-found');
  }

  function show() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = location.hash.slice(1); }
    if (!id) return notFound('');
    var file = bucketFile(id);
    OGI.load(file).then(function () {
      var b = OGI.buckets[OGI.fnv1a(id) % buckets] || {};
      if (Object.prototype.hasOwnProperty.call(b, id)) render(id, b[id], file);
      else notFound(id);
    }, function () { notFound(id); });
  }
  window.addEventListener('hashchange', show);
  show();
})();
