// Table 二 (主动公开政府信息情况): blocks under 第二十条 banners, rows read by label; the columns
// depend on the form (2019: counts of items and procurement; 2021: documents in force and fee amounts).
import { PROACTIVE_2019, PROACTIVE_2021, type CellSource, type ProactiveTable, type Warning } from '../../record.js';
import { labelKey } from '../../text/normalise.js';
import { toWanYuan } from './cells.js';
import { HeaderColumns, placeValues } from './columns.js';
import { labelledRows } from './assemble.js';
import { PROACTIVE_MATCHERS, SUBTOTAL, type ProactiveRow } from './labels.js';
import { placedSources } from './provenance.js';
import type { Item, ValueCell } from './sections.js';
import type { TableRead } from './applications.js';
import type { TextRow } from '../model.js';

export const PROACTIVE_2021_LABELS = /本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量/;
export const PROACTIVE_2019_LABELS =
  /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|采购项目数量|采购总金额|其他对外管理服务事项|政府集中采购/;

export function readProactive(rows: TextRow[], form: '2019' | '2021'): TableRead<ProactiveTable> {
  const layout: Record<string, readonly string[]> = form === '2021' ? PROACTIVE_2021 : PROACTIVE_2019;
  const warnings: Warning[] = [];
  const found = new Map<ProactiveRow, (ValueCell | null)[]>();
  const cells: CellSource[] = [];
  let headerCenters: number[] = [];
  let header = new HeaderColumns();
  let labelColumn: { x0: number; x1: number } | null = null;
  let moneyUnit: '万元' | '元' | null = form === '2021' ? '万元' : null;
  const sectionText = rows
    .map((r) => r.cells.map((c) => c.text).join(''))
    .join('')
    .normalize('NFKC');
  if (form === '2019' && /(单位|金额)[:：(（]*\s*万元/.test(sectionText)) moneyUnit = '万元';
  // Column centres of the block's header (PDF): header labels are often broken over lines
  // ("本年" / "制发件数"), so every header cell between a 第二十条 banner and the block's first
  // value row adds its centre; cells of one column share it.
  let collecting = false;
  const readHeader = (item: Item) => {
    if (/第二十条/.test(item.label)) {
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
      if (/^(信息内容|信息|内容)$/.test(labelKey(c.text))) {
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
        detail: `row not in the ${form} form: ${numbers.map((v) => v.raw).join(' ')}`,
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
    const cells = found.get(key as ProactiveRow);
    if (!cells)
      warnings.push({ code: 'missing_row', where: `proactive.${key}`, detail: 'row not printed; cells left blank' });
    const row: Record<string, number | string | null> = {};
    columns.forEach((col, i) => {
      const v = cells?.[i] ?? null;
      if (col === 'amount_wan_yuan') {
        row.amount_wan_yuan = v ? toWanYuan(v, moneyUnit) : null;
        row.amount_raw = v ? v.raw : null;
        if (v && v.value !== 0 && row.amount_wan_yuan === null)
          warnings.push({
            code: 'unknown_money_unit',
            where: `proactive.${key}.amount_wan_yuan`,
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
