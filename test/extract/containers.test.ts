// Hostile containers, built here in a few KB: a DOCX zip bomb, a DOC whose sector chain loops, a
// PDF of 1,001 pages. Each is refused quickly with a typed error that names the limit; the real
// Word fixtures pass the same checks untouched.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../../src/errors.js';
import { extractDocument } from '../../src/extract/index.js';
import { checkOle2, checkZip } from '../../src/extract/text/containers.js';
import { PEER } from '../fixtures/samples.js';

const DOCS = path.join(import.meta.dirname, '../fixtures/documents');

/** A zip of the given entries, deflated. */
function zip(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

async function extractError(bytes: Buffer, name: string): Promise<string> {
  try {
    await extractDocument({ bytes, name });
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractError);
    return `${(err as ExtractError).kind}: ${(err as ExtractError).message}`;
  }
  throw new Error(`${name} was extracted`);
}

describe('DOCX (zip) limits', () => {
  const contentTypes: [string, Buffer] = ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types/>')];

  it('refuses a zip bomb (50 MiB of one byte) by its compression ratio, before inflating', async () => {
    const bomb = zip([contentTypes, ['word/document.xml', Buffer.alloc(50 * 1024 * 1024, 0x61)]]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await extractError(bomb, 'bomb.docx')).toMatch(
      /^resource_limit: zip entry word\/document\.xml inflates \d+:1 to 50 MiB, over the 200:1 allowed \(MAX_ZIP_RATIO\)$/,
    );
  });

  it('refuses an entry that declares more than 64 MiB, and a total over 256 MiB', () => {
    const small = zip([contentTypes, ['word/document.xml', Buffer.from('<w:document/>')]]);
    const huge = Buffer.from(small);
    const central = huge.lastIndexOf('word/document.xml') - 46; // its central directory entry
    huge.writeUInt32LE(1024 * 1024 * 1024, central + 24); // declares 1 GiB
    expect(() => checkZip(huge)).toThrow('zip entry word/document.xml inflates to 1024 MiB, over 64 MiB (MAX_ZIP_ENTRY_BYTES)');
    // Five entries of 60 MiB each (declared; the data is a few bytes): each under the entry cap, together over the total.
    const many = zip(Array.from({ length: 5 }, (_, i): [string, Buffer] => [`media/${i}.bin`, Buffer.from([i])]));
    for (let at = many.indexOf('media/0.bin') ; (at = many.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at)) >= 0; at += 4) {
      many.writeUInt32LE(60 * 1024 * 1024, at + 24);
      many.writeUInt32LE(1024 * 1024, at + 20); // and a ratio of 60:1
    }
    expect(() => checkZip(many)).toThrow('zip entries inflate to more than 256 MiB together (MAX_ZIP_TOTAL_BYTES)');
  });

  it('passes the real DOCX fixtures', () => {
    for (const f of ['merged.docx', 'grid-before.docx']) expect(() => checkZip(readFileSync(path.join(DOCS, f)))).not.toThrow();
  });
});

describe('DOC (OLE2) sector chains', () => {
  const doc = readFileSync(path.join(DOCS, 'merged.doc'));
  /** The FAT entry of `sector` in the fixture (512-byte sectors, one FAT sector). */
  const fatEntry = (bytes: Buffer, sector: number) => (bytes.readUInt32LE(0x4c) + 1) * 512 + 4 * sector;

  it('passes the real DOC fixtures', () => {
    for (const f of ['merged.doc', 'wide.doc']) expect(() => checkOle2(readFileSync(path.join(DOCS, f)))).not.toThrow();
  });

  it('refuses a FAT whose chain loops, quickly and as corrupt_doc', async () => {
    const looped = Buffer.from(doc);
    const dirSector = looped.readUInt32LE(0x30);
    looped.writeUInt32LE(dirSector, fatEntry(looped, dirSector)); // the directory chain points at itself
    expect(await extractError(looped, 'loop.doc')).toBe(`corrupt_doc: unreadable DOC: a FAT chain loops at sector ${dirSector}`);
  });

  it('refuses a FAT that links outside the file, and a DIFAT chain that loops', () => {
    const outside = Buffer.from(doc);
    outside.writeUInt32LE(100_000, fatEntry(outside, outside.readUInt32LE(0x30)));
    expect(() => checkOle2(outside)).toThrow('the FAT links to sector 100000, outside the file');
    const difat = Buffer.from(doc);
    difat.writeUInt32LE(1, 0x48); // one DIFAT sector…
    difat.writeUInt32LE(2, 0x44); // …at sector 2, whose last word links back to sector 2
    difat.writeUInt32LE(2, (2 + 1) * 512 + 508);
    expect(() => checkOle2(difat)).toThrow('the DIFAT chain loops at sector 2');
  });
});

describe('PDF limits', () => {
  it('refuses a PDF of more than 1,000 pages, naming the cap', async () => {
    const pages = 1001;
    const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Count ${pages} /Kids [${Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')}] >>`];
    for (let i = 0; i < pages; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
    let body = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((o, i) => {
      offsets.push(body.length);
      body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = body.length;
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    expect(await extractError(Buffer.from(body), 'many.pdf')).toBe('resource_limit: 1001 pages, over the 1000 a report may have (MAX_PDF_PAGES)');
  });

  it('reads the real PDFs as before', async () => {
    expect((await extractDocument({ bytes: readFileSync(path.join(PEER, 'hongze-2024.pdf')), name: 'h.pdf' })).year).toBe(2024);
  });
});
