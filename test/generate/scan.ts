// Generated reports as scans: a rendered PDF's pages rasterised by poppler at a given resolution,
// with what scanning does to paper (grey paper, specks, a page fed askew, JPEG artefacts) and a red
// round seal stamped over a table (sharp composes them), then wrapped as an image-only PDF — no
// text layer, as a scanner writes it; the PDF is written here byte by byte (one DCTDecode image
// per page) — or pasted into a DOCX as pictures. The pages are made once per PDF, options and
// generator source, then read from test/.generated/scans/ (like the corpus).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_ROOT, sourceHash } from './corpus.js';
import { convertHtmlToDocx } from './doc.js';
import { rng } from './random.js';

export interface ScanOptions {
  dpi: number;
  /** JPEG quality, 1–100 (scanners and portals often save at 60–85). */
  quality?: number;
  /** Degrees the paper lay askew in the scanner (positive: clockwise). */
  skew?: number;
  /** Share of pixels turned to specks of dirt (0–1). */
  noise?: number;
  /** Grey paper: white becomes this shade (0–255). */
  paper?: number;
  /** A red round seal (公章) stamped on this page (1-based), its centre at this share of the page's width and height. */
  seal?: { page: number; x: number; y: number };
  /** Seed of the noise. */
  seed?: string;
}

/** A red round seal as SVG: a ring, a star and the agency's name around the top. */
function sealSvg(diameter: number): string {
  const r = diameter / 2;
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const d = i % 2 === 0 ? r * 0.3 : r * 0.12;
    return `${r + d * Math.cos(a)},${r + d * Math.sin(a)}`;
  }).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${diameter}" height="${diameter}">
  <circle cx="${r}" cy="${r}" r="${r * 0.92}" fill="none" stroke="#d81e1e" stroke-width="${r * 0.07}" opacity="0.85"/>
  <polygon points="${star}" fill="#d81e1e" opacity="0.85"/>
  <path id="arc" d="M ${r * 0.25},${r} A ${r * 0.75},${r * 0.75} 0 0 1 ${r * 1.75},${r}" fill="none"/>
  <text font-size="${r * 0.22}" fill="#d81e1e" opacity="0.85" font-family="AR PL UMing CN"><textPath href="#arc" startOffset="50%" text-anchor="middle">某某县人民政府办公室</textPath></text>
</svg>`;
}

/** JPEG pages of a PDF as a scanner would give them (each a complete JPEG file). */
/**
 * The scan's pages, from test/.generated/scans/<key>/ (files 1, 2, … and `pages`, their count, written
 * last) when made before for these PDF bytes, options and generator source; else made and kept there
 * (a folder written aside, then renamed: two test files making one scan at once keep one).
 */
async function jpegPages(pdf: Buffer, opts: ScanOptions): Promise<Buffer[]> {
  const key = createHash('sha256')
    .update(pdf)
    .update(JSON.stringify(opts))
    .update(await sourceHash())
    .digest('hex')
    .slice(0, 24);
  const root = join(GENERATED_ROOT, 'scans');
  const dir = join(root, key);
  if (existsSync(join(dir, 'pages'))) {
    const count = Number(await readFile(join(dir, 'pages'), 'utf8'));
    return Promise.all(Array.from({ length: count }, (_, i) => readFile(join(dir, String(i + 1)))));
  }
  const pages = await renderJpegPages(pdf, opts);
  await mkdir(root, { recursive: true });
  const tmp = await mkdtemp(join(root, '.tmp-'));
  await Promise.all(pages.map((page, i) => writeFile(join(tmp, String(i + 1)), page)));
  await writeFile(join(tmp, 'pages'), String(pages.length));
  await rename(tmp, dir).catch(() => rm(tmp, { recursive: true, force: true })); // made meanwhile by another
  return pages;
}

async function renderJpegPages(pdf: Buffer, opts: ScanOptions): Promise<Buffer[]> {
  const { default: sharp } = await import('sharp');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString())?.[1] ?? 0);
  const random = rng(opts.seed ?? 'scan');
  const out: Buffer[] = [];
  for (let n = 1; n <= pages; n++) {
    const png = execFileSync('pdftoppm', ['-r', String(opts.dpi), '-png', '-f', String(n), '-l', String(n), '-'], {
      input: pdf,
      maxBuffer: 256 << 20,
    });
    const { width = 0, height = 0 } = await sharp(png).metadata();
    const layers: { input: Buffer; left: number; top: number; blend?: 'multiply' | 'over' }[] = [];
    if (opts.seal?.page === n) {
      const d = Math.round(opts.dpi * 1.6);
      layers.push({
        input: Buffer.from(sealSvg(d)),
        left: Math.max(0, Math.round(width * opts.seal.x - d / 2)),
        top: Math.max(0, Math.round(height * opts.seal.y - d / 2)),
        blend: 'multiply',
      });
    }
    if (opts.noise) {
      const specks = Buffer.alloc(width * height, 255);
      const count = Math.round(width * height * opts.noise);
      for (let i = 0; i < count; i++)
        specks[Math.floor(random.next() * specks.length)] = Math.floor(random.next() * 120);
      layers.push({
        input: await sharp(specks, { raw: { width, height, channels: 1 } })
          .toColourspace('srgb')
          .png()
          .toBuffer(),
        left: 0,
        top: 0,
        blend: 'multiply',
      });
    }
    let image = sharp(png).composite(layers);
    if (opts.paper !== undefined) image = sharp(await image.png().toBuffer()).linear(opts.paper / 255, 0);
    if (opts.skew) image = sharp(await image.png().toBuffer()).rotate(opts.skew, { background: '#ffffff' });
    out.push(await image.jpeg({ quality: opts.quality ?? 85 }).toBuffer());
  }
  return out;
}

/** Width, height and colour components of a baseline or progressive JPEG, from its SOF marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number; components: number } {
  let i = 2;
  while (i < jpeg.length) {
    const marker = jpeg[i + 1]!;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7), components: jpeg[i + 9]! };
    i += 2 + length;
  }
  throw new Error('no SOF marker');
}

/** A page image already encoded for a PDF image XObject (other filters than JPEG's DCTDecode). */
export interface PdfImage {
  width: number;
  height: number;
  /** The image dictionary's other keys, e.g. `/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode …`. */
  dict: string;
  data: Buffer;
}

/** An image-only PDF: one page per image (a JPEG, or a PdfImage), each page the image's size at `dpi`. */
export function imagePdf(jpegs: (Buffer | PdfImage)[], dpi: number): Buffer {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string) => objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const pageIds: number[] = [];
  // 1: catalog, 2: pages; then per page: page, contents, image
  add('');
  add('');
  jpegs.forEach((image, i) => {
    const jpeg = Buffer.isBuffer(image) ? image : image.data;
    // pdftoppm writes its JPEGs in colour even with -gray
    const { width, height, components } = Buffer.isBuffer(image) ? jpegSize(image) : { ...image, components: 1 };
    const space = components === 1 ? '/DeviceGray' : components === 4 ? '/DeviceCMYK' : '/DeviceRGB';
    const dict = Buffer.isBuffer(image) ? `/ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode` : image.dict;
    const w = (width * 72) / dpi;
    const h = (height * 72) / dpi;
    const page = 3 + i * 3;
    pageIds.push(page);
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`,
    );
    const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    add(
      Buffer.concat([
        Buffer.from(
          `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} ${dict} /Length ${jpeg.length} >>\nstream\n`,
          'latin1',
        ),
        jpeg,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  });
  objects[0] = Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1');
  objects[1] = Buffer.from(
    `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
    'latin1',
  );
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(obj);
    length += obj.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** The PDF as a scan published as pictures: one JPEG per page (as on an article page of scanned pages). */
export function scanPictures(pdf: Buffer, opts: ScanOptions): Promise<Buffer[]> {
  return jpegPages(pdf, opts);
}

/** The PDF as a scan: its pages rasterised (with the scanner's and the paper's faults asked for) and wrapped as an image-only PDF. */
export async function scanPdf(pdf: Buffer, opts: ScanOptions): Promise<Buffer> {
  return imagePdf(await jpegPages(pdf, opts), opts.dpi);
}

/** The PDF as a scan whose pages were pasted into a Word document as pictures (LibreOffice writes the DOCX). */
export async function scanDocx(pdf: Buffer, opts: ScanOptions): Promise<Buffer> {
  const pages = await jpegPages(pdf, opts);
  const dir = await mkdtemp(join(tmpdir(), 'ogi-scan-docx-'));
  try {
    const body = pages
      .map((p) => `<p><img src="data:image/jpeg;base64,${p.toString('base64')}" width="600"></p>`)
      .join('');
    await writeFile(join(dir, 'scan.html'), `<html><body>${body}</body></html>`);
    await convertHtmlToDocx([join(dir, 'scan.html')], dir);
    return await readFile(join(dir, 'scan.docx'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
