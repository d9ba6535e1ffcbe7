// Hostile containers, built here in a few KB: a DOCX zip bomb, a DOC whose sector chain loops, a
// PDF of 1,001 pages. Each is refused quickly with a typed error that names the limit; the real
// Word fixtures pass the same checks untouched.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../../src/errors.js';
import { extractDocument } from '../../src/extract/index.js';
import { checkOle2, checkZip } from '../../src/extract/text/containers.js';
import { fatEntry, loopedDoc, zip, zipBomb } from '../fixtures/hostile.js';
import { PEER } from '../fixtures/samples.js';

const DOCS = path.join(import.meta.dirname, '../fixtures/documents');

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
    const bomb = zipBomb(50);
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
    expect(() => checkZip(huge)).toThrow(
      'zip entry word/document.xml inflates to 1024 MiB, over 64 MiB (MAX_ZIP_ENTRY_BYTES)',
    );
    // Five entries of 60 MiB each (declared; the data is a few bytes): each under the entry cap, together over the total.
    const many = zip(Array.from({ length: 5 }, (_, i): [string, Buffer] => [`media/${i}.bin`, Buffer.from([i])]));
    for (
      let at = many.indexOf('media/0.bin');
      (at = many.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at)) >= 0;
      at += 4
    ) {
      many.writeUInt32LE(60 * 1024 * 1024, at + 24);
      many.writeUInt32LE(1024 * 1024, at + 20); // and a ratio of 60:1
    }
    expect(() => checkZip(many)).toThrow('zip entries inflate to more than 256 MiB together (MAX_ZIP_TOTAL_BYTES)');
  });

  it('expands no XML entities: a billion-laughs or external-entity DOCX is refused as corrupt, nothing expanded', async () => {
    let dtd = '<!ENTITY lol "lol">';
    for (let i = 1; i < 10; i++) dtd += `<!ENTITY lol${i} "${`&lol${i > 1 ? i - 1 : ''};`.repeat(10)}">`;
    dtd += '<!ENTITY xxe SYSTEM "file:///etc/passwd">';
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const body = ['某县人民政府2023年政府信息公开工作年度报告', '&lol9;', '&xxe;']
      .map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`)
      .join('');
    const docx = zip([
      [
        '[Content_Types].xml',
        Buffer.from(
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
      ],
      [
        '_rels/.rels',
        Buffer.from(
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
      ],
      [
        'word/document.xml',
        Buffer.from(
          `<?xml version="1.0"?><!DOCTYPE w:document [${dtd}]><w:document ${w}><w:body>${body}</w:body></w:document>`,
        ),
      ],
    ]);
    // The XML parser (xmldom, under mammoth) resolves no DTD entity, internal or external: the
    // document is refused as corrupt at the first one, nothing expanded, no file read.
    expect(await extractError(docx, 'entities.docx')).toMatch(
      /^corrupt_docx: unreadable DOCX: .*entity not found:&(lol9|xxe);/,
    );
  });

  it('passes the real DOCX fixtures', () => {
    for (const f of ['merged.docx', 'grid-before.docx'])
      expect(() => checkZip(readFileSync(path.join(DOCS, f)))).not.toThrow();
  });
});

describe('DOC (OLE2) sector chains', () => {
  const doc = readFileSync(path.join(DOCS, 'merged.doc'));

  it('passes the real DOC fixtures', () => {
    for (const f of ['merged.doc', 'wide.doc']) expect(() => checkOle2(readFileSync(path.join(DOCS, f)))).not.toThrow();
  });

  it('refuses a FAT whose chain loops, quickly and as corrupt_doc', async () => {
    const { bytes, sector } = loopedDoc(); // the directory's chain points at itself
    expect(await extractError(bytes, 'loop.doc')).toBe(
      `corrupt_doc: unreadable DOC: a FAT chain loops at sector ${sector}`,
    );
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
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Count ${pages} /Kids [${Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')}] >>`,
    ];
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
    expect(await extractError(Buffer.from(body), 'many.pdf')).toBe(
      'resource_limit: 1001 pages, over the 1000 a report may have (MAX_PDF_PAGES)',
    );
  });

  it('reads the real PDFs as before', async () => {
    expect(
      (await extractDocument({ bytes: readFileSync(path.join(PEER, 'hongze-2024.pdf')), name: 'h.pdf' })).year,
    ).toBe(2024);
  });
});
