// The one clock for the times a run stamps on what it stores (a document's fetched_at, a failure's
// `at`). OGI_CLOCK=<ISO time> pins it: two runs over the same portals (one machine, a cluster) then
// store and publish byte-identical files, which is how test/cluster/ compares them.
let pinned: string | null | undefined;

/** Now, as an ISO 8601 string (OGI_CLOCK when set). */
export function stamp(): string {
  if (pinned === undefined) {
    const v = process.env.OGI_CLOCK;
    if (v && Number.isNaN(Date.parse(v))) throw new Error(`OGI_CLOCK is not a date: ${v}`);
    pinned = v ? new Date(v).toISOString() : null;
  }
  return pinned ?? new Date().toISOString();
}
