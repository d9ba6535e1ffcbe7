// by-province/<code>/: reports.csv, the long CSVs and checks.csv of one province each, for
// journalists who open them in a spreadsheet. <code> is the province's GB/T 2260 code ("320000");
// reports without a province (central bodies, places not recognised) are in by-province/none/.
// A long CSV of a province that would pass a spreadsheet's row limit is cut into parts
// (applications-1.csv, applications-2.csv…, PartedSink), a report's lines never split.
// Written in the publisher's one walk over the records: each line is made once, for the whole
// version's file and its province's (ReportsWriter, TidyWriter.add's copy); every province's
// files are open at once, with small write buffers.
import type { ReportRecord } from '../record.js';
import type { CheckRow } from './checks.js';
import { writeChecks } from './checks.js';
import { REPORTS_HEADER } from './csv.js';
import { provinceCode } from './regions.js';
import { FileSink, SPREADSHEET_ROWS, type WrittenFile } from './sink.js';
import { TidyWriter } from './tidy.js';

export const SPLIT_DIR = 'by-province';
/** The folder of reports with no province. */
export const NO_PROVINCE = 'none';

export const provinceFolder = (r: ReportRecord): string => provinceCode(r.region?.province ?? null) ?? NO_PROVINCE;

export interface SplitOptions {
  /** Lines per part of a long CSV (default: a spreadsheet's limit). */
  maxRows?: number;
}

/** Write buffer per file: some 130 files are open at once. */
const SPLIT_BUFFER = 64 << 10;

interface Folder {
  reports: FileSink;
  tidy: TidyWriter;
}

/** The province folders, fed the records in report_id order. */
export class ProvinceSplits {
  private readonly folders = new Map<string, Folder>();
  private readonly folderOf = new Map<string, string>();

  constructor(
    private readonly dir: string,
    private readonly opts: SplitOptions = {},
  ) {}

  /**
   * Adds the record's line of reports.csv to its province's; returns its province's long-table
   * writer, for TidyWriter.add's copy.
   */
  add(r: ReportRecord, reportLine: string): TidyWriter {
    const name = provinceFolder(r);
    this.folderOf.set(r.report_id, name);
    let folder = this.folders.get(name);
    if (!folder) {
      const prefix = `${SPLIT_DIR}/${name}/`;
      const reports = new FileSink(this.dir, `${prefix}reports.csv`, SPLIT_BUFFER);
      reports.write(REPORTS_HEADER);
      const tidy = new TidyWriter(this.dir, {
        prefix,
        maxRows: this.opts.maxRows ?? SPREADSHEET_ROWS,
        bufferBytes: SPLIT_BUFFER,
      });
      this.folders.set(name, (folder = { reports, tidy }));
    }
    folder.reports.write(reportLine);
    return folder.tidy;
  }

  /** Closes every folder's files and writes its checks.csv (the checks of its reports); the files, by folder. */
  close(checks: CheckRow[]): WrittenFile[] {
    const checksOf = new Map<string, CheckRow[]>();
    for (const c of checks) {
      const folder = this.folderOf.get(c.report_id) ?? NO_PROVINCE;
      const list = checksOf.get(folder);
      if (list) list.push(c);
      else checksOf.set(folder, [c]);
    }
    const files: WrittenFile[] = [];
    for (const name of [...this.folders.keys()].sort()) {
      const folder = this.folders.get(name)!;
      files.push(folder.reports.close(), ...folder.tidy.close());
      files.push(writeChecks(this.dir, checksOf.get(name) ?? [], `${SPLIT_DIR}/${name}/checks.csv`));
    }
    return files;
  }
}
