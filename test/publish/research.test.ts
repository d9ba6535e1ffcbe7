// The research-grade files of a version: datapackage.json validated, schema and data, by
// Frictionless' own JavaScript library (and shown to fail on planted errors); the long tables'
// codes and labels.csv rebuilding the labelled table exactly; the province folders partitioning
// every file's lines exactly, cut into parts under a row limit; CITATION.cff.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableLabels, type TableName } from '../../src/forms/index.js';
import { citationCff, HOMEPAGE, versionId } from '../../src/publish/citation.js';
import { publish, uniqueRecords } from '../../src/publish/index.js';
import type { ReportRecord } from '../../src/record.js';
import { fixture, fixtureWithCells, listFiles, ROOT, tempDatasets, TODAY } from './helpers.js';

import { Package } from 'datapackage';

/** The parts of datapackage.json the tests read. */
interface Descriptor {
  id: string;
  homepage: string;
  contributors: unknown[];
  licenses: { name: string }[];
  sources: { licenses: { title: string }[] }[];
  resources: {
    path: string;
    encoding?: string;
    schema: { fields: { name: string; constraints?: { enum?: string[] } }[]; foreignKeys?: unknown };
  }[];
}
const descriptorOf = (versionDir: string): Descriptor =>
  JSON.parse(fs.readFileSync(path.join(versionDir, 'datapackage.json'), 'utf8'));

let dir: string;
beforeAll(async () => {
  ({ dir } = await publish({ ...fixtureWithCells(), datasetsDir: tempDatasets(), today: TODAY, site: false }));
});

const csvRows = (file: string): string[][] => parse(fs.readFileSync(file), { bom: true });
const parquet = async (file: string): Promise<Record<string, unknown>[]> => {
  const b = fs.readFileSync(file);
  return parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) });
};

/**
 * datapackage-js reads a local CSV as fs.createReadStream(path).setEncoding(resource.encoding), and
 * Node has no `utf-8-sig` (Python's name for UTF-8 after a byte order mark, which Frictionless'
 * Python tools read natively). Taught here: a file that starts with the mark is read from after it,
 * as UTF-8. A file without the mark, or another encoding, reads as before.
 */
function teachUtf8Sig(): void {
  const open = fs.createReadStream;
  vi.spyOn(fs, 'createReadStream').mockImplementation(((file: string, opts?: object) => {
    const head = Buffer.alloc(3);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, 3, 0);
    fs.closeSync(fd);
    const bom = head.equals(Buffer.from([0xef, 0xbb, 0xbf]));
    const stream = open(file, { ...(opts ?? {}), ...(bom ? { start: 3 } : {}) });
    const setEncoding = stream.setEncoding.bind(stream);
    stream.setEncoding = (enc: BufferEncoding | 'utf-8-sig') => setEncoding(enc === 'utf-8-sig' ? 'utf8' : enc);
    return stream;
  }) as typeof fs.createReadStream);
}
afterEach(() => vi.restoreAllMocks());

/** Every error the Frictionless library finds: in the descriptor, then in each CSV's rows and foreign keys. */
async function frictionlessErrors(versionDir: string): Promise<string[]> {
  teachUtf8Sig();
  const descriptor = JSON.parse(fs.readFileSync(path.join(versionDir, 'datapackage.json'), 'utf8'));
  const pkg = await Package.load(descriptor, { basePath: versionDir });
  const errors: string[] = pkg.errors.map(String);
  for (const r of pkg.resources) {
    if (!r.tabular) continue;
    try {
      await r.read({ forceCast: false });
      await r.checkRelations();
    } catch (err) {
      const e = err as Error & { errors?: Error[] };
      errors.push(`${r.name}: ${[e.message, ...(e.errors ?? []).map(String)].join(' | ')}`);
    }
  }
  return errors;
}

describe('datapackage.json, checked by Frictionless (datapackage-js)', () => {
  it('is valid, and every CSV reads with its schema, keys, allowed values and foreign keys', async () => {
    const descriptor = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
    const pkg = await Package.load(descriptor, { basePath: dir });
    expect(pkg.valid, pkg.errors.map(String).join('\n')).toBe(true);
    const tabular = pkg.resources.filter((r) => r.tabular).map((r) => r.descriptor.path);
    expect([...tabular].sort()).toEqual(listFiles(dir).filter((f) => f.endsWith('.csv')));
    expect(tabular).toHaveLength(9 + 25);
    expect(await frictionlessErrors(dir)).toEqual([]);
  });

  it('names the package, its home, contributors, the licences of the data and of the sources', () => {
    const p = descriptorOf(dir);
    expect(p.id).toBe(versionId(TODAY));
    expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(versionId(`${TODAY}.1`)).not.toBe(p.id);
    expect(p.homepage).toBe(HOMEPAGE);
    expect(p.contributors).toEqual([{ title: 'ogi contributors', role: 'author', path: HOMEPAGE }]);
    expect(p.licenses.map((l) => l.name)).toEqual(['CC-BY-4.0']);
    expect(p.sources[0]!.licenses[0]!.title).toContain('著作权法第五条');
    const reports = p.resources.find((r) => r.path === 'reports.csv')!;
    expect(reports.encoding).toBe('utf-8-sig');
    const enumOf = (r: Descriptor['resources'][number], name: string) =>
      r.schema.fields.find((f) => f.name === name)!.constraints?.enum;
    expect(enumOf(reports, 'scope')).toEqual(['agency', 'aggregate']);
    expect(enumOf(reports, 'admin_level')).toEqual(['central', 'province', 'city', 'county', 'township', 'department']);
    const apps = p.resources.find((r) => r.path === 'applications.csv')!;
    expect(enumOf(apps, 'column')).toEqual(Object.keys(tableLabels('applications').columns));
    expect(apps.schema.foreignKeys).toEqual([
      { fields: 'report_id', reference: { resource: 'reports', fields: 'report_id' } },
    ]);
  });

  /** A copy of the version with one CSV changed by `edit`. */
  const planted = (file: string, edit: (text: string) => string) => {
    const copy = path.join(tempDatasets(), 'copy');
    fs.cpSync(dir, copy, { recursive: true });
    const p = path.join(copy, file);
    const before = fs.readFileSync(p, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    fs.writeFileSync(p, after);
    return copy;
  };

  it('fails on a value outside an allowed list', async () => {
    const copy = planted('reports.csv', (t) => t.replace(',aggregate,', ',aggregated,'));
    const errors = await frictionlessErrors(copy);
    const enumError = 'The value "aggregated" does not conform to the "enum" constraint for column "scope"';
    expect(errors[0]).toMatch(/^reports: /);
    // the tables whose report_id refers to reports fail with it: their foreign keys cannot be checked
    for (const e of errors) expect(e).toContain(enumError);
    expect(errors.length).toBeGreaterThan(1);
  });

  it('fails on a foreign key that points at no report', async () => {
    const copy = planted('by-province/320000/reviews.csv', (t) =>
      t.replace(/\r\nr02f459a662bac1a1,/, '\r\nr0000000000000000,'),
    );
    const errors = await frictionlessErrors(copy);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^by-province-320000-reviews: .*foreign key/i);
  });

  it('fails on a failure kind outside the closed list', async () => {
    const copy = planted('failures.csv', (t) => t.replace(',no_text_layer,', ',no_text,'));
    expect((await frictionlessErrors(copy)).join('\n')).toMatch(/^failures: .*pattern/im);
  });
});

describe('labels: the codes of the long Parquet tables', () => {
  const TABLES: TableName[] = ['applications', 'proactive', 'reviews'];

  it('rebuild, with labels.parquet, the labelled long table the records hold, exactly', async () => {
    const labels = await parquet(path.join(dir, 'labels.parquet'));
    const byCode = new Map(labels.map((l) => [`${l.table}/${l.axis}/${l.code}`, l]));
    const { records } = uniqueRecords(fixture('v1').records);
    for (const table of TABLES) {
      const rows = await parquet(path.join(dir, `${table}.parquet`));
      const rebuilt = rows.map((r) => {
        const row = byCode.get(`${table}/row/${r.row_code}`)!;
        const col = byCode.get(`${table}/column/${r.column_code}`)!;
        return [r.report_id, row.key, col.key, r.value, row.label_zh, col.label_zh];
      });
      const l = tableLabels(table);
      const expected = records.flatMap((r) =>
        Object.entries((r[table] ?? {}) as Record<string, Record<string, unknown>>).flatMap(([row, cols]) =>
          Object.entries(cols)
            .filter(([col]) => col !== 'amount_raw')
            .map(([col, v]) => [r.report_id, row, col, v ?? null, l.rows[row]![0], l.columns[col]![0]]),
        ),
      );
      const key = (x: unknown[]) => `${x[0]}/${x[1]}/${x[2]}`;
      const sort = (xs: unknown[][]) => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      expect(sort(rebuilt), table).toEqual(sort(expected));
      expect(rebuilt.length, table).toBeGreaterThan(20);
    }
  });

  it('labels.csv holds the same rows as labels.parquet, one per key, codes 1… per table and axis', async () => {
    const [header, ...rows] = csvRows(path.join(dir, 'labels.csv'));
    expect(header).toEqual(['table', 'axis', 'code', 'key', 'label_zh', 'label_en']);
    const pq = await parquet(path.join(dir, 'labels.parquet'));
    expect(rows).toEqual(pq.map((l) => [l.table, l.axis, String(l.code), l.key, l.label_zh, l.label_en]));
    for (const table of TABLES)
      for (const axis of ['row', 'column']) {
        const codes = pq.filter((l) => l.table === table && l.axis === axis).map((l) => l.code);
        expect(codes, `${table} ${axis}`).toEqual(codes.map((_, i) => i + 1));
      }
  });

  it('no long CSV repeats a label', () => {
    for (const t of TABLES) expect(csvRows(path.join(dir, `${t}.csv`))[0]).not.toContain('row_label_zh');
  });
});

describe('by-province/: the version cut by province', () => {
  /** v1 with the 贾峪镇 report moved out of any province, so that by-province/none/ is there too. */
  const input = () => {
    const f = fixture('v1');
    const records = f.records.map(
      (r): ReportRecord =>
        r.report_id === 'rf42cdc19429972f9' ? { ...r, region: { ...r.region, province: null } } : r,
    );
    return { ...f, records };
  };

  const FILES = ['reports.csv', 'applications.csv', 'proactive.csv', 'reviews.csv', 'checks.csv'];
  const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\r\n').filter(Boolean);

  it('partitions the lines of every file exactly: each line in one province, none lost, none twice', async () => {
    const { dir: v } = await publish({ ...input(), datasetsDir: tempDatasets(), today: TODAY, site: false });
    const folders = fs.readdirSync(path.join(v, 'by-province')).sort();
    expect(folders).toEqual(['230000', '310000', '320000', '420000', 'none']); // 贾峪镇 was 河南's (410000) only report
    for (const name of FILES) {
      const [header, ...whole] = lines(path.join(v, name));
      const parts = folders.map((f) => lines(path.join(v, 'by-province', f, name)));
      for (const p of parts) expect(p[0], name).toBe(header);
      const union = parts.flatMap((p) => p.slice(1));
      expect([...union].sort(), name).toEqual([...whole].sort());
      expect(new Set(union).size, name).toBe(union.length);
    }
    const none = csvRows(path.join(v, 'by-province/none/reports.csv'));
    expect(none.slice(1).map((r) => r[0])).toEqual(['rf42cdc19429972f9']);
    const jiangsu = csvRows(path.join(v, 'by-province/320000/reports.csv'));
    const province = jiangsu[0]!.indexOf('province');
    expect(new Set(jiangsu.slice(1).map((r) => r[province]))).toEqual(new Set(['江苏省']));
  });

  it('cuts a long table over the row limit into parts, a report never split, each part with its header', async () => {
    const limit = 200; // a 2021-form report has 7 × ~22 application lines
    const { dir: v } = await publish({
      ...input(),
      datasetsDir: tempDatasets(),
      today: TODAY,
      site: false,
      splitRows: limit,
    });
    const files = listFiles(path.join(v, 'by-province', '320000'));
    const parts = files.filter((f) => /^applications-\d+\.csv$/.test(f));
    expect(parts.length).toBeGreaterThan(1);
    expect(files).not.toContain('applications.csv');
    const [header, ...whole] = lines(
      path.join(v, 'by-province/320000/applications.csv'.replace('/applications', '/../../applications')),
    );
    const jiangsu = new Set(
      csvRows(path.join(v, 'by-province/320000/reports.csv'))
        .slice(1)
        .map((r) => r[0]),
    );
    const expected = whole.filter((l) => jiangsu.has(l.slice(0, l.indexOf(','))));
    const seen = new Map<string, number>();
    const got: string[] = [];
    parts
      .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
      .forEach((p, i) => {
        const [h, ...rest] = lines(path.join(v, 'by-province/320000', p));
        expect(h).toBe(header);
        const reportsInPart = new Set(rest.map((l) => l.slice(0, l.indexOf(','))));
        expect(rest.length <= limit || reportsInPart.size === 1, p).toBe(true);
        for (const id of reportsInPart) {
          expect(seen.has(id), `${id} in two parts`).toBe(false);
          seen.set(id, i);
        }
        got.push(...rest);
      });
    expect(got).toEqual(expected);
    // the parts are resources of their own in datapackage.json, and still valid
    const pkg = descriptorOf(v);
    expect(
      pkg.resources.filter((r) => r.path.startsWith('by-province/320000/applications')).map((r) => r.path),
    ).toEqual(parts.map((p) => `by-province/320000/${p}`));
    expect(await frictionlessErrors(v)).toEqual([]);
  });
});

describe('CITATION.cff', () => {
  it('at the repository root: the dataset as a whole, as citationCff() writes it', () => {
    expect(fs.readFileSync(path.join(ROOT, 'CITATION.cff'), 'utf8')).toBe(citationCff());
  });

  it('in each version: its version and release date, every key CFF 1.2.0 requires', () => {
    const text = fs.readFileSync(path.join(dir, 'CITATION.cff'), 'utf8');
    expect(text).toBe(citationCff(TODAY));
    const top = Object.fromEntries(
      text
        .split('\n')
        .filter((l) => /^[a-z-]+:/.test(l))
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
    );
    expect(Object.keys(top)).toEqual(expect.arrayContaining(['cff-version', 'message', 'title', 'authors']));
    expect(top['cff-version']).toBe('1.2.0');
    expect(JSON.parse(top.version!)).toBe(TODAY);
    expect(JSON.parse(top['date-released']!)).toBe(TODAY);
    expect(citationCff('2026-11-27.2')).toContain('date-released: "2026-11-27"\n');
    // every value line is a double-quoted JSON string (valid YAML), or a block key
    for (const l of text.trimEnd().split('\n'))
      expect(l, l).toMatch(
        /^(cff-version: 1\.2\.0|type: dataset|[a-z-]+:|( {2}- | {2}- name: |[a-z-]+: )"(?:[^"\\]|\\.)*")$/,
      );
  });
});
