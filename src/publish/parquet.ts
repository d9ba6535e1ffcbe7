// The Parquet files: the rows of the CSVs, typed (INT32 counts, DOUBLE money, UTF-8 strings,
// DATE dates, nulls kept) for DuckDB / pandas / R. Written by hyparquet-writer (pure JS).
import type { SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
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

/** A column of a parquet file: name, type, and how to get its value from a row. */
export interface ParquetColumn<T> {
  name: string;
  type: FieldType;
  /** A whole number in every row (never null): written REQUIRED, from a typed array. ParquetSink only. */
  required?: boolean;
  get: (row: T) => unknown;
}

const CREATED_BY = 'ogi publish';

function parquetSchema<T>(columns: ParquetColumn<T>[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => ({
      name: c.name,
      repetition_type: c.required ? ('REQUIRED' as const) : ('OPTIONAL' as const),
      ...PHYSICAL[c.type],
    })),
  ];
}

/**
 * Writes rows, given in batches of at most ROW_GROUP, as one parquet file through `writer` (its
 * `finish` is called at the end); a file with no batch or only empty ones still has its schema.
 */
export function writeParquetRows<T>(writer: ByteWriter, columns: ParquetColumn<T>[], batches: Iterable<T[]>): void {
  const pq = new ParquetWriter({ writer, schema: parquetSchema(columns), createdBy: CREATED_BY });
  let written = false;
  for (const batch of batches) {
    if (!batch.length && written) continue;
    const columnData = columns.map((c) => ({ name: c.name, data: batch.map((r) => typed(c.type, c.get(r))) }));
    pq.write({ columnData, rowGroupSize: ROW_GROUP });
    written = true;
  }
  if (!written) pq.write({ columnData: columns.map((c) => ({ name: c.name, data: [] })), rowGroupSize: ROW_GROUP });
  pq.finish();
}

/**
 * Rows of one record after another, cut into batches of ROW_GROUP rows (each record's rows made
 * when it is reached, so the whole table never sits in memory).
 */
export function* rowBatches<R, T>(records: Iterable<R>, rowsOf: (record: R) => T[]): Generator<T[]> {
  let batch: T[] = [];
  for (const r of records) {
    for (const row of rowsOf(r)) {
      batch.push(row);
      if (batch.length === ROW_GROUP) {
        yield batch;
        batch = [];
      }
    }
  }
  yield batch;
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
    if (this.index > FLUSH_BYTES) this.drain();
    super.ensure(size);
  }

  override finish(): void {
    this.drain();
  }

  override getBuffer(): ArrayBuffer {
    throw new Error('SinkWriter: the bytes went to the file');
  }

  private drain(): void {
    this.sink.writeBytes(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }
}

/**
 * A parquet file fed one row at a time, into one buffer per column (a typed array for a required
 * integer column), a row group written every ROW_GROUP rows: for the long tables' 15 million rows,
 * no object per row.
 */
export class ParquetSink<T> {
  private readonly sink: FileSink;
  private readonly pq: ParquetWriter;
  private readonly buffers: (unknown[] | Int32Array)[];
  private n = 0;
  private written = false;

  constructor(
    dir: string,
    name: string,
    private readonly columns: ParquetColumn<T>[],
  ) {
    this.sink = new FileSink(dir, name);
    this.pq = new ParquetWriter({
      writer: new SinkWriter(this.sink),
      schema: parquetSchema(columns),
      createdBy: CREATED_BY,
    });
    this.buffers = columns.map((c) => (c.required ? new Int32Array(ROW_GROUP) : new Array(ROW_GROUP)));
  }

  add(row: T): void {
    const { columns, buffers, n } = this;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      buffers[i]![n] = c.required ? (c.get(row) as number) : (typed(c.type, c.get(row)) as never);
    }
    if (++this.n === ROW_GROUP) this.flush();
  }

  private flush(): void {
    const n = this.n;
    const columnData = this.columns.map((c, i) => ({ name: c.name, data: this.buffers[i]!.slice(0, n) }));
    this.pq.write({ columnData, rowGroupSize: ROW_GROUP });
    this.n = 0;
    this.written = true;
  }

  close(): WrittenFile {
    if (this.n || !this.written) this.flush();
    this.pq.finish();
    return this.sink.close();
  }
}

/** Any table as a parquet file `name` in `dir`, its rows given in batches (see rowBatches). */
export function writeParquetFile<T>(
  dir: string,
  name: string,
  columns: ParquetColumn<T>[],
  batches: Iterable<T[]>,
): WrittenFile {
  const sink = new FileSink(dir, name);
  writeParquetRows(new SinkWriter(sink), columns, batches);
  return sink.close();
}
