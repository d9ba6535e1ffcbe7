// Vertical table rulings of a PDF page, from pdf.js's operator list: stroked vertical segments
// and thin filled rectangles, mapped to page coordinates (top-left origin, y down).
// The operator list costs about as much as the text itself, so pdf.ts asks for it only on
// pages where a table row holds a run that may span several cells.
import { OPS, Util, type PageViewport, type PDFPageProxy } from './pdfjs.js';
import type { Ruling } from './pdf-layout.js';

type Matrix = number[];

const STROKE = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILL = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
/** pdf.js path data codes (DrawOPS). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;
/** A vertical ruling is at most this wide and at least this tall (points). */
const MAX_WIDTH = 3;
const MIN_HEIGHT = 4;

export async function verticalRulings(page: PDFPageProxy, viewport: PageViewport): Promise<Ruling[]> {
  const list = await page.getOperatorList();
  const rulings: Ruling[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = viewport.transform;
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = Util.transform(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))
        ctm = Util.transform(ctm, Array.from(args[0] as Matrix));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data || !(STROKE.has(paint) || FILL.has(paint))) continue;
      collect(data, ctm, STROKE.has(paint), rulings);
    }
  }
  return rulings;
}

function collect(data: ArrayLike<number>, ctm: Matrix, stroked: boolean, out: Ruling[]): void {
  let sub: number[][] = [];
  let last: number[] | null = null;
  const endSub = () => {
    if (!stroked && sub.length >= 3) {
      const xs = sub.map((p) => p[0]);
      const ys = sub.map((p) => p[1]);
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const top = Math.min(...ys);
      const bottom = Math.max(...ys);
      if (x1 - x0 <= MAX_WIDTH && bottom - top >= MIN_HEIGHT) out.push({ x: (x0 + x1) / 2, top, bottom });
    }
    sub = [];
  };
  for (let i = 0; i < data.length; ) {
    const op = data[i];
    if (op === MOVE || op === LINE) {
      const p = apply(ctm, data[i + 1], data[i + 2]);
      if (op === MOVE) endSub();
      else if (stroked && last && Math.abs(p[0] - last[0]) <= MAX_WIDTH && Math.abs(p[1] - last[1]) >= MIN_HEIGHT) {
        out.push({ x: (p[0] + last[0]) / 2, top: Math.min(p[1], last[1]), bottom: Math.max(p[1], last[1]) });
      }
      sub.push(p);
      last = p;
      i += 3;
    } else if (op === CURVE) {
      last = apply(ctm, data[i + 5], data[i + 6]);
      sub = []; // a curve is no ruling
      i += 7;
    } else if (op === QUAD) {
      last = apply(ctm, data[i + 3], data[i + 4]);
      sub = [];
      i += 5;
    } else if (op === CLOSE) {
      endSub();
      i += 1;
    } else {
      break; // unknown code: stop reading this path rather than misread it
    }
  }
  endSub();
}

function apply(m: Matrix, x: number, y: number): number[] {
  return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
}
