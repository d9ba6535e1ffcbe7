// DOCX rendering with merged cells (docx: TableCell columnSpan / rowSpan), like a Word-made report.
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { GeneratedReport } from './report.js';
import { rng, type Rng } from './random.js';
import { buildTables, type Grid } from './tables.js';

const FONT = 'SimSun';

function runs(text: string, size: number): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, font: FONT, size, break: i > 0 ? 1 : undefined }));
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

/** Usable width of an A4 page with Word's default 2.54 cm margins, in twips. */
const PAGE_TWIPS = 11906 - 2 * 1440;

/** A table in `size` half-points; with `columnWidths` a fixed layout. */
function table(r: Rng, grid: Grid, size: number, columnWidths?: number[]): Table {
  const split = r.chance(0.5); // a broken label as separate paragraphs rather than a line break
  const widths = columnWidths
    ? {
        columnWidths,
        layout: TableLayoutType.FIXED,
        width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      }
    : { width: { size: 100, type: WidthType.PERCENTAGE } };
  return new Table({
    ...widths,
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
                          children: [new TextRun({ text: line, font: FONT, size })],
                        }),
                    )
                  : [new Paragraph({ alignment: AlignmentType.CENTER, children: runs(c.text, size) })],
              }),
          ),
        }),
    ),
  });
}

export interface DocxOptions {
  /**
   * Table 三 with fixed column widths and a narrow label column (pdf-office): its sub-row labels
   * (1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 …) wrap over two or three lines.
   */
  narrowLabels?: boolean;
}

/** Table 三's fixed column widths (twips): two narrow group-label columns, a narrow sub-row label column. */
function narrowWidths(r: Rng): number[] {
  const group = [r.int(420, 520), r.int(520, 700)];
  const label = r.int(2400, 3200); // 12–16 characters of 9 pt a line
  const value = Math.floor((PAGE_TWIPS - group[0]! - group[1]! - label) / 7);
  return [...group, label, ...Array.from({ length: 7 }, () => value)];
}

export async function renderDocx(rep: GeneratedReport, opts: DocxOptions = {}): Promise<Buffer> {
  const r = rng(rep.renderSeed).fork('docx');
  const tables = buildTables(rep);
  const widths = opts.narrowLabels ? narrowWidths(rng(rep.renderSeed).fork('docx-widths')) : undefined;
  const children: (Paragraph | Table)[] = [para(rep.titleLines.join('\n'), { bold: true, center: true })];
  for (const p of rep.intro) children.push(para(p));
  for (const s of rep.sections) {
    children.push(para(s.heading, { bold: r.chance(0.5) }));
    for (const p of s.paragraphs) children.push(para(p));
    // pdf-office prints its tables in 9 pt, so figures fit the narrow columns (table 四 has 15) unwrapped
    const size = opts.narrowLabels ? 18 : 21;
    if (s.table)
      children.push(table(r, tables[s.table], size, s.table === 'applications' ? widths : undefined), para(''));
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
