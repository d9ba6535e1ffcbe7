// The long runs (crawl, refresh) hold little live data at a time — a list page, a report, a record —
// but make a great deal of garbage (every page parsed into a DOM). V8's default heap growth lets that
// garbage reach several times the live data before a full collection: `ogi refresh` over 10,000
// report pages peaked at 746 MB resident with about 100 MB live. With --optimize-for-size the heap
// grows in small steps (the same run: bench/refresh.ts). V8 reads the flag whenever it resizes the
// heap, so setting it at run time, before the work starts, takes effect.
import v8 from 'node:v8';

let small = false;

/** Makes this process's JavaScript heap grow in small steps (idempotent; process-wide). */
export function preferSmallHeap(): void {
  if (small) return;
  small = true;
  v8.setFlagsFromString('--optimize-for-size');
}
