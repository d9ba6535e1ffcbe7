// The network layer's defaults, in a module that imports nothing: the commands' help quotes them
// without loading the HTTP client.

/** An HTTP request is given up after this long (`--timeout-ms`), then retried as any failed request. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Chromium needs longer than one HTTP request (start-up, scripts, the network settling): at least this. */
export const MIN_BROWSER_TIMEOUT_MS = 30_000;
/** A body over this size is not stored: the request fails as too large. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
