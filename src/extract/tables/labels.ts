// Which form row a printed label means. Labels are reworded, clipped, split and spaced in real
// reports, so each row of a form spec (src/forms/) has keywords: `strong` ones identify it on their
// own; `loose` ones are fragments that still identify it when the label is clipped (a match on them
// is warned about). Keywords are compared against the label in `rowLabel` form.
import {
  APPLICATIONS,
  PROACTIVE,
  REVIEWS,
  type ApplicationRow,
  type ProactiveRow,
  type ReviewGroup,
  type RowSpec,
} from '../../forms/index.js';
import { labelKey } from '../../text/normalise.js';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * A row label in `labelKey` form with its item numbering in one style: ①, (1), （1）, 1、, 1．, 1. all
 * become "1." ("(3)其他" → "3.其他"), so the form's keywords and numbered-item rules see one spelling.
 */
export function rowLabel(text: string): string {
  const circled = text.replace(/[①-⑳]/g, (c) => `${CIRCLED.indexOf(c) + 1}.`);
  return labelKey(circled)
    .replace(/\((\d{1,2})\)(?=\p{Script=Han}|$)/gu, '$1.')
    .replace(/(^|[^\d.])(\d{1,2})[、.](?=\p{Script=Han}|$)/gu, '$1$2.');
}

export interface RowMatcher<K extends string> {
  key: K;
  strong: readonly RegExp[];
  loose?: readonly RegExp[];
  /** The row's label as the form prints it: a label no keyword matches is compared with it, character by character. */
  label?: readonly [string, string];
}

/**
 * A table's rows as matchers, in the order ties are broken: a subtotal row after its parts (the
 * parts' labels are the more specific: "（六）其他处理3.其他" is 3.其他).
 */
function matchers<K extends string>(rows: readonly RowSpec<K>[]): RowMatcher<K>[] {
  const parts = new Set(rows.flatMap((r) => r.parts ?? []));
  const whole = rows.filter((r) => r.parts?.some((p) => parts.has(p)));
  return [...rows.filter((r) => !whole.includes(r)), ...whole];
}

export const APPLICATION_MATCHERS: RowMatcher<ApplicationRow>[] = matchers(APPLICATIONS.rows);
export const PROACTIVE_MATCHERS: RowMatcher<ProactiveRow>[] = matchers(PROACTIVE.rows as RowSpec<ProactiveRow>[]);
export const REVIEW_MATCHERS: RowMatcher<ReviewGroup>[] = matchers(REVIEWS.rows);

/** Generic words of a table, not of a form: a row printing values under them is a subtotal. */
export const SUBTOTAL = /小计|合计/;

const groups = Object.values(APPLICATIONS.groups).filter((g) => g.merged);
/** Labels of a group, not of a data row (（三）不予公开…): a row printing values under them is a subtotal. */
export const GROUP_LABELS = groups.filter((g) => g.parent).map((g) => new RegExp(`^(?:${g.merged!.source})$`));
const OPENING = groups.filter((g) => !g.parent).map((g) => g.merged!);
const GROUP = new RegExp(
  groups
    .filter((g) => g.parent)
    .map((g) => g.merged!.source)
    .join('|'),
  'g',
);

/**
 * The label without the rowspan group labels a row inherits: "三、本年度办理结果" at its start, and
 * "（三）不予公开"…"（六）其他处理" wherever they were merged into the line — unless the group label
 * is (nearly) all there is, as in the 2019 form's single （六）其他处理 row.
 */
export function stripGroupLabels(label: string): string {
  const out = OPENING.reduce((l, re) => l.replace(re, ''), label);
  const without = out.replace(GROUP, '');
  return without.length >= 4 ? without : out;
}

export interface Match<K extends string> {
  key: K;
  loose: boolean;
  /** Length of the keyword that matched: longer = more specific. */
  strength: number;
}

/** Every row a label could mean, best first: strong keywords beat loose ones, longer matches shorter. */
export function matchAll<K extends string>(printed: string, matchers: RowMatcher<K>[]): Match<K>[] {
  const whole = rowLabel(printed).replace(/[、，,。：:；;“”"'‘’·]/g, '');
  // A label with stray text before its item number (a group label's last character from a page
  // break: "理3.其他") is also read from its last item number on.
  const item = [...whole.matchAll(/\d{1,2}\.(?=\p{Script=Han})/gu)].at(-1);
  const labels = item?.index ? [whole, whole.slice(item.index)] : [whole];
  const best = new Map<K, Match<K>>();
  for (const label of labels)
    for (const mt of matchers) {
      for (const [list, loose] of [
        [mt.strong, false],
        [mt.loose ?? [], true],
      ] as const) {
        for (const re of list) {
          const hit = re.exec(label);
          if (!hit) continue;
          const strength = (loose ? 0 : 1000) + hit[0].length;
          if (strength > (best.get(mt.key)?.strength ?? -1)) best.set(mt.key, { key: mt.key, loose, strength });
        }
      }
    }
  if (!best.size) {
    const near = nearestLabel(labels, matchers);
    if (near) return [near];
  }
  return [...best.values()].sort((a, b) => b.strength - a.strength);
}

/** Share of the form's label a printed label must keep, in order, to stand for it (OCR misreads a character or two). */
const SIMILAR = 0.8;
/** …and by how much it must be nearer that label than any other. */
const MARGIN = 0.15;

/**
 * A label that no keyword matches, read as the form label it nearly spells ("7.属于行政执法案郑",
 * "(一)子以公开": OCR misreads): the one whose characters it keeps in order (longest common
 * subsequence) for at least SIMILAR of the form label, clearly nearer than any other. A loose
 * match, weaker than any keyword's.
 */
function nearestLabel<K extends string>(labels: string[], matchers: RowMatcher<K>[]): Match<K> | null {
  let best: { key: K; score: number } | null = null;
  let second = 0;
  for (const label of labels) {
    if ((label.match(/\p{Script=Han}/gu)?.length ?? 0) < 4) continue;
    for (const m of matchers) {
      if (!m.label) continue;
      const official = rowLabel(m.label[0]).replace(/[、，,。：:；;“”"'‘’·]/g, '');
      if (official.length < 4 || label.length > official.length * 1.5) continue;
      const score = lcs(label, official) / official.length;
      if (score > (best?.score ?? 0)) {
        if (best && best.key !== m.key) second = Math.max(second, best.score);
        best = { key: m.key, score };
      } else if (m.key !== best?.key) second = Math.max(second, score);
    }
  }
  if (!best || best.score < SIMILAR || best.score - second < MARGIN) return null;
  return { key: best.key, loose: true, strength: best.score / 2 };
}

/** Length of the longest common subsequence of two strings. */
function lcs(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = new Array<number>(y.length + 1).fill(0);
  for (const cx of x) {
    const cur = [0];
    for (let j = 0; j < y.length; j++) cur.push(cx === y[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, cur[j]!));
    prev = cur;
  }
  return prev[y.length]!;
}
