// DOCX rendering with merged cells (docx: TableCell columnSpan / rowSpan), like a Word-made report.
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { GeneratedReport } from './report.js';
import { rng, type Rng } from './random.js';
import { buildTables, type Grid } from './tables.js';

const FONT = 'SimSun';

function runs(text: string): TextRun[] {
  return text
    .split('\n')
    .map((line, i) => new TextRun({ text: line, font: FONT, size: 21, break: i > 0 ? 1 : undefined }));
}

function para(text: string, opts: { bold?: boolean; center?: boolean; right?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    children: text.split('\n').map(
      (line, i) =>
        new TextRun({
          text: line,
          bold: opts.bold,
          font: FONT,
          size: opts.bold ? 32 : 24,
          break: i > 0 ? 1 : undefined,
        }),
    ),
  });
}

function table(r: Rng, grid: Grid): Table {
  const split = r.chance(0.5); // a broken label as separate paragraphs rather than a line break
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: grid.map(
      (row) =>
        new TableRow({
          children: row.map(
            (c) =>
              new TableCell({
                columnSpan: c.colspan,
                rowSpan: c.rowspan,
                verticalAlign: VerticalAlign.CENTER,
                children: split
                  ? c.text.split('\n').map(
                      (line) =>
                        new Paragraph({
                          alignment: AlignmentType.CENTER,
                          children: [new TextRun({ text: line, font: FONT, size: 21 })],
                        }),
                    )
                  : [new Paragraph({ alignment: AlignmentType.CENTER, children: runs(c.text) })],
              }),
          ),
        }),
    ),
  });
}

export async function renderDocx(rep: GeneratedReport): Promise<Buffer> {
  const r = rng(rep.renderSeed).fork('docx');
  const tables = buildTables(rep);
  const children: (Paragraph | Table)[] = [para(rep.titleLines.join('\n'), { bold: true, center: true })];
  for (const p of rep.intro) children.push(para(p));
  for (const s of rep.sections) {
    children.push(para(s.heading, { bold: r.chance(0.5) }));
    for (const p of s.paragraphs) children.push(para(p));
    if (s.table) children.push(table(r, tables[s.table]), para(''));
  }
  children.push(para(rep.signature.agency, { right: true }));
  if (rep.signature.date) children.push(para(rep.signature.date, { right: true }));
  const doc = new Document({
    creator: 'ogi test generator',
    title: rep.titleLines.join(''),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
