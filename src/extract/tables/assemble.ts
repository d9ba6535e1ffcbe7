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
import { PROACTIVE } from '../../forms/index.js';

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
/** The 第二十条第(N)项 banner that opens a block of table 二. */
const BANNER = new RegExp(`^(?:${PROACTIVE.banner.source})`);
/** A fragment that opens the next item: a numbered label, or a banner. */
const OPENS_ITEM = new RegExp(`${NUMBERED.source}|${BANNER.source}`);

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
    // Fragments of the label's head come after the block's 第二十条 banner (before it: the previous block).
    const banner = pending.map((p) => BANNER.test(p.label)).lastIndexOf(true);
    const mine = pending.slice(banner + 1);
    // Fragments before: from the last one that opens a numbered item (earlier ones are the previous row's tail).
    const start = mine.map((p) => NUMBERED.test(p.label)).lastIndexOf(true);
    const before = (start >= 0 && !NUMBERED.test(item.label) ? mine.slice(start) : mine).map((p) => p.label).join('');
    // Fragments after: up to the next one that opens an item.
    const after: Item[] = [];
    for (
      let j = i + 1;
      j < items.length && !items[j].values && isLabelFragment(items[j]) && !OPENS_ITEM.test(items[j].label);
      j++
    )
      after.push(items[j]);
    const join = (list: Item[]) => list.map((p) => p.label).join('');
    // Nearest fragments first: the last k before (a spaced label flattened to words: "规" / "章"), the first k after.
    const heads = mine.slice(-MAX_HEAD_FRAGMENTS).map((_, k, last) => join(last.slice(last.length - k - 1)));
    pending = [];

    const own = item.label;
    if (!item.values.some((v) => v.kind === 'number')) {
      // A row of blanks (or a header with trailing blank cells) claims a row only by its own strong label.
      const match = matchAll(stripGroupLabels(own), matchers).find((m) => !found.has(m.key) && !m.loose) ?? null;
      if (match) found.add(match.key);
      yield { match, label: own, values: item.values, item };
      continue;
    }
    const readings = [{ label: own, used: 0 }];
    for (let k = 1; k <= Math.max(heads.length, after.length); k++) {
      if (k <= heads.length) readings.push({ label: heads[k - 1] + own, used: 0 });
      if (k <= after.length) readings.push({ label: own + join(after.slice(0, k)), used: k });
    }
    if (before && !heads.includes(before)) readings.push({ label: before + own, used: 0 });
    for (let k = 1; before && k <= after.length; k++)
      readings.push({ label: before + own + join(after.slice(0, k)), used: k });
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
    // Figures a line above their label (a PDF line break inside a tall row): the label on the next line.
    const next = items[i + 1];
    if (!chosen.match && next && !next.values && isLabelFragment(next)) {
      const match = matchAll(stripGroupLabels(next.label), matchers).find((m) => !found.has(m.key) && !m.loose);
      if (match) chosen = { match, label: next.label, used: 1 };
    }
    if (chosen.match) found.add(chosen.match.key);
    i += chosen.used;
    yield { match: chosen.match, label: chosen.label, values: item.values, item };
  }
}
