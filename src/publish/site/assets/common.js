/* ogi site: shared client code (classic script, works from file://). Data files call OGI.rows / OGI.reports. */
(function () {
  'use strict';
  var OGI = (window.OGI = window.OGI || {});
  OGI.buckets = {};
  OGI.reports = function (bucket, entries) { OGI.buckets[bucket] = entries; };
  /* The list's row sets (data/rows/*.js), by file: see RowSet in src/publish/site/shards.ts. */
  OGI.rowsets = {};
  OGI.rows = function (file, set) { OGI.rowsets[file] = set; };

  /* FNV-1a over UTF-16 code units: the same as src/publish/site/shards.ts. */
  OGI.fnv1a = function (text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  };

  var loading = {};
  /** Loads a data script once; resolves when it has run. */
  OGI.load = function (src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = src;
        s.onload = function () { resolve(); };
        s.onerror = function () { delete loading[src]; reject(new Error('cannot load ' + src)); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  };

  /** Builds an element; children are nodes or strings (always text, never HTML). */
  OGI.el = function (tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return e;
  };

  /** A [zh, en] pair as two spans, shown by language. */
  OGI.bi = function (pair) {
    var f = document.createDocumentFragment();
    f.appendChild(OGI.el('span', { 'class': 'zh' }, [pair[0]]));
    f.appendChild(OGI.el('span', { 'class': 'en', lang: 'en' }, [pair[1]]));
    return f;
  };

  OGI.lang = function () { return document.documentElement.getAttribute('data-lang') || 'zh'; };

  OGI.setLang = function (lang) {
    var root = document.documentElement;
    root.setAttribute('data-lang', lang);
    root.setAttribute('lang', lang === 'en' ? 'en' : 'zh-CN');
    var opts = document.querySelectorAll('option[data-zh]');
    for (var i = 0; i < opts.length; i++) opts[i].textContent = opts[i].getAttribute('data-' + lang);
    var inputs = document.querySelectorAll('[data-zh-placeholder]');
    for (var j = 0; j < inputs.length; j++) inputs[j].placeholder = inputs[j].getAttribute('data-' + lang + '-placeholder');
    try { localStorage.setItem('ogi-lang', lang); } catch (e) { /* storage may be off for file:// */ }
  };

  function init() {
    var saved = null;
    try { saved = localStorage.getItem('ogi-lang'); } catch (e) { saved = null; }
    if (saved === 'en') OGI.setLang('en');
    var button = document.getElementById('lang');
    if (button) button.addEventListener('click', function () { OGI.setLang(OGI.lang() === 'en' ? 'zh' : 'en'); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
