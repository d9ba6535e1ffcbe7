// Generated reports as scans: a rendered PDF's pages rasterised by poppler (pdftoppm, JPEG at a
// given resolution and quality) and wrapped as an image-only PDF — no text layer, as a scanner
// writes it. The PDF is written here byte by byte (one DCTDecode image per page).
import { execFileSync } from 'node:child_process';

export interface ScanOptions {
  dpi: number;
  /** JPEG quality, 1–100 (scanners and portals often save at 60–85). */
  quality?: number;
}

/** JPEG pages of a PDF (each a complete JPEG file), as pdftoppm renders them. */
function jpegPages(pdf: Buffer, dpi: number, quality: number): Buffer[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString())?.[1] ?? 0);
  const out: Buffer[] = [];
  for (let n = 1; n <= pages; n++)
    out.push(
      execFileSync(
        'pdftoppm',
        ['-r', String(dpi), '-gray', '-jpeg', '-jpegopt', `quality=${quality}`, '-f', String(n), '-l', String(n), '-'],
        { input: pdf, maxBuffer: 256 << 20 },
      ),
    );
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

/** An image-only PDF: one page per JPEG, each page the image's size at `dpi`. */
export function imagePdf(jpegs: Buffer[], dpi: number): Buffer {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string) => objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const pageIds: number[] = [];
  // 1: catalog, 2: pages; then per page: page, contents, image
  add('');
  add('');
  jpegs.forEach((jpeg, i) => {
    // pdftoppm writes its JPEGs in colour even with -gray
    const { width, height, components } = jpegSize(jpeg);
    const space = components === 1 ? '/DeviceGray' : components === 4 ? '/DeviceCMYK' : '/DeviceRGB';
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
          `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
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

/** The PDF as a scan: its pages rasterised and wrapped as an image-only PDF. */
export function scanPdf(pdf: Buffer, opts: ScanOptions): Buffer {
  return imagePdf(jpegPages(pdf, opts.dpi, opts.quality ?? 85), opts.dpi);
}
