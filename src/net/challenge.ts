// The 412 challenge policy. Some portals answer a plain client with HTTP 412 and a script that sets a
// cookie and reloads the page. The browser earns that cookie once per host (it lands in the HTTP
// client's jar) and the request is tried once more. When the cookie alone does not pass (it is bound
// to the browser), that host's pages are loaded by the browser from then on; a file cannot be, and the
// host is reported blocked.
import type { BrowserSession } from './browser.js';
import { FetchError, type FetchRequest, type FetchResult, type HttpClient } from './fetch.js';
import { stamp } from '../sys/clock.js';

export interface ChallengeFetchOptions {
  /** A page (HTML): may be loaded by the browser when the challenge cookie alone does not pass. */
  asPage?: boolean;
}

export class ChallengeAwareFetcher {
  /** One browser visit per challenged host: its cookie then serves every request to that host. */
  private readonly challenges = new Map<string, Promise<unknown>>();
  /** Hosts whose challenge cookie is bound to the browser: their pages are fetched by the browser. */
  private readonly browserHosts = new Set<string>();

  constructor(
    readonly http: HttpClient,
    readonly browser: BrowserSession,
  ) {}

  /** Fetch through the HTTP client; on a 412 challenge let the browser earn the cookie and try once more. */
  async fetch(req: FetchRequest, opts: ChallengeFetchOptions = {}): Promise<FetchResult> {
    const host = new URL(req.url).host;
    const asPage = (opts.asPage ?? false) && (req.method ?? 'GET') === 'GET';
    if (asPage && this.browserHosts.has(host)) return this.viaBrowser(req.url);
    try {
      return await this.http.fetch(req);
    } catch (err) {
      if (!(err instanceof FetchError) || err.kind !== 'challenge') throw err;
      await this.passChallenge(req.url);
      try {
        return await this.http.fetch(req);
      } catch (again) {
        if (!(again instanceof FetchError) || again.kind !== 'challenge') throw again;
        if (asPage) {
          this.browserHosts.add(host);
          return this.viaBrowser(req.url);
        }
        throw new FetchError('blocked', req.url, `${again.message}; the challenge cookie alone does not pass it`, 412);
      }
    }
  }

  /**
   * A page as the browser shows it (its DOM serialised as UTF-8: there are no raw bytes to keep), under
   * the same manners as the HTTP client: allowed host, robots.txt, the host's rate.
   */
  async viaBrowser(url: string): Promise<FetchResult> {
    await this.http.admit(url);
    await this.http.cleared(url); // a back-off, waited out here; the slot is taken as Chromium sends the page
    const out = await this.browser.render(url, this.http.jar, { admitted: true });
    if (out.status >= 400) {
      const kind = out.status === 403 || out.status === 412 ? 'blocked' : (`http_${out.status}` as const);
      throw new FetchError(kind, url, `HTTP ${out.status} from ${url} (browser)`, out.status);
    }
    return {
      url,
      finalUrl: out.finalUrl,
      status: out.status,
      notModified: false,
      body: Buffer.from(out.html, 'utf8'),
      contentType: 'text/html; charset=utf-8',
      etag: null,
      lastModified: null,
      contentDisposition: null,
      fetchedAt: stamp(),
    };
  }

  private passChallenge(url: string): Promise<unknown> {
    const host = new URL(url).host;
    let visit = this.challenges.get(host);
    if (!visit) {
      visit = this.browser.render(url, this.http.jar).catch(() => undefined);
      this.challenges.set(host, visit);
    }
    return visit;
  }
}
