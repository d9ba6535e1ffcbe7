// The crawl's counters and the progress line written to stderr every few seconds:
// `pages 1,204 · docs 311 · failed 7 · ETA 4m`.

export class Progress {
  pages = 0;
  docs = 0;
  failed = 0;
  private readonly started = Date.now();
  private handledAtStart: number | null = null;

  /** The line for `handled` of `total` queued requests (ETA from the rate so far this run). */
  line(handled: number, total: number, now = Date.now()): string {
    this.handledAtStart ??= handled;
    const done = handled - this.handledAtStart;
    const pending = Math.max(0, total - handled);
    const elapsed = (now - this.started) / 1000;
    const eta = pending === 0 ? '0s' : done > 0 && elapsed > 0 ? duration((pending * elapsed) / done) : '?';
    return `pages ${fmt(this.pages)} · docs ${fmt(this.docs)} · failed ${fmt(this.failed)} · ETA ${eta}`;
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** 42 → `42s`, 250 → `4m`, 7300 → `2h 2m`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  return `${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m`;
}
