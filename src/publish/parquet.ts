// reports.parquet: the rows of reports.csv, typed (INT32 counts, DOUBLE money, UTF-8 strings,
// DATE dates, nulls kept) for DuckDB / pandas / R. Written by hyparquet-writer (pure JS).
import type { SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ReportRecord } from '../record.js';
import { REPORT_COLUMNS } from './csv.js';
import type { FieldType } from './fields.js';
import { FileSink, type WrittenFile } from './sink.js';

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

/** Writes the parquet file through `writer` (its `finish` is called at the end). */
function writeRows(writer: ByteWriter, records: ReportRecord[]): void {
  const schema: SchemaElement[] = [
    { name: 'root', num_children: REPORT_COLUMNS.length },
    ...REPORT_COLUMNS.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...PHYSICAL[c.type] })),
  ];
  const pq = new ParquetWriter({ writer, schema, createdBy: 'ogi publish' });
  for (let i = 0; i < records.length || i === 0; i += ROW_GROUP) {
    const batch = records.slice(i, i + ROW_GROUP);
    const columnData = REPORT_COLUMNS.map((c) => ({ name: c.name, data: batch.map((r) => typed(c.type, c.get(r))) }));
    pq.write({ columnData, rowGroupSize: ROW_GROUP });
  }
  pq.finish();
}

export function parquetBytes(records: ReportRecord[]): Uint8Array {
  const writer = new ByteWriter();
  writeRows(writer, records);
  return new Uint8Array(writer.getBuffer());
}

const FLUSH_BYTES = 1 << 20;

/**
 * A ByteWriter that hands its bytes to a file sink every megabyte (as hyparquet-writer's own
 * fileWriter does), instead of doubling one buffer up to the whole file and copying it twice.
 * The writer only uses `offset` (total bytes) for positions, never bytes already written.
 */
class SinkWriter extends ByteWriter {
  constructor(private readonly sink: FileSink) {
    super(FLUSH_BYTES * 2);
  }

  override ensure(size: number): void {
    if (this.index > FLUSH_BYTES) this.flush();
    super.ensure(size);
  }

  override finish(): void {
    this.flush();
  }

  override getBuffer(): ArrayBuffer {
    throw new Error('SinkWriter: the bytes went to the file');
  }

  private flush(): void {
    this.sink.writeBytes(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }
}

export function writeParquet(dir: string, records: ReportRecord[]): WrittenFile {
  const sink = new FileSink(dir, 'reports.parquet');
  writeRows(new SinkWriter(sink), records);
  return sink.close();
}
