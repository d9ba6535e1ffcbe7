// Which table cells a failed check is about, so the report page can mark them. The extractor
// writes one check per column, row or group and names it first in `detail` ("natural_person: …");
// when the detail names no key, the identity is recomputed here (null counts as 0) to find the
// columns, rows or groups that break it, and failing that every cell the rule covers is marked.
import {
  APPLICATIONS,
  REVIEWS,
  evaluateIdentities,
  identityCells,
  type Grid,
  type GridSpec,
} from '../../forms/index.js';
import type { Check, ReportRecord } from '../../record.js';

/** The keys a detail is about: the one it starts with ("natural_person: …"), else every key it names. */
function named<T extends string>(detail: string, keys: readonly T[]): T[] {
  const lead = /^([a-z_]+):/.exec(detail)?.[1];
  if (lead && (keys as readonly string[]).includes(lead)) return [lead as T];
  return keys.filter((k) => new RegExp(`(^|[^a-z_])${k}([^a-z_]|$)`).test(detail));
}

function firstOf<T>(found: T[], recompute: () => T[]): T[] {
  return found.length ? found : recompute();
}

/** Cell paths (`applications.<row>.<column>`, `reviews.<group>.<column>`) a failed check involves. */
export function cellsOfCheck(record: ReportRecord, check: Check): string[] {
  if (check.ok) return [];
  for (const [name, spec] of [
    ['applications', APPLICATIONS],
    ['reviews', REVIEWS],
  ] as [string, GridSpec][]) {
    const identity = spec.identities.find((i) => i.rule === check.rule);
    if (!identity) continue;
    const table = (record[name as 'applications' | 'reviews'] ?? {}) as Grid;
    const all =
      identity.each === 'column'
        ? spec.columns.map((c) => c.key)
        : (identity.rows ?? spec.rows.map((r) => r.key)).filter((r) => table[r]);
    const failing = () =>
      evaluateIdentities({ ...spec, identities: [identity] }, table)
        .filter((c) => !c.ok)
        .map((c) => c.detail.slice(0, c.detail.indexOf(':')));
    const targets = firstOf(named(check.detail, all), failing);
    const chosen = targets.length ? targets : all;
    // As the identity reads: a per-column identity's rows in its order, each across the columns chosen;
    // a per-row identity's rows, each with its columns.
    const cells =
      identity.each === 'row'
        ? chosen.flatMap((t) => identityCells(spec, identity, table, t))
        : identityCells(spec, identity, table, chosen[0]!).flatMap((cell) => {
            const row = cell.slice(0, cell.indexOf('.'));
            return spec.columns.filter((c) => chosen.includes(c.key)).map((c) => `${row}.${c.key}`);
          });
    return cells.map((cell) => `${name}.${cell}`);
  }
  return [];
}
