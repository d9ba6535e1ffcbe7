// reports.parquet: the rows of reports.csv, typed (INT32 counts, DOUBLE money, UTF-8 strings,
// DATE dates, nulls kept) for DuckDB / pandas / R. Written by hyparquet-writer (pure JS).
import type { SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ReportRecord } from '../record.js';
import { REPORT_COLUMNS } from './csv.js';
import type { FieldType } from './fields.js';
import { type WrittenFile, writeWhole } from './sink.js';

const PHYSICAL: Record<FieldType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  integer: { type: 'INT32' },
  number: { type: 'DOUBLE' },
  date: { type: 'INT32', converted_type: 'DATE' },
};

const DAY_MS = 86_400_000;

/** ISO date → days since 1970-01-01 (parquet DATE); anything else → null. */
export function epochDay(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.round(ms / DAY_MS);
}

function typed(type: FieldType, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (type === 'date') return epochDay(v);
  if (type === 'string') return String(v);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Rows per row group, and per batch handed to the writer (bounds memory: 100,000 reports at once took ~350 MB). */
const ROW_GROUP = 10_000;

export function parquetBytes(records: ReportRecord[]): Uint8Array {
  const schema: SchemaElement[] = [
    { name: 'root', num_children: REPORT_COLUMNS.length },
    ...REPORT_COLUMNS.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...PHYSICAL[c.type] })),
  ];
  const writer = new ByteWriter();
  const pq = new ParquetWriter({ writer, schema, createdBy: 'ogi publish' });
  for (let i = 0; i < records.length || i === 0; i += ROW_GROUP) {
    const batch = records.slice(i, i + ROW_GROUP);
    const columnData = REPORT_COLUMNS.map((c) => ({ name: c.name, data: batch.map((r) => typed(c.type, c.get(r))) }));
    pq.write({ columnData, rowGroupSize: ROW_GROUP });
  }
  pq.finish();
  return new Uint8Array(writer.getBuffer());
}

export function writeParquet(dir: string, records: ReportRecord[]): WrittenFile {
  return writeWhole(dir, 'reports.parquet', parquetBytes(records));
}
