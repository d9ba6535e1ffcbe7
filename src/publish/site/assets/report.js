/* ogi site: one report, found by report.html#<report_id> in the bucket picked by a hash of the id. */
(function () {
  'use strict';
  var OGI = window.OGI;
  var L = window.OGI_LABELS;
  var LAYOUT = window.OGI_LAYOUT;
  var TEXTS = window.OGI_TEXTS;
  var ARCHIVE = window.OGI_ARCHIVE;
  var K = L.keys;
  var el = OGI.el;
  var bi = OGI.bi;
  var main = document.getElementById('report');
  var buckets = +document.querySelector('meta[name="ogi-buckets"]').getAttribute('content');

  function pad(n) { return ('00000' + n).slice(-5); }
  function bucketFile(id) { return 'data/reports/r' + pad(OGI.fnv1a(id) % buckets) + '.js'; }

  /** A bucket's cell source tuples (src/publish/site/shards.ts encodeSources) → the record's cells. */
  function decodeSources(list) {
    var previous = '';
    return list.map(function (t) {
      var key = t[0].split('.');
      var c = {
        table: key[0], row: key[1], column: key.slice(2).join('.'),
        value: t[1], printed: t[2],
        via: K.sourceVia[t[3] >> 1], label: t[3] & 1 ? 'loose' : 'strict',
      };
      if (t[4] !== null && t[4] !== undefined) c.page = t[4];
      if (t[5] !== null && t[5] !== undefined) c.bbox = t[5];
      if (t[6] !== null && t[6] !== undefined) { c.path = previous.slice(0, t[6]) + (t[7] || ''); previous = c.path; }
      if (t[8] !== null && t[8] !== undefined) c.line = t[8];
      if (t[9] !== null && t[9] !== undefined) c.col = t[9];
      if (t[10] !== null && t[10] !== undefined) c.confidence = t[10];
      return c;
    });
  }

  /** Rebuilds the published record (keyed tables, record key order) from its bucket entry. */
  function decode(r, sources) {
    var tables = {};
    if (sources) tables.cells = decodeSources(sources);
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

  function round(n) { return String(Math.round(n)); }

  /** Where a cell was read, as [zh, en]: PDF page and box, HTML element, or text line and column. */
  function whereText(src) {
    var zh = [];
    var en = [];
    if (src.page !== undefined) {
      var b = src.bbox;
      var box = b ? ' · x ' + round(b[0]) + '–' + round(b[2]) + ', y ' + round(b[1]) + '–' + round(b[3]) : '';
      zh.push('第' + src.page + '页' + box);
      en.push('page ' + src.page + box);
    }
    if (src.path !== undefined) {
      var m = /tr\[(\d+)\]>t[dh]\[(\d+)\]$/.exec(src.path);
      zh.push((m ? '表格第' + m[1] + '行 第' + m[2] + '格' : '段落') + ' (' + src.path + ')');
      en.push((m ? 'table row ' + m[1] + ', cell ' + m[2] : 'paragraph') + ' (' + src.path + ')');
    }
    if (src.line !== undefined) {
      zh.push('第' + src.line + '行' + (src.col !== undefined ? ' 第' + src.col + '列' : ''));
      en.push('line ' + src.line + (src.col !== undefined ? ', column ' + src.col : ''));
    }
    if (src.ocr) {
      var sure = src.confidence !== undefined ? ' · ' + L.ui.ocrConfidence[0] + ' ' + src.confidence : '';
      zh.push(L.ui.viaOcr[0] + sure);
      en.push(L.ui.viaOcr[1] + (src.confidence !== undefined ? ' · ' + L.ui.ocrConfidence[1] + ' ' + src.confidence : ''));
    }
    if (src.corrected) { zh.push(L.ui.ocrCorrected[0]); en.push(L.ui.ocrCorrected[1]); }
    zh.push(L.ui.printed[0] + ' “' + src.printed + '”');
    en.push(L.ui.printed[1] + ' “' + src.printed + '”');
    notes(src).forEach(function (n) { zh.push(n[0]); en.push(n[1]); });
    return [zh.join(' · '), en.join(' · ')];
  }

  /** What a reader should know about how the cell was read (prose, 统计表, loose label). */
  function notes(src) {
    var out = [];
    if (src.via === 'prose') out.push(L.ui.viaProse);
    if (src.via === 'statistics_table') out.push(L.ui.viaStatistics);
    if (src.label === 'loose') out.push(L.ui.looseLabel);
    return out;
  }

  /** The marks a cell can carry: read from prose (文), from the 统计表 (统), by a loose row label (≈), by OCR (识). */
  var MARKS = [
    { sign: '文', cls: 'prose', label: L.ui.viaProse, on: function (s) { return s.via === 'prose'; } },
    { sign: '统', cls: 'stats', label: L.ui.viaStatistics, on: function (s) { return s.via === 'statistics_table'; } },
    { sign: '≈', cls: 'loose', label: L.ui.looseLabel, on: function (s) { return s.label === 'loose'; } },
    { sign: '识', cls: 'ocr', label: L.ui.viaOcr, on: function (s) { return !!s.ocr; } },
  ];

  function markSpan(m, src) {
    var sure = m.cls === 'ocr' && src && src.confidence !== undefined ? src.confidence : null;
    var title = m.label[0] + ' / ' + m.label[1] + (sure !== null ? ' · ' + L.ui.ocrConfidence[0] + ' ' + sure : '');
    return el('span', { 'class': 'mark ' + m.cls, title: title }, [
      el('span', { 'aria-hidden': 'true' }, [m.sign + (sure !== null ? ' · ' + L.ui.ocrConfidence[0] + ' ' + sure : '')]),
      el('span', { 'class': 'sr' }, [' (' + m.label[0] + (sure !== null ? '，' + L.ui.ocrConfidence[0] + ' ' + sure : '') + ')']),
    ]);
  }

  /** A cell's marks on a line of their own above the number (taps go through them to the number); 识 with the OCR confidence. */
  function markers(src) {
    var marks = MARKS.filter(function (m) { return m.on(src); }).map(function (m) { return markSpan(m, src); });
    return marks.length ? [el('span', { 'class': 'marks' }, marks)] : [];
  }

  /** The legend of the marks a table shows: visible without hovering (phones have no hover). */
  function legend(used) {
    var shown = MARKS.filter(function (m) { return used[m.cls]; });
    if (!shown.length) return null;
    return el('p', { 'class': 'legend' }, [el('span', { 'class': 'legend-title' }, [bi(L.ui.legend)])].concat(shown.map(function (m) {
      return el('span', { 'class': 'legend-item', 'data-mark': m.cls }, [markSpan(m), ' ', bi(m.label)]);
    })));
  }

  /** A check's detail or a warning's text with the table keys in words: "natural_person: new_received 3 …" → "自然人：…". */
  function words(table, text) {
    var terms = TEXTS.terms[table] || { rows: {}, columns: {} };
    var names = Object.keys(TEXTS.sideNames).sort(function (a, b) { return b.length - a.length; });
    var out = ['', ''];
    var rest = String(text || '');
    var keys = function (t, i) {
      return t.replace(/[a-z][a-z0-9_]*/g, function (k) {
        var l = terms.rows[k] || terms.columns[k];
        return l ? l[i] : k;
      }).replace(/^([^:]*): ?/, i === 0 ? '$1：' : '$1: ');
    };
    while (rest) {
      var at = -1;
      var name = null;
      names.forEach(function (n) { var j = rest.indexOf(n); if (j >= 0 && (at < 0 || j < at)) { at = j; name = n; } });
      var head = at < 0 ? rest : rest.slice(0, at);
      out[0] += keys(head, 0);
      out[1] += keys(head, 1);
      if (at < 0) break;
      out[0] += TEXTS.sideNames[name][0];
      out[1] += TEXTS.sideNames[name][1];
      rest = rest.slice(at + name.length);
    }
    out[0] = out[0].replace(/ \+ /g, ' ＋ ');
    return out;
  }

  var PLACES = { document: ['全文', 'the whole document'], year: L.ui.year, region: L.ui.region };

  /** A warning's `where` in words: table · row · column, a printed label, or the part of the record. */
  function whereWords(where) {
    var colon = where.indexOf(':');
    var keyPart = colon >= 0 ? where.slice(0, colon) : where;
    var parts = keyPart.split('.');
    var table = parts[0];
    var terms = TEXTS.terms[table];
    var zh = [];
    var en = [];
    var add = function (l) { zh.push(l[0]); en.push(l[1]); };
    if (terms) {
      add(TEXTS.terms.tables[table]);
      if (parts[1]) add(terms.rows[parts[1]] || terms.columns[parts[1]] || [parts[1], parts[1]]);
      if (parts[2]) add(terms.columns[parts[2]] || [parts[2], parts[2]]);
    } else if (PLACES[table]) {
      add(PLACES[table]);
      if (parts[1]) add([parts[1], parts[1]]);
    } else add([keyPart, keyPart]);
    if (colon >= 0) add(['“' + where.slice(colon + 1) + '”', '"' + where.slice(colon + 1) + '"']);
    return [zh.join(' · '), en.join(' · ')];
  }

  var panels = 0;

  function table(layout, record, bad, sources) {
    var panelId = 'where-' + (++panels);
    var panel = el('div', { 'class': 'where', id: panelId, role: 'region', 'aria-live': 'polite', 'aria-label': L.ui.whereRead[0] + ' / ' + L.ui.whereRead[1], hidden: 'hidden' });
    var open = null;
    var anySource = false;
    var used = {};
    function show(button, src, key) {
      if (open) open.setAttribute('aria-expanded', 'false');
      if (open === button) { open = null; panel.hidden = true; return; }
      open = button;
      button.setAttribute('aria-expanded', 'true');
      var text = whereText(src);
      panel.textContent = '';
      panel.appendChild(el('p', { 'class': 'where-head', 'data-key': key }, [el('strong', null, [bi(L.ui.whereRead)]), ' ', el('span', { 'class': 'where-cell' }, [bi(whereWords(key))])]));
      panel.appendChild(el('p', { 'class': 'where-text' }, [bi(text)]));
      panel.appendChild(el('button', { type: 'button', 'class': 'where-close' }, [bi(L.ui.closeDetail)]));
      panel.hidden = false;
    }
    panel.addEventListener('click', function (ev) {
      if (ev.target.closest && ev.target.closest('.where-close') && open) { var b = open; show(b); b.focus(); }
    });
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
        var src = sources[c.k];
        var kids = [v === null ? '' : String(v)];
        if (src) {
          anySource = true;
          MARKS.forEach(function (m) { if (m.on(src)) used[m.cls] = true; });
          cls += ' sourced' + (src.ocr ? ' via-ocr' : '') + (src.via === 'prose' ? ' via-prose' : src.via === 'statistics_table' ? ' via-stats' : '') + (src.label === 'loose' ? ' loose' : '');
          var button = el('button', { type: 'button', 'class': 'src', 'aria-expanded': 'false', 'aria-controls': panelId }, [
            v === null ? el('span', { 'class': 'sr' }, [L.ui.whereRead[0]]) : String(v),
          ]);
          button.addEventListener('click', (function (s, k) { return function () { show(this, s, k); }; })(src, c.k));
          kids = markers(src).concat([button]);
        }
        if (c.raw) {
          var raw = get(record, c.raw);
          if (raw !== null && raw !== '' && String(raw) !== String(v)) kids.push(el('span', { 'class': 'raw' }, [String(raw)]));
        }
        var where = src ? whereText(src) : null;
        return el('td', { 'class': cls, colspan: c.cs || null, 'data-cell': c.k, 'data-checks': checks ? checks.join(' ') : null, title: where ? where[0] + '\n' + where[1] : null }, kids);
      })));
    });
    t.appendChild(tbody);
    return el('div', null, [
      el('div', { 'class': 'scroll' }, [t]),
      legend(used),
      anySource ? el('p', { 'class': 'where-hint' }, [bi(L.ui.whereHint)]) : null,
      panel,
    ]);
  }

  /** The form (LAYOUT.forms) one of whose own keys — in no other form's `list` — the record holds, else null. */
  function formHolding(present, list) {
    for (var i = LAYOUT.forms.length - 1; i >= 0; i--) {
      var f = LAYOUT.forms[i];
      var own = f[list].filter(function (k) {
        return !LAYOUT.forms.some(function (g) { return g !== f && g[list].indexOf(k) >= 0; });
      });
      if (own.some(function (k) { return present[k]; })) return f.id;
    }
    return null;
  }

  /** The form whose tables the record is drawn in: its template's, else the form whose own rows or columns it holds. */
  function variant(record) {
    if (LAYOUT.forms.some(function (f) { return f.id === record.template; })) return record.template;
    var present = {};
    var apps = record.applications || {};
    Object.keys(apps).forEach(function (k) { if (apps[k]) present[k] = true; });
    var pro = record.proactive || {};
    Object.keys(pro).forEach(function (r) { Object.keys(pro[r] || {}).forEach(function (c) { present[c] = true; }); });
    return formHolding(present, 'keys') || LAYOUT.forms[0].id;
  }

  /** Table 三's grid: the rows as printed — some reports of a form print a subtotal row where the form has its parts. */
  function applicationsVariant(record, v) {
    var present = {};
    var apps = record.applications || {};
    Object.keys(apps).forEach(function (k) { if (apps[k]) present[k] = true; });
    var parts = formHolding(present, 'shown');
    return parts || v;
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

  /** The archived copy of the document in this version (relative: works from disk and from a static host). */
  function archived(src) {
    if (!ARCHIVE.base || !src.sha256 || ARCHIVE.missing.indexOf(src.sha256) >= 0) return bi(L.ui.archiveMissing);
    var name = src.sha256 + '.' + (ARCHIVE.ext[src.sha256] || src.format);
    return el('a', { href: ARCHIVE.base + name, id: 'archive', type: null }, [name]);
  }

  function render(id, entry, file) {
    var record = decode(entry.r, entry.s);
    var sources = {};
    var ocrPages = (record.source && record.source.ocr && record.source.ocr.pages) || [];
    var corrected = {};
    (record.warnings || []).forEach(function (w) { if (w.code === 'ocr_corrected') corrected[w.where] = true; });
    (record.cells || []).forEach(function (c) {
      var key = c.table + '.' + c.row + '.' + c.column;
      if (c.page !== undefined && ocrPages.indexOf(c.page) >= 0) c.ocr = true;
      if (corrected[key]) c.corrected = true;
      sources[key] = c;
    });
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
      var text = TEXTS.checks[c.rule];
      return el('li', { 'class': c.ok ? 'ok' : 'failed', 'data-rule': c.rule, 'data-check': String(i), 'data-detail': c.detail || '' }, [
        el('span', { 'class': 'rule' }, [bi(text ? text.label : [c.rule, c.rule])]),
        el('span', { 'class': 'verdict' }, [bi(c.ok ? ui.passed : ui.failed)]), ' ',
        el('span', { 'class': 'detail' }, [bi(words(c.rule.split('.')[0], c.detail))]),
        text ? el('span', { 'class': 'explain' }, [bi(text.explain)]) : null,
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
        [ui.agency, record.agency_id ? el('a', { href: 'agency.html#' + encodeURIComponent(record.agency_id), id: 'agency-link' }, [record.agency || record.agency_id]) : record.agency, 'agency'],
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
        [ui.document, archived(src), 'archive'],
        [ui.documentUrl, link(src.document_url), 'document_url'],
        [['SHA-256', 'SHA-256'], el('span', { 'class': 'sha' }, [src.sha256 || '']), 'sha256'],
        [ui.format, src.format, 'format'],
        [ui.bytes, src.bytes === undefined || src.bytes === null ? null : String(src.bytes), 'bytes'],
        [ui.fetched, src.fetched_at, 'fetched_at'],
        [ui.recordJson, jsonLink, 'record_json'],
        [ui.shardFile, el('a', { href: file, id: 'shard' }, [file]), 'shard'],
      ])),
      section('checks', ui.checkList, record.checks.length ? checks : el('p', { 'class': 'status not-checked' }, [
        el('strong', null, ['— ', bi(ui.notChecked)]), ' ', bi(ui.notCheckedWhy),
      ])),
      section('table2', ui.table2, record.proactive ? table(LAYOUT.proactive[v], record, bad, sources) : none()),
      section('table3', ui.table3, record.applications ? table(LAYOUT.applications[applicationsVariant(record, v)], record, bad, sources) : none()),
      section('table4', ui.table4, record.reviews ? table(LAYOUT.reviews, record, bad, sources) : none()),
      record.warnings && record.warnings.length
        ? section('warnings', ui.warnings, el('ul', { 'class': 'warnings' }, record.warnings.map(function (w) {
          var text = TEXTS.warnings[w.code] || { label: [w.code, w.code], explain: ['', ''] };
          return el('li', { 'data-code': w.code }, [
            el('strong', { 'class': 'warning-label' }, [bi(text.label)]),
            w.where ? el('span', { 'class': 'warning-where' }, [' · ', bi(whereWords(w.where))]) : null,
            el('span', { 'class': 'explain' }, [bi(text.explain)]),
            w.detail ? el('details', { 'class': 'warning-detail' }, [el('summary', null, [bi(ui.warningDetail)]), el('code', null, [w.detail])]) : null,
          ]);
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
