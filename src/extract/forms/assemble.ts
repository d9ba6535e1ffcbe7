// Puts a row's label back together. In PDFs (and some text dumps) a label is broken over lines
// and its numbers sit on a line of their own, between the label's head and tail:
//   "5.要求行政机关确认或重 新出具" / "0 0 0 0 0 0 0" / "已获取信息"
// and vertical group labels leave single characters in between. A value row's label is its own
// label, or that label with the fragments before it (back to the last one that starts a numbered
// item) and/or the fragments after it (up to the next numbered item). The form's row keywords
// decide which reading is right; a key already read is not read twice.
import { matchAll, stripGroupLabels, type Match, type RowMatcher } from './labels.js';
import { isLabelFragment, toItem, type Item, type ValueCell } from './sections.js';
import type { TextRow } from '../model.js';

export interface LabelledRow<K extends string> {
  match: Match<K> | null;
  /** The label as read (labelKey form), including any fragments used. */
  label: string;
  values: ValueCell[];
  item: Item;
}

/** Fragments tried as the head of a label, nearest first, besides the run back to a numbered item. */
const MAX_HEAD_FRAGMENTS = 4;

const NUMBERED = /^(\d+[.、]|\((一|二|三|四|五|六|七|八|九|十)\)|[一二三四五六七八九十]+、)/;

/** Yields value rows in order; `onLabelRow` sees each label-only row as it is passed (header rows). */
export function* labelledRows<K extends string>(
  rows: TextRow[],
  matchers: RowMatcher<K>[],
  onLabelRow?: (item: Item) => void,
): Generator<LabelledRow<K>> {
  const items = rows.map(toItem);
  const found = new Set<K>();
  let pending: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item.values) {
      onLabelRow?.(item);
      if (isLabelFragment(item)) pending.push(item);
      continue;
    }
    // Fragments before: from the last one that opens a numbered item (earlier ones are the previous row's tail).
    const start = pending.map((p) => NUMBERED.test(p.label)).lastIndexOf(true);
    const before = (start >= 0 && !NUMBERED.test(item.label) ? pending.slice(start) : pending)
      .map((p) => p.label)
      .join('');
    // Fragments after: up to the next one that opens a numbered item.
    const after: Item[] = [];
    for (
      let j = i + 1;
      j < items.length && !items[j].values && isLabelFragment(items[j]) && !NUMBERED.test(items[j].label);
      j++
    )
      after.push(items[j]);
    const tail = after.map((a) => a.label).join('');
    // The label's head may be the last few fragments only (a spaced label flattened to words: "规" / "章").
    const heads = pending
      .slice(-MAX_HEAD_FRAGMENTS)
      .map((_, k, last) =>
        last
          .slice(last.length - k - 1)
          .map((p) => p.label)
          .join(''),
      )
      .filter((h) => h !== before);
    pending = [];

    const own = item.label;
    if (!item.values.some((v) => v.kind === 'number')) {
      // A row of blanks (or a header with trailing blank cells) claims a row only by its own strong label.
      const match = matchAll(stripGroupLabels(own), matchers).find((m) => !found.has(m.key) && !m.loose) ?? null;
      if (match) found.add(match.key);
      yield { match, label: own, values: item.values, item };
      continue;
    }
    const readings = [{ label: own, used: 0 }, ...heads.map((h) => ({ label: h + own, used: 0 }))];
    if (before) readings.push({ label: before + own, used: 0 });
    if (tail) {
      readings.push({ label: own + tail, used: after.length });
      if (before) readings.push({ label: before + own + tail, used: after.length });
    }
    let chosen: { match: Match<K> | null; label: string; used: number } = { match: null, label: own, used: 0 };
    for (const r of readings) {
      const match = matchAll(stripGroupLabels(r.label), matchers).find((m) => !found.has(m.key)) ?? null;
      if (!match) continue;
      if (!match.loose) {
        chosen = { match, ...r };
        break;
      }
      if (!chosen.match) chosen = { match, ...r };
    }
    if (chosen.match) found.add(chosen.match.key);
    i += chosen.used;
    yield { match: chosen.match, label: chosen.label, values: item.values, item };
  }
}
