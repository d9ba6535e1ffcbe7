// Table 二 (主动公开政府信息情况): blocks under 第二十条 banners, rows read by label; the columns
// depend on the form (2019: counts of items and procurement; 2021: documents in force and fee amounts).
import { proactiveLayout, type FormSpec } from '../../forms/index.js';
import type { CellSource, ProactiveTable, Warning } from '../../record.js';
import { labelKey } from '../../text/normalise.js';
import { toWanYuan } from './cells.js';
import { HeaderColumns, placeValues } from './columns.js';
import { labelledRows } from './assemble.js';
import { PROACTIVE_MATCHERS, SUBTOTAL } from './labels.js';
import { placedSources } from './provenance.js';
import type { Item, ValueCell } from './sections.js';
import type { TableRead } from './applications.js';
import type { TextRow } from '../model.js';

export function readProactive(rows: TextRow[], form: FormSpec): TableRead<ProactiveTable> {
  const spec = form.proactive;
  const layout = proactiveLayout(form);
  const warnings: Warning[] = [];
  const found = new Map<string, (ValueCell | null)[]>();
  const cells: CellSource[] = [];
  let headerCenters: number[] = [];
  let header = new HeaderColumns();
  let labelColumn: { x0: number; x1: number } | null = null;
  const sectionText = rows
    .map((r) => r.cells.map((c) => c.text).join(''))
    .join('')
    .normalize('NFKC');
  // Money cells without a unit are in the unit the block's header states, else the one the table states.
  const tableUnit = spec.statesUnit.test(sectionText) ? '万元' : null;
  const statedUnit = new Map(
    spec.blocks.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c) => [`${r}.${c.key}`, c.statedUnit] as const))),
  );
  // Column centres of the block's header (PDF): header labels are often broken over lines
  // ("本年" / "制发件数"), so every header cell between a 第二十条 banner and the block's first
  // value row adds its centre; cells of one column share it.
  let collecting = false;
  const readHeader = (item: Item) => {
    if (spec.banner.test(item.label)) {
      collecting = true;
      headerCenters = [];
      header = new HeaderColumns();
      labelColumn = null;
      return;
    }
    if (!collecting) return;
    for (const c of item.labelCells) {
      if (c.x0 === undefined || c.x1 === undefined) continue;
      // The label column (信息内容 over the row labels) is no column of figures; a blank row's label is in it.
      if (spec.labelColumn.test(labelKey(c.text))) {
        labelColumn = { x0: c.x0, x1: c.x1 };
        continue;
      }
      if (labelColumn && c.x0 < labelColumn.x1 && labelColumn.x0 < c.x1) continue;
      header.add(c.x0, c.x1);
    }
    headerCenters = header.centers();
  };
  const matchers = PROACTIVE_MATCHERS.filter((m) => m.key in layout);

  for (const { match, label, values } of labelledRows(rows, matchers, readHeader)) {
    collecting = false;
    const numbers = values.filter((v) => v.kind === 'number');
    if (!match) {
      if (!numbers.length) continue; // a banner or header row with blank cells
      const code = SUBTOTAL.test(label) ? 'subtotal_row' : 'extra_row';
      warnings.push({
        code,
        where: `proactive:${label || '(no label)'}`,
        detail: `row not in the ${form.id} form: ${numbers.map((v) => v.raw).join(' ')}`,
      });
      continue;
    }
    const key = match.key;
    const where = `proactive.${key}`;
    if (match.loose) warnings.push({ code: 'loose_label', where, detail: `label '${label}' matched loosely` });
    const columns = layout[key];
    const centers = headerCenters.length === columns.length ? headerCenters : null;
    const placed = placeValues(values, columns.length, centers, where);
    warnings.push(...placed.warnings);
    found.set(key, placed.cells);
    cells.push(
      ...placedSources(
        'proactive',
        columns.map((c) => [key, c] as const),
        values,
        placed.cells,
        match.loose,
      ),
    );
  }
  if (!found.size) return { table: null, warnings: [], keys: [] };

  const table: ProactiveTable = {};
  for (const [key, columns] of Object.entries(layout)) {
    const cells = found.get(key);
    if (!cells)
      warnings.push({ code: 'missing_row', where: `proactive.${key}`, detail: 'row not printed; cells left blank' });
    const row: Record<string, number | string | null> = {};
    columns.forEach((col, i) => {
      const v = cells?.[i] ?? null;
      const money = spec.columns.find((c) => c.key === col && c.type === 'money');
      if (money) {
        row[col] = v ? toWanYuan(v, statedUnit.get(`${key}.${col}`) ?? tableUnit) : null;
        if (money.raw) row[money.raw.key] = v ? v.raw : null;
        if (v && v.value !== 0 && row[col] === null)
          warnings.push({
            code: 'unknown_money_unit',
            where: `proactive.${key}.${col}`,
            detail: `'${v.raw}' has no unit and the table states none`,
          });
      } else {
        row[col] = v?.value ?? null;
        if (v?.signed)
          warnings.push({ code: 'signed_value', where: `proactive.${key}.${col}`, detail: `signed value '${v.raw}'` });
      }
    });
    table[key] = row;
  }
  return { table, warnings, keys: [...found.keys()], cells };
}
