// Duplicates, in one place. The same report is often published twice: as an HTML page and a PDF
// attachment, at two URLs of one portal, or copied to another portal.
//
//   0. one report, one record (sameReport, used by `assemble`): documents are the same report when
//      they have the same bytes (content hash), the same URL after redirects (`final_url`, canonical:
//      src/crawl/canonical.ts — an alias, a link with tracking parameters), or are a page with the
//      report inline and its own attachment (the page links it, and the two records name the same
//      year and, where both name one, the same agency). The group gives ONE record, read from the
//      richest document (richest: most cells filled, then the higher confidence, then the attachment —
//      the document as issued — over the page, then the document at its own address over an alias
//      that redirects to it, then the group's first: fetched first, then by URL, as `assemble` orders it), listing every URL.
//
// Copies that are not provably the same document (another portal, a re-post) are kept; the later copy
// is marked `duplicate_of` the first, so researchers can count each report once. Two steps, one
// result (the record's duplicate_of):
//
//   1. documents, at crawl time (DuplicateIndex, in the DocumentStore): a document gets
//      `duplicate_of` = the sha256 of the first document with the same bytes at another URL, or with
//      the same agency, year and scope (list hints) and the same normalised text (at crawl time only
//      HTML text is known; markDocumentDuplicates reruns it with the text of every format). Stored in
//      documents.jsonl.
//   2. records, at publish time (markDuplicates): `assemble` turns a document's link into a record
//      link (the report_id of the first document's record); markDuplicates keeps those links and marks
//      the other records with the same agency, year, scope and the same figures in all three tables
//      (at least one table printed). "First" = fetched first, then report_id.
import { createHash } from 'node:crypto';
import type { ReportRecord } from '../record.js';
import { contentKey } from '../text/normalise.js';
import { isReportOfPage, type DocumentEntry, type DocumentHints } from './layout.js';

/** Agency + year + scope + hash of the normalised text; null when agency, year or text are unknown. */
export function duplicateKey(
  hints: DocumentHints & { scope?: string },
  text: string | null | undefined,
): string | null {
  if (!hints.agency || !hints.year || !text) return null;
  const norm = contentKey(text);
  if (norm.length < 20) return null; // too little text to call two documents the same
  const digest = createHash('sha256').update(norm).digest('hex');
  return [hints.agency, hints.year, hints.scope ?? '', digest].join('\u0000');
}

/** Remembers the first document per content hash and per duplicate key, in the order they were added. */
export class DuplicateIndex {
  private readonly byHash = new Map<string, string>();
  private readonly byKey = new Map<string, string>();

  /** `duplicate_of` for an entry about to be added (null for the first of its kind). */
  find(entry: Pick<DocumentEntry, 'sha256' | 'url' | 'hints'>, text?: string | null): string | null {
    const sameBytes = this.byHash.get(entry.sha256);
    if (sameBytes !== undefined && sameBytes !== entry.url) return entry.sha256;
    const key = duplicateKey(entry.hints, text);
    const first = key ? this.byKey.get(key) : undefined;
    return first !== undefined && first !== entry.sha256 ? first : null;
  }

  add(entry: Pick<DocumentEntry, 'sha256' | 'url' | 'hints'>, text?: string | null): void {
    if (!this.byHash.has(entry.sha256)) this.byHash.set(entry.sha256, entry.url);
    const key = duplicateKey(entry.hints, text);
    if (key && !this.byKey.has(key)) this.byKey.set(key, entry.sha256);
  }
}

/** Entries (in publication order) with `duplicate_of` set from bytes and, where `textOf` knows it, text. */
export function markDocumentDuplicates(
  entries: readonly DocumentEntry[],
  textOf: (entry: DocumentEntry) => string | null | undefined = () => null,
): DocumentEntry[] {
  const index = new DuplicateIndex();
  return entries.map((entry) => {
    const text = textOf(entry);
    const duplicate_of = index.find(entry, text);
    index.add(entry, text);
    return { ...entry, duplicate_of };
  });
}

const str = (v: unknown) => String(v);
const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Same agency, year and scope ⇔ 0. */
const cmpWho = (a: ReportRecord, b: ReportRecord) =>
  cmpText(str(a.agency), str(b.agency)) || cmpText(str(a.year), str(b.year)) || cmpText(str(a.scope), str(b.scope));
const cmpFetched = (a: ReportRecord, b: ReportRecord) =>
  (a.source?.fetched_at ?? '').localeCompare(b.source?.fetched_at ?? '') || a.report_id.localeCompare(b.report_id);

/**
 * Sets `duplicate_of` on every record (null for the first copy); returns the same array. Report ids
 * must be unique. A `duplicate_of` already set (by `assemble`, from the documents' crawl-time links) is
 * kept when it names another record of the array (followed to the first of its chain); the others
 * are marked by their figures.
 */
export function markDuplicates(records: ReportRecord[]): ReportRecord[] {
  const ids = new Map(records.map((r) => [r.report_id, r]));
  const linked = new Map<string, string>();
  for (const r of records) {
    const seen = new Set([r.report_id]);
    let target: string | null = null;
    for (
      let next = r.duplicate_of ?? null;
      next !== null && ids.has(next) && !seen.has(next);
      next = ids.get(next)!.duplicate_of ?? null
    ) {
      target = next;
      seen.add(next);
    }
    if (target !== null) linked.set(r.report_id, target);
  }
  for (const r of records) r.duplicate_of = linked.get(r.report_id) ?? null;
  const who = (r: ReportRecord) =>
    r.agency && r.year !== null && (r.proactive || r.applications || r.reviews)
      ? `${r.agency}|${r.year}|${r.scope}`
      : null;
  // Sorted by agency, year and scope, then fetched first: only a group of two or more can hold a
  // duplicate, compared within the group (no map of 100,000 keys: ~25 MB of heap).
  const order = records
    .filter((r) => who(r) !== null && !linked.has(r.report_id))
    .sort((a, b) => cmpWho(a, b) || cmpFetched(a, b));
  for (let start = 0, end = 1; start < order.length; start = end, end = start + 1) {
    while (end < order.length && cmpWho(order[start]!, order[end]!) === 0) end++;
    if (end - start < 2) continue;
    const first = new Map<string, string>();
    for (const r of order.slice(start, end)) {
      const key = createHash('sha256')
        .update(JSON.stringify([who(r), r.proactive, r.applications, r.reviews]))
        .digest('base64');
      const seen = first.get(key);
      if (seen) r.duplicate_of = seen;
      else first.set(key, r.report_id);
    }
  }
  return records;
}

/** Filled cells of the three tables (numbers and printed zeros; blanks are null). */
function filledCells(r: ReportRecord): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (typeof v === 'number') n++;
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk([r.proactive, r.applications, r.reviews]);
  return n;
}

const CONFIDENCE_RANK = { high: 2, medium: 1, low: 0 } as const;

/** The document of a group to read the record from (see the header, step 0). */
export function richest(group: readonly DocumentEntry[], recordOf: (e: DocumentEntry) => ReportRecord): DocumentEntry {
  const score = (e: DocumentEntry) => {
    const r = recordOf(e);
    return [
      filledCells(r),
      CONFIDENCE_RANK[r.confidence] ?? 0,
      isReportOfPage(e) ? 1 : 0,
      !e.final_url || e.final_url === e.url ? 1 : 0, // its own address, not an alias that redirects to it
    ];
  };
  let best = group[0]!;
  let bestScore = score(best);
  for (const e of group.slice(1)) {
    const s = score(e);
    const i = s.findIndex((x, k) => x !== bestScore[k]);
    if (i >= 0 && s[i]! > bestScore[i]!) {
      best = e;
      bestScore = s;
    }
  }
  return best;
}

/**
 * The documents (each with a record) grouped by report (see the header, step 0), every group in the
 * order of `entries`, the groups in the order of their first document.
 */
export function sameReport(
  entries: readonly DocumentEntry[],
  recordOf: (e: DocumentEntry) => ReportRecord,
): DocumentEntry[][] {
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const firstBy = new Map<string, number>();
  const join = (key: string, i: number) => {
    const j = firstBy.get(key);
    if (j === undefined) firstBy.set(key, i);
    else union(j, i);
  };
  entries.forEach((e, i) => {
    join(`sha\t${e.sha256}`, i);
    join(`url\t${e.final_url || e.url}`, i);
  });
  // A page with the report inline and its own attachment(s).
  const pageAt = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.kind === 'page') pageAt.set(e.url, i).set(e.final_url || e.url, i);
  });
  entries.forEach((e, i) => {
    const p = isReportOfPage(e) && e.page_url ? pageAt.get(e.page_url) : undefined;
    if (p === undefined) return;
    const [a, b] = [recordOf(entries[p]!), recordOf(e)];
    const sameYear = typeof a.year === 'number' && a.year === b.year;
    const sameAgency = !a.agency || !b.agency || a.agency === b.agency;
    if (sameYear && sameAgency) union(p, i);
  });
  const groups = new Map<number, DocumentEntry[]>();
  entries.forEach((e, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(e);
    else groups.set(root, [e]);
  });
  return [...groups.values()];
}
