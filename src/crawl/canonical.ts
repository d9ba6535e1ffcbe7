// One URL per document: the form under which the crawl queues, logs and stores a link. Fragments
// go, and so do the query parameters that only say how the link was reached — analytics tags
// (utm_*, spm, from, share and WeChat tags, click ids) and cache-busters (_ / t / ts / timestamp /
// rnd… holding a timestamp or a random number). Every other parameter stays, in its order: portals
// serve documents by query (downfile.jsp?filename=…, ?id=…). Redirects are resolved by the fetch:
// the stored `final_url` is canonical too, so an alias and its target name one document.

/** Parameters that only track where a visitor came from. */
const TRACKING =
  /^(?:utm_\w+|spm|from|scene|isappinstalled|wxfrom|wx_fmt|share\w*|sharer\w*|clicktime|enterid|fbclid|gclid|yclid|msclkid|mc_\w+|source_from|tracking\w*)$/i;
/** Parameters that only defeat caches, when they hold a timestamp or a random number. */
const CACHE_BUSTER = /^(?:_|_t|t|ts|_ts|timestamp|time|rnd|rand|random|r|nocache|cachebuster|v_t)$/i;
const BUSTER_VALUE = /^(?:\d{8,}|0?\.\d{4,}|[0-9a-f]{16,})$/i;

/** The canonical form of an absolute http(s) URL (anything else is returned as given). */
export function canonicalUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return url;
  u.hash = '';
  if (u.search) {
    // pair by pair as written: the parameters left keep their spelling and order
    const pairs = u.search.slice(1).split('&');
    const kept = pairs.filter((pair) => {
      if (!pair) return false;
      const eq = pair.indexOf('=');
      const k = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
      const v = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
      return !TRACKING.test(k) && !(CACHE_BUSTER.test(k) && BUSTER_VALUE.test(v));
    });
    if (kept.length !== pairs.length) u.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return u.href;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
