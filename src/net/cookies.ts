// The crawl's one cookie jar (tough-cookie). Every HTTP hop stores its Set-Cookie headers (WAFs set a
// cookie on a 302 to the same URL), every request sends what the jar holds, and the browser session
// trades cookies with it: a 412 challenge cookie earned by Chromium then serves plain requests too.
import { CookieJar } from 'tough-cookie';

export { CookieJar };

/** A browser cookie as Playwright gives and takes it. */
export interface BrowserCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
}

/** The Cookie header for a request to `url`, or null when the jar holds none for it. */
export async function cookieHeader(jar: CookieJar, url: string): Promise<string | null> {
  return (await jar.getCookieString(url)) || null;
}

/** Stores a response's Set-Cookie headers; a malformed one is ignored. */
export async function storeSetCookies(jar: CookieJar, url: string, setCookies: readonly string[]): Promise<void> {
  for (const c of setCookies) await jar.setCookie(c, url, { ignoreError: true });
}

/** The jar's cookies for `url`, in the shape Playwright's `context.addCookies` takes. */
export async function cookiesForBrowser(
  jar: CookieJar,
  url: string,
): Promise<{ name: string; value: string; url: string }[]> {
  return (await jar.getCookies(url)).map((c) => ({ name: c.key, value: c.value, url }));
}

/** Copies the browser's cookies for `url` into the jar. */
export async function storeBrowserCookies(
  jar: CookieJar,
  url: string,
  cookies: readonly BrowserCookie[],
): Promise<void> {
  for (const c of cookies) {
    await jar.setCookie(`${c.name}=${c.value}; Domain=${c.domain.replace(/^\./, '')}; Path=${c.path}`, url, {
      ignoreError: true,
    });
  }
}
