// Version folders: naming (`YYYY-MM-DD`, then `.1`, `.2`… the same day), the atomic build
// (a hidden `.tmp-<pid>-…` folder, fsynced, renamed into place), and `latest` (a symlink
// replaced by renaming a temporary symlink over it, plus `latest.txt` for copies that lose
// symlinks). Temporary folders and files of dead runs are removed at the start of the next one.
// One publish at a time per datasets folder: the publish lock (src/workarea/lock.ts, taken by publish()).
import fs from 'node:fs';
import path from 'node:path';
import { alive } from '../sys/process.js';
import { cleanTemps, writeAtomicSync } from '../workarea/index.js';

export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(
    readonly kind: 'bad_version' | 'version_exists' | 'site_failed' | 'database_failed' | 'busy' | 'latest_not_link',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const TEMP_PREFIX = '.tmp-';
const VERSION_NAME = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;

export function localDate(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The explicit version if given (must not exist), else `today`, `today.1`, `today.2`… */
export function chooseVersion(datasetsDir: string, today: string, explicit?: string): string {
  if (explicit !== undefined) {
    if (!VERSION_NAME.test(explicit) || explicit === 'latest' || explicit === 'latest.txt') {
      throw new PublishError(
        'bad_version',
        `version '${explicit}': use letters, digits, '.', '_' or '-' (not 'latest')`,
      );
    }
    if (fs.existsSync(path.join(datasetsDir, explicit))) {
      throw new PublishError(
        'version_exists',
        `version '${explicit}' already exists in ${datasetsDir}: versions are never overwritten`,
      );
    }
    return explicit;
  }
  let version = today;
  for (let n = 1; fs.existsSync(path.join(datasetsDir, version)); n++) version = `${today}.${n}`;
  return version;
}

/** The version `latest` points at if that folder is complete, else latest.txt's, else the newest complete folder, else null. */
export function latestVersion(datasetsDir: string): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(path.basename(fs.readlinkSync(path.join(datasetsDir, 'latest'))));
  } catch {
    // no symlink
  }
  try {
    candidates.push(fs.readFileSync(path.join(datasetsDir, 'latest.txt'), 'utf8').trim());
  } catch {
    // no latest.txt
  }
  const complete = (v: string) => VERSION_NAME.test(v) && fs.existsSync(path.join(datasetsDir, v, 'SHA256SUMS'));
  const found = candidates.find(complete);
  if (found) return found;
  // `latest` lost: the newest complete folder by name (2026-11-27.10 after 2026-11-27.9)
  const key = (v: string) => /^(.*?)(?:\.(\d+))?$/.exec(v)!;
  const names = fs.existsSync(datasetsDir)
    ? fs.readdirSync(datasetsDir).filter((v) => v !== 'latest' && complete(v))
    : [];
  names.sort((a, b) => {
    const [, ba, na] = key(a);
    const [, bb, nb] = key(b);
    return ba! < bb! ? -1 : ba! > bb! ? 1 : Number(na ?? -1) - Number(nb ?? -1);
  });
  return names.at(-1) ?? null;
}

/** Removes `.tmp-<pid>-…` folders and temp files left by runs that are no longer alive; returns their names. */
export function cleanStaleTemps(datasetsDir: string): string[] {
  if (!fs.existsSync(datasetsDir)) return [];
  const removed = cleanTemps(datasetsDir).map((f) => path.basename(f));
  for (const name of fs.readdirSync(datasetsDir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(/^\.tmp-(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || alive(pid))) continue;
    fs.rmSync(path.join(datasetsDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed.sort();
}

export function makeTempDir(datasetsDir: string): string {
  fs.mkdirSync(datasetsDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(datasetsDir, `${TEMP_PREFIX}${process.pid}-`));
  fs.chmodSync(dir, 0o755); // mkdtemp makes it private; a published version is readable by all
  return dir;
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsyncs every folder of the tree (files were fsynced as they were written). */
function fsyncTree(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) fsyncTree(path.join(dir, entry.name));
  }
  fsyncDir(dir);
}

/** Test hook: `OGI_PUBLISH_PAUSE=before-rename` stops here so a test can kill the process. */
async function pauseHook(): Promise<void> {
  if (process.env.OGI_PUBLISH_PAUSE !== 'before-rename') return;
  process.stderr.write('ogi publish: paused before rename (OGI_PUBLISH_PAUSE)\n');
  await new Promise((resolve) => setTimeout(resolve, 600_000));
}

/** `latest` must be the link publish keeps (or absent): a folder or file of that name is the user's, left alone. */
export function assertLatestIsLink(datasetsDir: string): void {
  const latest = path.join(datasetsDir, 'latest');
  const info = fs.lstatSync(latest, { throwIfNoEntry: false });
  if (info && !info.isSymbolicLink()) {
    throw new PublishError(
      'latest_not_link',
      `${latest} is a ${info.isDirectory() ? 'folder' : 'file'}, not the link ogi keeps to the newest version: move it away and publish again (nothing was written)`,
    );
  }
}

/** Renames the finished temp folder to its version name, then points `latest` at it. */
export async function commitVersion(datasetsDir: string, tempDir: string, version: string): Promise<string> {
  fsyncTree(tempDir);
  await pauseHook();
  const dir = path.join(datasetsDir, version);
  fs.renameSync(tempDir, dir);
  fsyncDir(datasetsDir);
  const tmpLink = path.join(datasetsDir, `${TEMP_PREFIX}${process.pid}-latest`);
  fs.rmSync(tmpLink, { force: true });
  fs.symlinkSync(version, tmpLink, 'dir');
  fs.renameSync(tmpLink, path.join(datasetsDir, 'latest'));
  writeAtomicSync(path.join(datasetsDir, 'latest.txt'), `${version}\n`);
  fsyncDir(datasetsDir);
  return dir;
}
