// by-province/<code>/: reports.csv, the long CSVs and checks.csv of one province each, for
// journalists who open them in a spreadsheet. <code> is the province's GB/T 2260 code ("320000");
// reports without a province (central bodies, places not recognised) are in by-province/none/.
// A long CSV of a province that would pass a spreadsheet's row limit is cut into parts
// (applications-1.csv, applications-2.csv…, PartedSink), a report's lines never split.
import type { ReportRecord } from '../record.js';
import type { CheckRow } from './checks.js';
import { writeChecks } from './checks.js';
import { writeReportsCsv } from './csv.js';
import { canonicalRecord } from './jsonl.js';
import { provinceCode } from './regions.js';
import { SPREADSHEET_ROWS, type WrittenFile } from './sink.js';
import { TidyWriter } from './tidy.js';

export const SPLIT_DIR = 'by-province';
/** The folder of reports with no province. */
export const NO_PROVINCE = 'none';

export const provinceFolder = (r: ReportRecord): string => provinceCode(r.region?.province ?? null) ?? NO_PROVINCE;

export interface SplitOptions {
  /** Lines per part of a long CSV (default: a spreadsheet's limit). */
  maxRows?: number;
}

/** Records sorted by report_id and their checks in; the files of every province folder out. */
export function writeProvinceSplits(
  dir: string,
  records: ReportRecord[],
  checks: CheckRow[],
  opts: SplitOptions = {},
): WrittenFile[] {
  const groups = new Map<string, ReportRecord[]>();
  const folderOf = new Map<string, string>();
  for (const r of records) {
    const folder = provinceFolder(r);
    folderOf.set(r.report_id, folder);
    const list = groups.get(folder);
    if (list) list.push(r);
    else groups.set(folder, [r]);
  }
  const checksOf = new Map<string, CheckRow[]>();
  for (const c of checks) {
    const folder = folderOf.get(c.report_id) ?? NO_PROVINCE;
    const list = checksOf.get(folder);
    if (list) list.push(c);
    else checksOf.set(folder, [c]);
  }
  const files: WrittenFile[] = [];
  for (const folder of [...groups.keys()].sort()) {
    const group = groups.get(folder)!;
    const prefix = `${SPLIT_DIR}/${folder}/`;
    files.push(writeReportsCsv(dir, group, `${prefix}reports.csv`));
    const tidy = new TidyWriter(dir, { prefix, maxRows: opts.maxRows ?? SPREADSHEET_ROWS });
    for (const r of group) tidy.add(canonicalRecord(r));
    files.push(...tidy.close());
    files.push(writeChecks(dir, checksOf.get(folder) ?? [], `${prefix}checks.csv`));
  }
  return files;
}
