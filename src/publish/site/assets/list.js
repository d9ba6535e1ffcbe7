/* ogi site: the report list. First view uses only data/summary.js; province shards load when a filter or page needs them. */
(function () {
  'use strict';
  var S = window.OGI_SUMMARY;
  var L = window.OGI_LABELS;
  var OGI = window.OGI;
  var el = OGI.el;
  var $ = function (id) { return document.getElementById(id); };
  /* Row fields: see ListRow in src/publish/site/shards.ts. */
  var RANK = 0, ID = 1, TITLE = 2, AGENCY = 3, PROV = 4, CITY = 5, LEVEL = 7, YEAR = 8, TEMPLATE = 9, FAILED = 10, SCOPE = 11;
  var FIELDS = ['q', 'province', 'city', 'level', 'year', 'template', 'failed', 'page'];
  var seq = 0;

  function readState() {
    var p = new URLSearchParams(location.hash.slice(1));
    var st = {};
    FIELDS.forEach(function (f) { st[f] = p.get(f) || ''; });
    st.page = Math.max(1, parseInt(st.page, 10) || 1);
    return st;
  }

  function writeState(st) {
    var p = new URLSearchParams();
    FIELDS.forEach(function (f) {
      var v = st[f];
      if (v && !(f === 'page' && v === 1)) p.set(f, String(v));
    });
    var hash = p.toString();
    if (hash !== location.hash.slice(1)) history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  function formState() {
    return {
      q: $('q').value.trim(),
      province: $('province').value,
      city: $('city').value,
      level: $('level').value,
      year: $('year').value,
      template: $('template').value,
      failed: $('failed').checked ? '1' : '',
      page: 1,
    };
  }

  function fillCities(province, city) {
    var sel = $('city');
    while (sel.options.length > 1) sel.remove(1);
    var cities = province === '' ? [] : S.provinces[+province].cities;
    cities.forEach(function (c) { sel.appendChild(el('option', { value: c, 'data-zh': c, 'data-en': c }, [c])); });
    sel.disabled = cities.length === 0;
    sel.value = cities.indexOf(city) >= 0 ? city : '';
  }

  function setForm(st) {
    $('q').value = st.q;
    $('province').value = st.province;
    fillCities(st.province, st.city);
    $('level').value = st.level;
    $('year').value = st.year;
    $('template').value = st.template;
    $('failed').checked = st.failed === '1';
  }

  function unfiltered(st) {
    return !st.q && !st.province && !st.city && !st.level && !st.year && !st.template && !st.failed;
  }

  /** Province shards a state needs: one province, or every province that has the year. */
  function shardsFor(st) {
    var out = [];
    S.provinces.forEach(function (p, i) {
      if (st.province !== '' && String(i) !== st.province) return;
      if (st.year && !p.years[st.year]) return;
      if (p.count > 0) out.push(i);
    });
    return out;
  }

  function matches(st, needle) {
    return function (r) {
      if (st.city && r[CITY] !== st.city) return false;
      if (st.level && r[LEVEL] !== st.level) return false;
      if (st.year && String(r[YEAR]) !== st.year) return false;
      if (st.template && r[TEMPLATE] !== st.template) return false;
      if (st.failed && !(r[FAILED] > 0)) return false;
      if (needle && r[TITLE].toLowerCase().indexOf(needle) < 0 && r[AGENCY].toLowerCase().indexOf(needle) < 0) return false;
      return true;
    };
  }

  function rowsFor(st) {
    if (unfiltered(st) && st.page === 1) return Promise.resolve({ rows: S.first, total: S.total });
    var shards = shardsFor(st);
    return Promise.all(shards.map(function (i) { return OGI.load(S.provinces[i].file); })).then(function () {
      var needle = st.q.toLowerCase();
      var keep = matches(st, needle);
      var rows = [];
      shards.forEach(function (i) {
        var list = OGI.lists[i] || [];
        for (var k = 0; k < list.length; k++) if (keep(list[k])) rows.push(list[k]);
      });
      rows.sort(function (a, b) { return a[RANK] - b[RANK]; });
      return { rows: rows, total: rows.length, all: true };
    });
  }

  function pair(map, key) { return map[key] || [key, key]; }

  function renderRow(r) {
    var p = S.provinces[r[PROV]];
    var failed = r[FAILED] > 0;
    return el('tr', { 'data-id': r[ID], 'class': failed ? 'failed' : null }, [
      el('td', { 'class': 'num' }, [r[YEAR] === null ? '' : String(r[YEAR])]),
      el('td', null, [OGI.bi(p.label)]),
      el('td', null, [r[CITY]]),
      el('td', null, [r[AGENCY]]),
      el('td', null, [
        el('a', { href: 'report.html#' + encodeURIComponent(r[ID]) }, [r[TITLE] || r[ID]]),
        r[SCOPE] === 'aggregate' ? el('span', { 'class': 'badge', title: L.scopes.aggregate.join(' / ') }, [OGI.bi(L.ui.aggregateBadge)]) : null,
      ]),
      el('td', null, [r[LEVEL] ? OGI.bi(pair(L.levels, r[LEVEL])) : '']),
      el('td', null, [OGI.bi(pair(L.templates, r[TEMPLATE]))]),
      el('td', { 'class': 'checks' }, [failed ? '✗ ' + r[FAILED] : r[FAILED] < 0 ? el('span', { 'class': 'not-checked' }, ['— ', OGI.bi(L.ui.notChecked)]) : '✓']),
    ]);
  }

  function render(st) {
    var mine = ++seq;
    $('status').textContent = '';
    $('status').appendChild(OGI.bi(L.ui.loading));
    return rowsFor(st).then(function (res) {
      if (mine !== seq) return;
      var pages = Math.max(1, Math.ceil(res.total / S.pageSize));
      var page = Math.min(st.page, pages);
      st.page = page;
      var slice = res.all ? res.rows.slice((page - 1) * S.pageSize, page * S.pageSize) : res.rows;
      var body = document.querySelector('#reports tbody');
      body.textContent = '';
      var frag = document.createDocumentFragment();
      slice.forEach(function (r) { frag.appendChild(renderRow(r)); });
      body.appendChild(frag);
      var count = $('count');
      count.textContent = '';
      count.appendChild(OGI.bi(['共 ' + res.total + ' 份', res.total + ' reports']));
      count.setAttribute('data-total', String(res.total));
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

  var state = readState();
  function update(st) {
    state = st;
    writeState(st);
    render(st);
  }

  var timer = null;
  $('q').addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { update(formState()); }, 200);
  });
  ['level', 'year', 'template', 'failed', 'city'].forEach(function (id) {
    $(id).addEventListener('change', function () { update(formState()); });
  });
  $('province').addEventListener('change', function () {
    fillCities($('province').value, '');
    update(formState());
  });
  $('prev').addEventListener('click', function () { update(Object.assign({}, state, { page: state.page - 1 })); });
  $('next').addEventListener('click', function () { update(Object.assign({}, state, { page: state.page + 1 })); });
  window.addEventListener('hashchange', function () {
    state = readState();
    setForm(state);
    render(state);
  });

  setForm(state);
  render(state);
})();
