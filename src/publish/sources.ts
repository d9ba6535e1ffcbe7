// The archived source documents of a version: each report's document (for a report published as
// pictures, its list of pictures as `.json` and each picture), the bytes the crawler stored
// (storage/documents/<sha256[0:2]>/<sha256>), published as `sources/<sha256>.<ext>` so a reader can
// open the very file the figures were read from, after the portal moved or changed it.
//   inline (default): inside the version, `<version>/sources/`, listed in SHA256SUMS;
//   separate: a companion folder beside it, `datasets/<version>-sources/`, with the same names, for
//     hosts that cap a site's size (the report page links `../../<version>-sources/<name>`); the
//     version's SHA256SUMS lists them as `../<version>-sources/<name>`;
//   none: no copies (the report page says so).
// Files are hard links to the stored blobs when the datasets folder is on the same file system
// (no bytes copied; blobs are never changed in place), else copies, written into a folder that is
// temporary until renamed into place (the version's, or the companion's hidden `.tmp-` folder).
import fs from 'node:fs';
import path from 'node:path';
import type { Format, ReportRecord } from '../record.js';
import { pictureType } from '../sys/pictures.js';
import { storagePaths } from '../workarea/layout.js';
import type { WrittenFile } from './sink.js';

export type SourcesMode = 'inline' | 'separate' | 'none';
export const SOURCES_MODES: readonly SourcesMode[] = ['inline', 'separate', 'none'];
export const SOURCES_DIR = 'sources';

/** The file extension of an archived document: its format's, or for a picture the picture's type. */
const FORMAT_EXT: Record<Exclude<Format, 'image'>, string> = {
  html: 'html',
  pdf: 'pdf',
  docx: 'docx',
  doc: 'doc',
  txt: 'txt',
};

function pictureExt(file: string): string {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
    return pictureType(head, fs.fstatSync(fd).size) ?? 'bin';
  } finally {
    fs.closeSync(fd);
  }
}

/** What the site needs to link each report's archived copy. */
export interface ArchiveIndex {
  /** Folder of the archived files relative to the site's pages (`../sources/`), or null when none are published. */
  base: string | null;
  /** Extensions that are not the record's format (pictures), by sha256. */
  ext: Record<string, string>;
  /** Documents of records whose bytes were not in storage (no archived copy). */
  missing: string[];
}

export interface ArchiveResult {
  /** The archived files, named relative to the version folder, for SHA256SUMS. */
  files: WrittenFile[];
  index: ArchiveIndex;
  /** Separate mode: the companion folder, still temporary, to move into place with commit(). */
  commit: () => void;
  /** Removes what was written (a failed publish). */
  discard: () => void;
}

/** The companion folder's name for a version (separate mode). */
export const companionName = (version: string) => `${version}-sources`;

/** A hard link, else a copy: written straight into a folder that is itself temporary until renamed into place. */
function place(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/**
 * Puts each record's document into the archive: under `versionTmp/sources/` (inline) or a temporary
 * companion folder in `datasetsDir` (separate). One file per sha256, whatever the number of records.
 */
export function archiveSources(
  records: ReportRecord[],
  opts: { storage: string; mode: SourcesMode; versionTmp: string; datasetsDir: string; version: string },
): ArchiveResult {
  const none: ArchiveResult = {
    files: [],
    index: { base: null, ext: {}, missing: [] },
    commit: () => {},
    discard: () => {},
  };
  if (opts.mode === 'none') return none;
  const store = storagePaths(opts.storage);
  const companion = path.join(opts.datasetsDir, companionName(opts.version));
  const target =
    opts.mode === 'inline'
      ? path.join(opts.versionTmp, SOURCES_DIR)
      : fs.mkdtempSync(path.join(opts.datasetsDir, `.tmp-${process.pid}-sources-`));
  fs.mkdirSync(target, { recursive: true });
  fs.chmodSync(target, 0o755);
  const prefix = opts.mode === 'inline' ? `${SOURCES_DIR}/` : `../${companionName(opts.version)}/`;
  const files: WrittenFile[] = [];
  const ext: Record<string, string> = {};
  const missing: string[] = [];
  const done = new Set<string>();
  // A report published as pictures: its list of pictures (JSON) and each picture that came.
  const documents = (r: ReportRecord): { sha256: string; format: Format; list?: boolean }[] => [
    { sha256: r.source.sha256, format: r.source.format, list: Array.isArray(r.source.pictures) },
    ...(r.source.pictures ?? []).flatMap((p) => (p.sha256 ? [{ sha256: p.sha256, format: 'image' as const }] : [])),
  ];
  for (const { sha256, format, list } of records.flatMap(documents)) {
    if (done.has(sha256)) continue;
    done.add(sha256);
    const blob = store.documentFile(sha256);
    const stat = fs.statSync(blob, { throwIfNoEntry: false });
    if (!/^[0-9a-f]{64}$/.test(sha256) || !stat?.isFile()) {
      missing.push(sha256);
      continue;
    }
    const e = list ? 'json' : format === 'image' ? pictureExt(blob) : FORMAT_EXT[format];
    if (e !== format) ext[sha256] = e;
    const name = `${sha256}.${e}`;
    place(blob, path.join(target, name));
    files.push({ name: `${prefix}${name}`, bytes: stat.size, sha256 });
  }
  return {
    files,
    index: {
      base: opts.mode === 'inline' ? `../${SOURCES_DIR}/` : `../../${companionName(opts.version)}/`,
      ext,
      missing: missing.sort(),
    },
    commit: () => {
      if (opts.mode !== 'separate') return;
      fs.rmSync(companion, { recursive: true, force: true }); // left by a publish that failed after it
      fs.renameSync(target, companion);
    },
    discard: () => {
      if (opts.mode === 'separate') fs.rmSync(target, { recursive: true, force: true });
    },
  };
}
