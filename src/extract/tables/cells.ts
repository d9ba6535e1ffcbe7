// Cell text → label or value. Real cells hold "0", "", "—", "/", "无", "+2", "减少3", "15.68万元",
// "251000元", "1,234", full-width digits. Labels are everything else.
import { labelKey } from '../../text/normalise.js';

export type ValueKind = 'blank' | 'number';

export interface ParsedValue {
  kind: ValueKind;
  /** The number (sign applied); null for blanks and markers. */
  value: number | null;
  /** The cell as printed (trimmed). */
  raw: string;
  /** Explicit sign printed ("+2", "-1", "减少3"). */
  signed: boolean;
  /** Unit printed in the cell ("万元", "元", "件"…), if any. */
  unit: string | null;
}

const BLANK = /^(?:|[-—–−_/／\\~～]+|无|空|暂无|\.)$/;
const NUMBER = /^([+\-−])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(亿元|亿|万元|万|元|件|个|项|条|宗|次)?$/;
const WORD_SIGN = /^(减少|增加|减|增)(\d+(?:\.\d+)?)(件|个|项|条)?$/;

/** Parses a cell as a value, or returns null when the cell is a label. */
export function parseValue(text: string): ParsedValue | null {
  // As printed: a PDF's separate text runs may leave a space between the figure and its unit ("6460500 元").
  const raw = text.trim().replace(/(\d)\s+(?=[亿万元件])/g, '$1');
  if (/[①-⑳]/.test(raw)) return null; // item numbering (NFKC would make ③ a 3), never a figure
  const t = labelKey(raw);
  if (BLANK.test(t)) return { kind: 'blank', value: null, raw, signed: false, unit: null };
  const m = NUMBER.exec(t);
  if (m) {
    const digits = m[2].replace(/,/g, '') + (m[3] ? `.${m[3]}` : '');
    const sign = m[1] === '-' || m[1] === '−' ? -1 : 1;
    return { kind: 'number', value: sign * Number(digits), raw, signed: Boolean(m[1]), unit: m[4] ?? null };
  }
  const w = WORD_SIGN.exec(t);
  if (w) {
    const sign = w[1].startsWith('减') ? -1 : 1;
    return { kind: 'number', value: sign * Number(w[2]), raw, signed: true, unit: w[3] ?? null };
  }
  return null;
}

/** Money as printed → 万元, when the unit is known (in the cell — 元, 万元, 亿元 — or from the table/prose). */
export function toWanYuan(v: ParsedValue, statedUnit: '万元' | '元' | null): number | null {
  if (v.value === null) return null;
  const unit =
    v.unit === '万'
      ? '万元'
      : v.unit === '亿'
        ? '亿元'
        : v.unit === '万元' || v.unit === '元' || v.unit === '亿元'
          ? v.unit
          : statedUnit;
  if (unit === '亿元') return Math.round(v.value * 10000 * 1e6) / 1e6;
  if (unit === '万元') return v.value;
  if (unit === '元') return Math.round((v.value / 10000) * 1e6) / 1e6;
  return v.value === 0 ? 0 : null;
}
