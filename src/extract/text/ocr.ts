// Scanned pages → text rows, as the readers of text documents give them. A page image (rendered by
// poppler's pdftoppm, or a picture decoded by sharp: red seal ink dropped) has its skew undone and
// its table rulings found; the rulings are erased so that they are not read as characters. Tesseract
// (Debian's tesseract-ocr with chi_sim, one thread per process) reads each table cell's ink — the
// cells cropped and stacked into one image — and, in the same process, the
// rest of the page, line by line, laid out as a text PDF page is (pdf-layout.ts); then the cells
// that are not plainly words again with its digits-only model, and cells still empty or doubtful
// alone (all the cells read alone go as the pages of one TIFF: one process, the model loaded once).
// Table rows keep their cells' boxes, so forms, identities and provenance apply unchanged. A page
// that reads poorly is turned as the engine's orientation detection says; pages of a document are
// read two at a time; pages read are kept in a cache by document hash.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExtractError } from '../../errors.js';
import type { TextRow } from '../model.js';
import { layoutPage, type TextRun } from './pdf-layout.js';

/** A page image: one byte per pixel, 0 black … 255 white. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface OcrOptions {
  /** Longest one engine call of one image may take (ms); a call of several images, twice that. */
  timeoutMs?: number;
}

/** The engine and its version, as the record names them. */
export interface OcrEngine {
  name: string;
  version: string;
}

export const OCR_DPI = 300;

/** Whether scanned pages are read: as asked (`--no-ocr` asks not), else unless OGI_OCR=0. */
export function ocrWanted(options: { ocr?: boolean }): boolean {
  return options.ocr ?? process.env.OGI_OCR !== '0';
}
/** Longest one engine call may take (ms): OGI_OCR_TIMEOUT_MS, else 60 s. */
const TIMEOUT_MS = Number(process.env.OGI_OCR_TIMEOUT_MS) || 60_000;
/** Darker than this is ink. */
const INK = 140;
/** Largest page image read (pixels): a 20000×20000 image is refused before it is decoded. */
export const MAX_PIXELS = 60_000_000;
/** Most cells read one by one on a page. */
const MAX_CELL_READS = 80;
/** Under this confidence (0–100) a cell's words, read among the others, are read again alone. */
const MIN_CELL_CONFIDENCE = 50;

// ---------------------------------------------------------------- processes

interface Run {
  stdout: Buffer;
  stderr: string;
}

/** Runs a tool with bytes on stdin, collecting stdout; a timeout kills it. */
function run(cmd: string, args: string[], input: Buffer, timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: env ?? process.env });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ExtractError('resource_limit', `${cmd} took over ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 4000) err += b.toString();
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new ExtractError('ocr_unavailable', `${cmd} is not installed (npm run setup installs it)`)
          : e,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr: err });
      else reject(new ExtractError('ocr_failed', `${cmd} exited ${code}: ${err.trim().split('\n').at(-1) ?? ''}`));
    });
    child.stdin.on('error', () => {}); // a tool that exits early closes its stdin
    child.stdin.end(input);
  });
}

const TESSERACT_ENV = { ...process.env, OMP_THREAD_LIMIT: '1' };
/** Tesseract's models: Chinese (with its digits) for everything, the English one limited to digits for figures. */
const CHINESE = ['-l', 'chi_sim'];
const DIGITS = ['-l', 'eng', '-c', 'tessedit_char_whitelist=0123456789+-.,'];
/** Least confidence (0–100) at which the digits model's reading of a cell replaces the Chinese model's. */
const MIN_DIGIT_CONFIDENCE = 60;
/** A cell read as a figure: digits with thousands commas and decimals, perhaps signed. */
const FIGURE = /^[-+]?\d[\d,]*(\.\d+)?$/;

let engine: Promise<OcrEngine> | null = null;
/** Tesseract's version (and whether it runs at all). */
export function ocrEngine(): Promise<OcrEngine> {
  engine ??= run('tesseract', ['--version'], Buffer.alloc(0), 10_000, TESSERACT_ENV).then((r) => {
    const m = /tesseract\s+v?([\d.]+)/i.exec(`${r.stdout.toString()}\n${r.stderr}`);
    return { name: 'tesseract', version: m?.[1] ?? 'unknown' };
  });
  return engine;
}

// ---------------------------------------------------------------- images

/**
 * A binary PGM (P5, 8-bit gray) or PPM (P6, 8-bit colour) as pdftoppm writes it; a colour page
 * becomes gray with its red ink dropped (withoutRed).
 */
export function parsePgm(buf: Buffer): GrayImage {
  let pos = 0;
  const token = (): string => {
    while (pos < buf.length) {
      const c = buf[pos]!;
      if (c === 0x23) while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    const start = pos;
    while (pos < buf.length && ![0x20, 0x0a, 0x0d, 0x09].includes(buf[pos]!)) pos++;
    return buf.subarray(start, pos).toString('latin1');
  };
  const magic = token();
  if (magic !== 'P5' && magic !== 'P6') throw new ExtractError('corrupt_image', 'not a binary PGM or PPM');
  const channels = magic === 'P6' ? 3 : 1;
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  pos++;
  if (!(width > 0 && height > 0) || max !== 255 || buf.length - pos < width * height * channels)
    throw new ExtractError('corrupt_image', `truncated or unsupported ${magic} (${width}×${height}, max ${max})`);
  const data = buf.subarray(pos, pos + width * height * channels);
  return channels === 1 ? { width, height, data } : withoutRed(data, width, height, 3);
}

/** Red this far above both green and blue is a seal's ink (印章) at full strength. */
const RED_MARGIN = 60;
/** Red this far above both green and blue is tinted by a seal: its ink's fringe, or print seen through it. */
const RED_TINT = 20;

/**
 * A colour page (RGB, `channels` bytes per pixel) as gray, with red ink (the round seal stamped over
 * the signature and often over a table: 公章) dropped as a scanner's red dropout does: where a pixel is
 * tinted red its gray is read from the red channel alone, in which red ink is as light as paper while
 * black print under the seal stays dark. The red channel is scaled so the seal's own ink comes out as
 * the paper's shade (grey paper, a tinted scan); neutral pixels keep their luminance.
 */
export function withoutRed(rgb: Uint8Array, width: number, height: number, channels: number): GrayImage {
  const data = new Uint8Array(width * height);
  let paper = 0;
  let paperN = 0;
  const inkRed = new Uint32Array(256);
  let inkN = 0;
  for (let i = 0, p = 0; i < data.length; i++, p += channels) {
    const r = rgb[p]!;
    const g = rgb[p + 1]!;
    const b = rgb[p + 2]!;
    const gray = (299 * r + 587 * g + 114 * b) / 1000;
    data[i] = gray;
    if (gray > 200 && i % 97 === 0) {
      paper += gray;
      paperN++;
    }
    if (r - g > RED_MARGIN && r - b > RED_MARGIN) {
      inkRed[r]!++;
      inkN++;
    }
  }
  if (!inkN) return { width, height, data };
  const blank = paperN ? Math.round(paper / paperN) : 255;
  // The seal's ink: the median red of the strongly red pixels.
  let seen = 0;
  let ink = 255;
  for (let v = 0; v < 256; v++) {
    seen += inkRed[v]!;
    if (seen * 2 >= inkN) {
      ink = Math.max(v, 1);
      break;
    }
  }
  const scale = blank / ink;
  // Under the seal, only what is clearly darker than the seal's ink is print: the ink's own edges
  // come out darker in the red channel than its middle (JPEG keeps colour at half the resolution of
  // shade) and would stay as a faint ring across the figures it crosses.
  const print = blank * SEAL_PRINT;
  for (let i = 0, p = 0; i < data.length; i++, p += channels) {
    const r = rgb[p]!;
    if (r - rgb[p + 1]! > RED_TINT && r - rgb[p + 2]! > RED_TINT) {
      const v = Math.round(r * scale);
      data[i] = v > print ? blank : v;
    }
  }
  return { width, height, data };
}

/** Under a seal, a pixel (red channel, scaled so the seal's ink is paper) lighter than this share of paper is paper. */
const SEAL_PRINT = 0.75;

export function toPgm(img: GrayImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1'), Buffer.from(img.data)]);
}

/**
 * Gray images as the pages of one TIFF (baseline: 8 bits, uncompressed, one strip per page), the
 * form in which one engine process reads several images. No resolution is stated, as in a PGM:
 * the engine judges it from the glyphs.
 */
export function toTiff(images: GrayImage[]): Buffer {
  const tags = 9;
  const ifd = 2 + tags * 12 + 4;
  const size = images.reduce((n, img) => n + img.width * img.height + 1 + ifd, 8);
  const buf = Buffer.alloc(size);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  let pos = 8;
  let next = 4; // where the offset of the next page's directory goes
  for (const img of images) {
    const strip = pos;
    buf.set(img.data.subarray(0, img.width * img.height), pos);
    pos += img.width * img.height;
    pos += pos % 2; // a directory starts on a word boundary
    buf.writeUInt32LE(pos, next);
    buf.writeUInt16LE(tags, pos);
    let entry = pos + 2;
    const tag = (id: number, value: number, long = true) => {
      buf.writeUInt16LE(id, entry);
      buf.writeUInt16LE(long ? 4 : 3, entry + 2); // LONG or SHORT
      buf.writeUInt32LE(1, entry + 4);
      if (long) buf.writeUInt32LE(value, entry + 8);
      else buf.writeUInt16LE(value, entry + 8);
      entry += 12;
    };
    tag(256, img.width); // ImageWidth
    tag(257, img.height); // ImageLength
    tag(258, 8, false); // BitsPerSample
    tag(259, 1, false); // Compression: none
    tag(262, 1, false); // PhotometricInterpretation: black is zero
    tag(273, strip); // StripOffsets
    tag(277, 1, false); // SamplesPerPixel
    tag(278, img.height); // RowsPerStrip
    tag(279, img.width * img.height); // StripByteCounts
    next = entry;
    buf.writeUInt32LE(0, entry);
    pos = entry + 4;
  }
  return buf.subarray(0, pos);
}

/** Page `n` (1-based) of a PDF as a gray image at `dpi`. */
export async function renderPdfPage(pdf: Buffer, n: number, dpi: number, timeoutMs = TIMEOUT_MS): Promise<GrayImage> {
  const r = await run('pdftoppm', ['-r', String(dpi), '-f', String(n), '-l', String(n), '-'], pdf, timeoutMs);
  return parsePgm(r.stdout);
}

/**
 * Which of `pages` (1-based) paint an image, as poppler's `pdfimages -list` tells without decoding
 * any (pdf.js's operator list decodes every image on the page: half a second for a 300 dpi scan);
 * null when poppler is not installed or cannot read the file.
 */
export async function pagesPaintingImages(
  pdf: Buffer,
  pages: number[],
  timeoutMs = TIMEOUT_MS,
): Promise<Set<number> | null> {
  if (!pages.length) return new Set();
  const [first, last] = [Math.min(...pages), Math.max(...pages)];
  let r: Run;
  try {
    r = await run('pdfimages', ['-list', '-f', String(first), '-l', String(last), '-'], pdf, timeoutMs);
  } catch {
    return null;
  }
  // page num type width height …, under a header of two lines
  const asked = new Set(pages);
  const painting = new Set<number>();
  for (const line of r.stdout.toString('latin1').split('\n').slice(2)) {
    const page = Number(/^\s*(\d+)\s/.exec(line)?.[1]);
    if (asked.has(page)) painting.add(page);
  }
  return painting;
}

/** A box of the image with `pad` pixels of `paper` around it. */
function crop(img: GrayImage, x0: number, y0: number, x1: number, y1: number, pad = 0, paper = 255): GrayImage {
  const w = x1 - x0 + 2 * pad;
  const h = y1 - y0 + 2 * pad;
  const data = new Uint8Array(w * h).fill(paper);
  for (let y = y0; y < y1; y++)
    data.set(img.data.subarray(y * img.width + x0, y * img.width + x1), (y - y0 + pad) * w + pad);
  return { width: w, height: h, data };
}

// ---------------------------------------------------------------- skew

/** Largest skew looked for (degrees): a page fed askew into a scanner. */
const MAX_SKEW = 4;
const SKEW_STEP = 0.1;
/** A skew below this (degrees) is left alone: rulings and lines still read straight. */
const MIN_SKEW = 0.15;

/**
 * The page's skew in degrees (positive: lines run down to the right), as the angle at which the
 * ink's rows line up best: the sum of squared row counts of ink projected along that angle is
 * largest (text lines and rulings make sharp peaks). Measured on every fourth pixel.
 */
export function estimateSkew(img: GrayImage): number {
  const step = 4;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += step)
    for (let x = 0; x < img.width; x += step)
      if (img.data[y * img.width + x]! < INK) {
        xs.push(x);
        ys.push(y);
      }
  if (xs.length < 200) return 0;
  // Projected rows run from −reach to the page's height plus reach (in steps).
  const reach = Math.ceil((img.width * Math.tan((MAX_SKEW * Math.PI) / 180)) / step) + 1;
  const rows = new Int32Array(Math.ceil(img.height / step) + 2 * reach + 1);
  let best = 0;
  let bestScore = -1;
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += SKEW_STEP) {
    const t = Math.tan((a * Math.PI) / 180);
    rows.fill(0);
    for (let k = 0; k < xs.length; k++) rows[Math.round((ys[k]! - xs[k]! * t) / step) + reach]!++;
    let score = 0;
    for (let r = 0; r < rows.length; r++) score += rows[r]! * rows[r]!;
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return Math.round(best * 10) / 10;
}

// ---------------------------------------------------------------- rulings

/** A straight line on the page: horizontal (`at` = y, from–to in x) or vertical (`at` = x, from–to in y), in pixels. */
export interface Segment {
  at: number;
  from: number;
  to: number;
  /** Thickness in pixels. */
  width: number;
}

/**
 * Long horizontal and vertical strokes. A ruling is a run of ink at least `min` long (gaps of
 * `gap` pixels bridged: scans break thin lines); runs on neighbouring rows or columns that overlap
 * are one ruling. Vertical rulings are kept only where they meet two horizontal ones (table
 * walls, not the strokes of a large character).
 */
export function findRulings(img: GrayImage, dpi: number): { horizontal: Segment[]; vertical: Segment[] } {
  const minH = Math.round(dpi * 0.35);
  const minV = Math.round(dpi * 0.12);
  const gap = Math.max(2, Math.round(dpi / 100));
  const horizontal = merge(rowRuns(img, minH, gap));
  const vertical = merge(columnRuns(img, minV, gap));
  const near = Math.max(6, Math.round(dpi / 25));
  // A wall meets at least two horizontal rulings (a table's last row may run off the page).
  const walls = vertical.filter(
    (v) =>
      horizontal.filter(
        (h) => h.at >= v.from - near && h.at <= v.to + near && h.from - near <= v.at && v.at <= h.to + near,
      ).length >= 2,
  );
  return { horizontal, vertical: walls };
}

/**
 * Runs of ink along each row at least `min` long, gaps of up to `gap` pixels bridged: per row, its
 * runs left to right (`at` the row).
 */
function rowRuns(img: GrayImage, min: number, gap: number): Segment[][] {
  const { width, height, data } = img;
  const found: Segment[][] = [];
  for (let y = 0; y < height; y++) {
    const line: Segment[] = [];
    const o = y * width;
    let start = -1;
    let last = -1;
    for (let x = 0; x < width; x++)
      if (data[o + x]! < INK) {
        if (start < 0 || x - last > gap + 1) {
          if (start >= 0 && last - start + 1 >= min) line.push({ at: y, from: start, to: last, width: 1 });
          start = x;
        }
        last = x;
      }
    if (start >= 0 && last - start + 1 >= min) line.push({ at: y, from: start, to: last, width: 1 });
    found.push(line);
  }
  return found;
}

/** The same along each column (top to bottom), found a row at a time: per column, its runs. */
function columnRuns(img: GrayImage, min: number, gap: number): Segment[][] {
  const { width, height, data } = img;
  const found: Segment[][] = Array.from({ length: width }, () => []);
  const start = new Int32Array(width).fill(-1);
  const last = new Int32Array(width).fill(-1);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++)
      if (data[o + x]! < INK) {
        if (start[x]! < 0 || y - last[x]! > gap + 1) {
          if (start[x]! >= 0 && last[x]! - start[x]! + 1 >= min)
            found[x]!.push({ at: x, from: start[x]!, to: last[x]!, width: 1 });
          start[x] = y;
        }
        last[x] = y;
      }
  }
  for (let x = 0; x < width; x++)
    if (start[x]! >= 0 && last[x]! - start[x]! + 1 >= min)
      found[x]!.push({ at: x, from: start[x]!, to: last[x]!, width: 1 });
  return found;
}

/** Runs on consecutive rows (or columns) that overlap → one segment, `at` its middle. */
function merge(byLine: Segment[][]): Segment[] {
  const done: Segment[] = [];
  let open: { first: number; last: number; from: number; to: number }[] = [];
  byLine.forEach((runs, j) => {
    const next: typeof open = [];
    for (const r of runs) {
      const o = open.find((s) => s.last === j - 1 && r.from <= s.to && s.from <= r.to);
      if (o) {
        o.last = j;
        o.from = Math.min(o.from, r.from);
        o.to = Math.max(o.to, r.to);
        next.push(o);
        open = open.filter((s) => s !== o);
      } else next.push({ first: j, last: j, from: r.from, to: r.to });
    }
    for (const s of open) done.push(finish(s));
    open = next;
  });
  for (const s of open) done.push(finish(s));
  // A thick smear (a filled box, a seal) is no ruling.
  return done.filter((s) => s.width <= 12);
}

function finish(s: { first: number; last: number; from: number; to: number }): Segment {
  return { at: (s.first + s.last) / 2, from: s.from, to: s.to, width: s.last - s.first + 1 };
}

/** The image with its rulings painted white (so that the engine does not read them as 一 or 丨). */
function erase(img: GrayImage, rulings: { horizontal: Segment[]; vertical: Segment[] }): GrayImage {
  const data = img.data.slice();
  const paint = (x0: number, x1: number, y0: number, y1: number) => {
    for (let y = Math.max(0, y0); y <= Math.min(img.height - 1, y1); y++)
      data.fill(255, y * img.width + Math.max(0, x0), y * img.width + Math.min(img.width, x1 + 1));
  };
  for (const h of rulings.horizontal) {
    const half = Math.ceil(h.width / 2) + 1;
    paint(h.from, h.to, Math.floor(h.at - half), Math.ceil(h.at + half));
  }
  for (const v of rulings.vertical) {
    const half = Math.ceil(v.width / 2) + 1;
    paint(Math.floor(v.at - half), Math.ceil(v.at + half), v.from, v.to);
  }
  return { ...img, data };
}

/** A table found by its rulings: its row bands (top to bottom) and, per band, the cells between the walls crossing it. */
export interface Table {
  box: Box;
  rows: Box[][];
}

/**
 * Tables: horizontal rulings that overlap in x and follow one another closely are one table. Its
 * rows are the bands between consecutive rulings; a band's cells are cut by the vertical rulings
 * crossing its middle (a rowspan cell is cut into one slice per band; its text lands in one).
 */
export function findTables(r: { horizontal: Segment[]; vertical: Segment[] }, dpi: number): Table[] {
  const hs = [...r.horizontal].sort((a, b) => a.at - b.at);
  const groups: Segment[][] = [];
  const maxGap = dpi * 1.5;
  for (const h of hs) {
    const g = groups.find((g) => {
      const last = g.at(-1)!;
      return (
        h.at - last.at <= maxGap && h.from < Math.max(...g.map((s) => s.to)) && Math.min(...g.map((s) => s.from)) < h.to
      );
    });
    if (g) g.push(h);
    else groups.push([h]);
  }
  const tables: Table[] = [];
  const near = Math.max(6, Math.round(dpi / 50));
  for (const g of groups) {
    if (g.length < 2) continue;
    const ys: number[] = [];
    for (const h of g) if (!ys.some((y) => Math.abs(y - h.at) <= near)) ys.push(h.at);
    ys.sort((a, b) => a - b);
    const x0 = Math.min(...g.map((s) => s.from));
    const x1 = Math.max(...g.map((s) => s.to));
    // A table broken across pages has walls but no ruling above its first row or below its last.
    const own = r.vertical.filter(
      (v) => v.at >= x0 - near && v.at <= x1 + near && v.to >= ys[0]! - near && v.from <= ys.at(-1)! + near,
    );
    const top = Math.min(...own.map((v) => v.from));
    const bottom = Math.max(...own.map((v) => v.to));
    if (own.length && top < ys[0]! - 2 * near) ys.unshift(top);
    if (own.length && bottom > ys.at(-1)! + 2 * near) ys.push(bottom);
    const rows: Box[][] = [];
    for (let i = 0; i + 1 < ys.length; i++) {
      const [top, bottom] = [ys[i]!, ys[i + 1]!];
      const mid = (top + bottom) / 2;
      const walls = r.vertical
        .filter((v) => v.from <= mid && v.to >= mid && v.at >= x0 - near && v.at <= x1 + near)
        .map((v) => v.at)
        .sort((a, b) => a - b)
        .filter((x, k, all) => k === 0 || x - all[k - 1]! > near);
      const cells: Box[] = [];
      for (let k = 0; k + 1 < walls.length; k++) cells.push({ x0: walls[k]!, y0: top, x1: walls[k + 1]!, y1: bottom });
      if (cells.length) rows.push(cells);
    }
    if (rows.length) tables.push({ box: { x0, y0: ys[0]!, x1, y1: ys.at(-1)! }, rows });
  }
  return tables;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

// ---------------------------------------------------------------- the engine

export interface OcrWord extends Box {
  text: string;
  /** The engine's confidence, 0–100. */
  conf: number;
  /** Box of the line the word is in (for its baseline and size). */
  line: Box;
}

/** Words of an image, by Tesseract (TSV output). */
export async function readWords(
  img: GrayImage,
  psm: number,
  timeoutMs = TIMEOUT_MS,
  model: string[] = CHINESE,
): Promise<OcrWord[]> {
  return (await readPages([img], psm, timeoutMs, model))[0]!;
}

/**
 * Words of each image, read by one Tesseract process (the images are the pages of one TIFF: the
 * model loads once, which costs as much as reading a few cells); none, no process.
 */
export async function readPages(
  images: GrayImage[],
  psm: number,
  timeoutMs = TIMEOUT_MS,
  model: string[] = CHINESE,
): Promise<OcrWord[][]> {
  if (!images.length) return [];
  const r = await run(
    'tesseract',
    ['stdin', 'stdout', ...model, '--psm', String(psm), '-c', 'preserve_interword_spaces=1', 'tsv'],
    toTiff(images),
    // Two reads' worth of time when several images go in one call (a page's prose and its cells).
    images.length > 1 ? 2 * timeoutMs : timeoutMs,
    TESSERACT_ENV,
  );
  const lines = new Map<string, Box>();
  const words: (Omit<OcrWord, 'line'> & { key: string; page: number })[] = [];
  for (const row of r.stdout.toString('utf8').split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] === 'level') continue;
    const [level, page, block, par, line, , left, top, width, height, conf, ...rest] = f;
    const key = `${page}.${block}.${par}.${line}`;
    const box = { x0: +left!, y0: +top!, x1: +left! + +width!, y1: +top! + +height! };
    if (level === '4') lines.set(key, box);
    const text = rest.join('\t').trim();
    if (level === '5' && text) words.push({ ...box, text, conf: +conf!, key, page: +page! });
  }
  const pages = images.map((): OcrWord[] => []);
  for (const { key, page, ...w } of words) pages[page - 1]?.push({ ...w, line: lines.get(key) ?? w });
  return pages;
}

/** Ink pixels inside a box, its border (where a ruling may bleed) left out. */
function inkIn(img: GrayImage, b: Box, margin: number): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  let n = 0;
  for (let y = Math.ceil(b.y0 + margin); y < b.y1 - margin; y++)
    for (let x = Math.ceil(b.x0 + margin); x < b.x1 - margin; x++)
      if (img.data[y * img.width + x]! < INK) {
        n++;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  return n >= 12 ? { x0, y0, x1: x1 + 1, y1: y1 + 1 } : null;
}

// ---------------------------------------------------------------- a document

/**
 * Pages of a document read at once: OGI_OCR_PAGES, else two where the machine has two cores (each
 * page's engine runs on one core; the extraction pool may read several documents at once besides).
 */
export function ocrPages(): number {
  const asked = Number(process.env.OGI_OCR_PAGES);
  return asked >= 1 ? Math.floor(asked) : Math.min(2, availableParallelism());
}

/** Most scanned pages read by OCR in one document (a 300-page scan is refused, not read for an hour). */
export const MAX_OCR_PAGES = 40;
/** Under this mean OCR confidence (0–100) a scan is not read at all: its words would be guesses. */
export const MIN_OCR_CONFIDENCE = 60;

/**
 * Scanned pages read one after another (`render` gives a page's image when its turn comes, so one
 * page image at a time is in memory): their rows, how many characters were read, and the engine.
 * A scan read with a mean confidence under MIN_OCR_CONFIDENCE is unreadable_scan.
 */
export async function readScans(
  pages: number[],
  render: (n: number) => Promise<{ img: GrayImage; dpi: number }>,
  cache?: OcrCache,
): Promise<{ rows: TextRow[][]; chars: number; engine: OcrEngine & { pages: number[] } }> {
  if (pages.length > MAX_OCR_PAGES)
    throw new ExtractError(
      'resource_limit',
      `${pages.length} scanned pages, over the ${MAX_OCR_PAGES} read by OCR in one document (MAX_OCR_PAGES)`,
    );
  const engine = await ocrEngine();
  const key = cache?.dir ? createHash('sha256').update(cache.document).digest('hex') : null;
  const pending: number[] = [];
  const readPage = async (n: number): Promise<OcrPage | null> => {
    const file = key ? ocrCacheFile(cache!.dir!, key, n, engine) : null;
    let read = file ? await cached(file) : null;
    if (!read && file && cache?.pages !== undefined && cache.pages !== n) {
      // Cluster: a page left to its own OCR page job (or, for a page job, another page).
      pending.push(n);
      return null;
    }
    if (!read) {
      const { img, dpi } = await render(n);
      read = await ocrPage(img, n, dpi);
      if (file) await keep(file, read);
    }
    return read;
  };
  // Pages are read side by side, at most OCR_PAGES at a time (each renders its own image when it
  // starts: at most that many page images are in memory); a failing page stops the others.
  const reads: (OcrPage | null)[] = new Array(pages.length);
  let next = 0;
  let failed = false;
  const reader = async () => {
    while (!failed && next < pages.length) {
      const i = next++;
      try {
        reads[i] = await readPage(pages[i]!);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ocrPages(), pages.length) }, reader));
  const rows: TextRow[][] = [];
  let chars = 0;
  let weighted = 0;
  for (const read of reads) {
    if (!read) {
      rows.push([]); // waits for its page job
      continue;
    }
    let pageChars = 0;
    for (const r of read.rows) for (const c of r.cells) pageChars += c.text.replace(/\s/g, '').length;
    chars += pageChars;
    weighted += (read.confidence ?? 0) * pageChars;
    rows.push(read.rows);
  }
  if (pending.length && cache?.pages === 'defer')
    throw new OcrPagesPending(
      pending.sort((x, y) => x - y),
      engine,
    );
  const confidence = chars ? weighted / chars : 0;
  if (pending.length === 0 && chars && confidence < MIN_OCR_CONFIDENCE)
    throw new ExtractError(
      'unreadable_scan',
      `OCR read ${pages.length} scanned page(s) with a mean confidence of ${Math.round(confidence)} (under ${MIN_OCR_CONFIDENCE}): too low a resolution or too much noise to trust`,
    );
  return { rows, chars, engine: { ...engine, pages } };
}

/** Where pages read by OCR are kept: a folder, and the document whose pages they are (its bytes are hashed). */
export interface OcrCache {
  dir?: string;
  document: Buffer;
  /**
   * The cluster's OCR page jobs (src/cluster/): 'defer' — pages not in the cache are not read here,
   * OcrPagesPending names them; a page number — only that page is read (into the cache), the others
   * only if cached. Unset: every page is read (a single machine).
   */
  pages?: OcrPageMode;
}

export type OcrPageMode = 'defer' | number;

/** The cache file of page `n` of the document whose SHA-256 is `sha256`, as read by `engine`. */
export function ocrCacheFile(dir: string, sha256: string, n: number, engine: OcrEngine): string {
  return path.join(
    dir,
    sha256.slice(0, 2),
    `${sha256}-${n}-${engine.name}-${engine.version}-${OCR_CACHE_VERSION}.json`,
  );
}

const PENDING = 'scanned page(s) wait for OCR page jobs: ';

/**
 * A document read with `pages: 'defer'` whose scanned pages are not all in the cache: which ones.
 * Its kind is needs_ocr and its message names the pages, so that it crosses the extraction
 * pool's process boundary as any typed error does (`pendingOcrPages` reads it back).
 */
export class OcrPagesPending extends ExtractError {
  constructor(
    readonly pages: number[],
    readonly engine: OcrEngine,
  ) {
    super('needs_ocr', `${pages.length} ${PENDING}${pages.join(',')}`);
  }
}

/** The pages an OcrPagesPending error (or its copy from the pool) names, else null. */
export function pendingOcrPages(err: unknown): number[] | null {
  if (!(err instanceof ExtractError) || err.kind !== 'needs_ocr') return null;
  const at = err.message.indexOf(PENDING);
  return at < 0
    ? null
    : err.message
        .slice(at + PENDING.length)
        .split(',')
        .map(Number);
}

/** Bump when what ocrPage makes of a page changes: cached pages of another version are read again. */
const OCR_CACHE_VERSION = 2; // 2: cells carry the engine's confidence; batched reads, seal edges dropped

async function cached(file: string): Promise<OcrPage | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as OcrPage;
  } catch {
    return null; // not there, or half-written by a killed run: read the page again
  }
}

/** Written to a temporary name, then renamed: a killed run never leaves half a page behind. */
async function keep(file: string, read: OcrPage): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(read));
  await rename(temp, file);
}

// ---------------------------------------------------------------- a page

/** The text rows of one scanned page, laid out as a text PDF page is. */
export interface OcrPage {
  rows: TextRow[];
  /** The engine's mean confidence over the page's characters, 0–100 (null: nothing read). */
  confidence: number | null;
}

export async function ocrPage(img: GrayImage, page: number, dpi: number, opts: OcrOptions = {}): Promise<OcrPage> {
  if (img.width * img.height > MAX_PIXELS)
    throw new ExtractError('resource_limit', `page image ${img.width}×${img.height} px is over ${MAX_PIXELS} pixels`);
  const read = await readUpright(img, page, dpi, opts);
  if ((read.confidence ?? 0) >= MIN_OCR_CONFIDENCE) return read;
  // Read poorly: maybe the page lies on its side or upside down. Tesseract's orientation detection
  // says how far to turn it; the better reading of the two is kept.
  const turn = await orientation(img, opts.timeoutMs ?? TIMEOUT_MS);
  if (!turn) return read;
  const turned = await readUpright(await rotate(img, turn), page, dpi, opts);
  return (turned.confidence ?? 0) > (read.confidence ?? 0) ? turned : read;
}

/** Degrees (90, 180, 270) Tesseract's orientation detection would turn the page by clockwise, or 0. */
async function orientation(img: GrayImage, timeoutMs: number): Promise<number> {
  try {
    const r = await run('tesseract', ['stdin', 'stdout', '--psm', '0'], toPgm(img), timeoutMs, TESSERACT_ENV);
    const m = /Rotate:\s*(\d+)/.exec(r.stdout.toString());
    const turn = Number(m?.[1] ?? 0);
    return [90, 180, 270].includes(turn) ? turn : 0;
  } catch {
    return 0; // too little text to tell: keep the page as it is
  }
}

/** The page turned clockwise by `degrees` (white where a turn uncovers the corners), by sharp. */
async function rotate(img: GrayImage, degrees: number): Promise<GrayImage> {
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .rotate(degrees, { background: { r: 255, g: 255, b: 255 } })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height),
  };
}

/** A page read as it lies (its small skew undone). */
async function readUpright(img: GrayImage, page: number, dpi: number, opts: OcrOptions): Promise<OcrPage> {
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  const skew = estimateSkew(img);
  if (Math.abs(skew) >= MIN_SKEW) img = await rotate(img, -skew);
  const rulings = findRulings(img, dpi);
  const tables = findTables(rulings, dpi);
  const clean = erase(img, rulings);
  const scale = 72 / dpi;
  const at = (b: Box) => ({
    page,
    bbox: [b.x0 * scale, b.y0 * scale, b.x1 * scale, b.y1 * scale] as [number, number, number, number],
  });

  // Table cells are read cell by cell: their ink, cropped, stacked one under another with white
  // between them (a page-level pass runs neighbouring cells together and drops narrow digits). The
  // stack and the rest of the page (tables blanked out) are read by one engine process: the model
  // loads once per page, not once per read.
  const margin = Math.max(3, Math.round(dpi / 60));
  /** White around a cell's ink when it is read (a fifteenth of an inch: the engine wants room). */
  const pad = Math.round(dpi / 15);
  const cells = tables
    .flatMap((t) => t.rows.flat())
    .map((box) => ({ box, ink: inkIn(clean, box, margin), text: '', conf: 0 }));
  const inked = cells.filter((c) => c.ink);
  const prose = blank(
    clean,
    tables.map((t) => t.box),
  );
  // Crops are set on white (the page's own paper shade measured worse on held-out sealed scans).
  const paper = 255;
  const cellStack = stack(
    clean,
    inked.map((c) => c.ink!),
    pad,
    paper,
  );
  const [words = [], stackedWords = []] = await readPages(cellStack ? [prose, cellStack.img] : [prose], 6, timeoutMs);
  const stacked = cellStack ? cellStack.split(stackedWords) : [];
  inked.forEach((c, i) => {
    c.text = stacked[i]!.text;
    c.conf = stacked[i]!.conf;
  });
  const textOfCell = new Map(cells.map((c) => [c.box, c.text]));
  const read: { text: string; conf: number }[] = [...stacked];
  // Every cell not plainly words is read again with the digits model, digits and signs only: the
  // Chinese model reads figures as look-alike characters (3 → 了, 5 → S) and confuses 3/8 and 1/7.
  // Its reading stands where it is a clean figure read with confidence.
  // In a row that already holds a figure, a cell right of it may read as up to two look-alike
  // characters (5 → 上四, 3 → 昌): it is read again too.
  const hans = (c: { text: string }) => c.text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const afterFigure = new Set<Box>();
  for (const band of tables.flatMap((t) => t.rows)) {
    const first = band.findIndex((box) => FIGURE.test(textOfCell.get(box) ?? ''));
    if (first >= 0) for (const box of band.slice(first + 1)) afterFigure.add(box);
  }
  const maybeFigures = inked.filter((c) => hans(c) <= 1 || (hans(c) <= 2 && afterFigure.has(c.box)));
  const digits = await readStack(
    clean,
    maybeFigures.map((c) => c.ink!),
    pad,
    paper,
    timeoutMs,
    DIGITS,
  );
  maybeFigures.forEach((c, i) => {
    const d = digits[i]!;
    if (FIGURE.test(d.text) && d.conf >= MIN_DIGIT_CONFIDENCE) {
      c.text = d.text;
      c.conf = d.conf;
    }
  });
  const alone = (c: { ink: Box | null }) => crop(clean, c.ink!.x0, c.ink!.y0, c.ink!.x1, c.ink!.y1, pad, paper);
  // A cell right of a figure that still reads as no figure is read alone by the digits model, as a
  // raw line (the stacked block misreads a lone 3 as 8 where the line reading does not). The cells
  // read alone are read by one engine process, each a page of its own.
  const digitsAgain = maybeFigures
    .filter((c) => !FIGURE.test(c.text) && afterFigure.has(c.box) && hans(c) <= 1)
    .slice(0, MAX_CELL_READS);
  const digitsAlone = await readPages(digitsAgain.map(alone), 13, timeoutMs, DIGITS);
  const asFigure = (c: { text: string; conf: number }, words: OcrWord[]) => {
    const text = cellText(words);
    const conf = Math.min(...words.map((w) => w.conf));
    if (FIGURE.test(text) && conf >= MIN_DIGIT_CONFIDENCE) {
      c.text = text;
      c.conf = conf;
    }
  };
  digitsAgain.forEach((c, i) => asFigure(c, digitsAlone[i]!));
  // A raw line reading gives nothing for some lone glyphs (a 0 the Chinese model took for an O):
  // those are read once more as a line with its layout found.
  const stillNot = digitsAgain.filter((c) => !FIGURE.test(c.text));
  const asLines = await readPages(stillNot.map(alone), 7, timeoutMs, DIGITS);
  stillNot.forEach((c, i) => asFigure(c, asLines[i]!));
  // A cell that reads empty, or as words the engine doubts (a spaced label such as （ 七 ） 总计 read
  // among its neighbours), is read alone; a doubtful reading gives way to a surer one. Empty cells
  // are read as one line, doubtful ones as a block: two engine processes, side by side.
  const again = [...inked.entries()]
    .filter(([i, c]) => !c.text || (stacked[i]!.conf < MIN_CELL_CONFIDENCE && !FIGURE.test(c.text)))
    .slice(0, Math.max(0, MAX_CELL_READS - digitsAgain.length));
  const empty = again.filter(([, c]) => !c.text);
  const doubtful = again.filter(([, c]) => c.text);
  const [emptyRead, doubtfulRead] = await Promise.all([
    readPages(
      empty.map(([, c]) => alone(c)),
      7,
      timeoutMs,
    ),
    readPages(
      doubtful.map(([, c]) => alone(c)),
      6,
      timeoutMs,
    ),
  ]);
  for (const [group, readings] of [
    [empty, emptyRead],
    [doubtful, doubtfulRead],
  ] as const)
    group.forEach(([i, c], k) => {
      const words = readings[k]!;
      const conf = words.length ? Math.min(...words.map((w) => w.conf)) : 0;
      if (!c.text || conf > stacked[i]!.conf) {
        c.text = cellText(words);
        c.conf = conf;
      }
    });
  const textOf = new Map(cells.map((c) => [c.box, c.text]));
  const confOf = new Map(cells.map((c) => [c.box, c.conf]));
  const pieces: { top: number; rows: TextRow[] }[] = [];
  for (const table of tables) {
    const rows: TextRow[] = [];
    for (const band of table.rows) {
      const row = band.map((box) => ({
        text: numeric(textOf.get(box) ?? ''),
        x0: box.x0 * scale,
        x1: box.x1 * scale,
        at: { ...at(box), confidence: Math.round(confOf.get(box) ?? 0) },
      }));
      if (row.some((c) => c.text)) rows.push({ cells: row, tabular: true, page });
    }
    pieces.push({ top: table.box.y0, rows });
  }

  // The rest of the page, line by line.
  read.push(...words);
  const rest = words.filter((w) => !tables.some((t) => centreIn(w, t.box)));
  const bounds = [0, ...tables.flatMap((t) => [t.box.y0, t.box.y1]), img.height];
  for (let i = 0; i + 1 < bounds.length; i += 2) {
    const [top, bottom] = [bounds[i]!, bounds[i + 1]!];
    const inside = rest.filter((w) => (w.y0 + w.y1) / 2 >= top && (w.y0 + w.y1) / 2 < bottom);
    if (!inside.length) continue;
    const runs = lineRuns(inside, scale);
    pieces.push({ top, rows: layoutPage(runs, { page, width: img.width * scale, height: img.height * scale }) });
  }
  const chars = read.reduce((n, w) => n + w.text.length, 0);
  return {
    rows: pieces.sort((a, b) => a.top - b.top).flatMap((p) => p.rows),
    confidence: chars ? read.reduce((sum, w) => sum + w.conf * w.text.length, 0) / chars : null,
  };
}

/** The image with boxes painted white. */
function blank(img: GrayImage, boxes: Box[]): GrayImage {
  const data = img.data.slice();
  for (const b of boxes)
    for (let y = Math.max(0, Math.floor(b.y0)); y <= Math.min(img.height - 1, Math.ceil(b.y1)); y++)
      data.fill(
        255,
        y * img.width + Math.max(0, Math.floor(b.x0)),
        y * img.width + Math.min(img.width, Math.ceil(b.x1) + 1),
      );
  return { ...img, data };
}

/**
 * Boxes of an image stacked into one: their pixels top to bottom, left aligned, `gap` pixels of
 * `paper` apart (null when there are none); `split` gives each box the words whose middle lies in its band.
 */
function stack(
  img: GrayImage,
  boxes: Box[],
  gap: number,
  paper: number,
): { img: GrayImage; split: (words: OcrWord[]) => { text: string; conf: number }[] } | null {
  if (!boxes.length) return null;
  const width = Math.max(...boxes.map((b) => b.x1 - b.x0)) + 2 * gap;
  const tops: number[] = [];
  let height = gap;
  for (const b of boxes) {
    tops.push(height);
    height += b.y1 - b.y0 + gap;
  }
  const data = new Uint8Array(width * height).fill(paper);
  boxes.forEach((b, i) => {
    for (let y = b.y0; y < b.y1; y++)
      data.set(img.data.subarray(y * img.width + b.x0, y * img.width + b.x1), (tops[i]! + y - b.y0) * width + gap);
  });
  const split = (words: OcrWord[]) =>
    boxes.map((b, i) => {
      const top = tops[i]!;
      const bottom = top + b.y1 - b.y0;
      const mine = words.filter((w) => (w.y0 + w.y1) / 2 >= top - gap / 2 && (w.y0 + w.y1) / 2 < bottom + gap / 2);
      return { text: cellText(mine), conf: mine.length ? Math.min(...mine.map((w) => w.conf)) : 0 };
    });
  return { img: { width, height, data }, split };
}

/** The text of each box, read in one engine call of the boxes stacked (stack). */
async function readStack(
  img: GrayImage,
  boxes: Box[],
  gap: number,
  paper: number,
  timeoutMs: number,
  model: string[] = CHINESE,
): Promise<{ text: string; conf: number }[]> {
  const stacked = stack(img, boxes, gap, paper);
  if (!stacked) return [];
  return stacked.split(await readWords(stacked.img, 6, timeoutMs, model));
}

/** Words of a tesseract line joined into runs, cut where the gap is wider than 1.5 line heights. */
function lineRuns(words: OcrWord[], scale: number): TextRun[] {
  const byLine = new Map<string, OcrWord[]>();
  for (const w of words) {
    const key = `${w.line.x0},${w.line.y0},${w.line.x1},${w.line.y1}`;
    byLine.set(key, [...(byLine.get(key) ?? []), w]);
  }
  const runs: TextRun[] = [];
  for (const line of byLine.values()) {
    line.sort((a, b) => a.x0 - b.x0);
    const height = line[0]!.line.y1 - line[0]!.line.y0;
    let run: OcrWord[] = [];
    const flush = () => {
      if (!run.length) return;
      const size = Math.max(height, ...run.map((w) => w.y1 - w.y0)) * scale;
      runs.push({
        text: cellText(run),
        x0: run[0]!.x0 * scale,
        x1: run.at(-1)!.x1 * scale,
        y: line[0]!.line.y1 * scale,
        size,
        conf: Math.round(Math.min(...run.map((w) => w.conf))),
      });
      run = [];
    };
    for (const w of line) {
      if (run.length && w.x0 - run.at(-1)!.x1 > 1.5 * height) flush();
      run.push(w);
    }
    flush();
  }
  return runs;
}

/** Words in reading order (lines top to bottom, words left to right), CJK joined without spaces. */
function cellText(words: OcrWord[]): string {
  const lines: OcrWord[][] = [];
  for (const w of [...words].sort((a, b) => a.y0 - b.y0)) {
    const mid = (w.y0 + w.y1) / 2;
    const line = lines.find((l) => Math.abs((l[0]!.y0 + l[0]!.y1) / 2 - mid) < (l[0]!.y1 - l[0]!.y0) * 0.6);
    if (line) line.push(w);
    else lines.push([w]);
  }
  let out = '';
  for (const line of lines)
    for (const w of line.sort((a, b) => a.x0 - b.x0)) {
      const t = w.text.replace(/\s+/g, '');
      if (out && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(t)) out += ' ';
      out += t;
    }
  return digitsInContext(out);
}

/**
 * Characters the engine takes for a 1 where only a digit can stand: between digits or between
 * 年 and 月 ("2019年]月1日", "1l2"). Applied to every line read.
 */
function digitsInContext(text: string): string {
  return text.replace(/(?<=[\d年月])[\]|Il丨](?=[\d月日])/gu, '1');
}

/** A figure the engine read with a CJK dash for its sign ("一7", "—3") gets a minus sign. */
function numeric(text: string): string {
  return text.replace(/^[一—－–]\s*(?=\d)/, '-');
}

function centreIn(w: Box, b: Box): boolean {
  const x = (w.x0 + w.x1) / 2;
  const y = (w.y0 + w.y1) / 2;
  return x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1;
}
