// Checks of the containers Word files come in, made on the raw bytes BEFORE a library inflates or
// walks them, so that a hostile file is refused in milliseconds with the limit it broke named:
//   - DOCX (zip): every entry's declared size and compression ratio (zip bombs), the entry count;
//   - DOC (OLE2 compound file): the sector allocation tables have no loops and point inside the
//     file (a FAT cycle sends the OLE reader round forever, allocating as it goes).
// What a container hides beyond its headers (a zip entry that lies about its size) is caught by the
// worker pool's memory and time limits (isolated/pool.ts).
import { ExtractError } from '../../errors.js';

/** Uncompressed size of one zip entry, bytes (a report's document.xml is a few MB). */
export const MAX_ZIP_ENTRY_BYTES = 64 * 1024 * 1024;
/** Uncompressed size of all entries together, bytes. */
export const MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024;
/** Compression ratio of an entry above 1 MiB (XML compresses ~10:1; a bomb of repeated bytes ~1000:1). */
export const MAX_ZIP_RATIO = 200;
export const MAX_ZIP_ENTRIES = 10_000;

const MiB = 1024 * 1024;

/** Refuses a zip whose central directory declares an entry or a total over the caps. */
export function checkZip(bytes: Buffer): void {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), bytes.length - 22);
  if (eocd < 0) return; // not a well-formed zip: the reader will say corrupt_docx
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  if (count > MAX_ZIP_ENTRIES)
    throw limit(`${count} zip entries, over the ${MAX_ZIP_ENTRIES} allowed (MAX_ZIP_ENTRIES)`);
  let total = 0;
  for (let i = 0; i < count && at + 46 <= bytes.length; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) return;
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (size > MAX_ZIP_ENTRY_BYTES)
      throw limit(`zip entry ${name} inflates to ${mb(size)}, over ${mb(MAX_ZIP_ENTRY_BYTES)} (MAX_ZIP_ENTRY_BYTES)`);
    if (size > MiB && size > compressed * MAX_ZIP_RATIO) {
      throw limit(
        `zip entry ${name} inflates ${Math.round(size / Math.max(compressed, 1))}:1 to ${mb(size)}, over the ${MAX_ZIP_RATIO}:1 allowed (MAX_ZIP_RATIO)`,
      );
    }
    total += size;
    if (total > MAX_ZIP_TOTAL_BYTES)
      throw limit(`zip entries inflate to more than ${mb(MAX_ZIP_TOTAL_BYTES)} together (MAX_ZIP_TOTAL_BYTES)`);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const MAX_REGULAR_SECTOR = 0xfffffffa;

/**
 * Refuses an OLE2 file whose DIFAT, FAT or mini FAT loops or points outside the file (`corrupt_doc`).
 * Linear in the file's sectors: every chain is walked at most once.
 */
export function checkOle2(bytes: Buffer): void {
  if (bytes.length < 512 || !bytes.subarray(0, 8).equals(OLE_MAGIC)) return; // the reader will say what it is
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw corrupt(`sector size 2^${shift} (only 512 and 4096 exist)`);
  const sectorSize = 1 << shift;
  const sectors = Math.floor((bytes.length - sectorSize) / sectorSize) + 1; // the last one may be short
  const sectorAt = (n: number) => (n + 1) * sectorSize;
  const perSector = sectorSize / 4;

  // The FAT's own sectors: 109 in the header, then the DIFAT chain (each sector: entries + next).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(bytes.readUInt32LE(0x4c + 4 * i));
  const seenDifat = new Set<number>();
  for (let d = bytes.readUInt32LE(0x44); d < MAX_REGULAR_SECTOR; d = bytes.readUInt32LE(sectorAt(d) + sectorSize - 4)) {
    if (d >= sectors) throw corrupt(`DIFAT sector ${d} lies outside the file (${sectors} sectors)`);
    if (seenDifat.has(d)) throw corrupt(`the DIFAT chain loops at sector ${d}`);
    seenDifat.add(d);
    for (let i = 0; i < perSector - 1; i++) fatSectors.push(bytes.readUInt32LE(sectorAt(d) + 4 * i));
  }
  const fat: number[] = [];
  for (const s of fatSectors) {
    if (s >= MAX_REGULAR_SECTOR) continue;
    if (s >= sectors) throw corrupt(`FAT sector ${s} lies outside the file (${sectors} sectors)`);
    for (let i = 0; i < perSector; i++) fat.push(bytes.readUInt32LE(sectorAt(s) + 4 * i));
  }
  assertNoLoops(fat, sectors, 'FAT');

  // The mini FAT is stored in a FAT chain (loop-free now); its entries link mini sectors.
  const miniFat: number[] = [];
  for (
    let s = bytes.readUInt32LE(0x3c), n = 0;
    s < MAX_REGULAR_SECTOR && s < fat.length && n < sectors;
    s = fat[s], n++
  ) {
    if (s >= sectors) throw corrupt(`mini FAT sector ${s} lies outside the file`);
    for (let i = 0; i < perSector; i++) miniFat.push(bytes.readUInt32LE(sectorAt(s) + 4 * i));
  }
  assertNoLoops(miniFat, miniFat.length, 'mini FAT');
}

/** Each entry of `table` links to the next sector of its chain; no chain may come back on itself or leave `limit`. */
function assertNoLoops(table: number[], limit: number, what: string): void {
  // 0 = not visited, 1 = on the chain being walked, 2 = known to end
  const state = new Uint8Array(table.length);
  for (let start = 0; start < table.length; start++) {
    if (state[start] !== 0) continue;
    const path: number[] = [];
    let s = start;
    while (s < MAX_REGULAR_SECTOR) {
      if (s >= table.length) {
        if (s >= limit) throw corrupt(`the ${what} links to sector ${s}, outside the file`);
        break;
      }
      if (state[s] === 1) throw corrupt(`a ${what} chain loops at sector ${s}`);
      if (state[s] === 2) break;
      state[s] = 1;
      path.push(s);
      s = table[s];
    }
    for (const p of path) state[p] = 2;
  }
}

function limit(message: string): ExtractError {
  return new ExtractError('resource_limit', message);
}

function corrupt(message: string): ExtractError {
  return new ExtractError('corrupt_doc', `unreadable DOC: ${message}`);
}

function mb(n: number): string {
  return `${(n / MiB).toFixed(n < 10 * MiB ? 1 : 0)} MiB`;
}
