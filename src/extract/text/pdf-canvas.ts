// pdf.js's Node build requires @napi-rs/canvas as it loads, to polyfill the DOMMatrix, Path2D and
// ImageData of a browser for rendering: a 32 MB native library, ~140 ms of CPU (and more of wall
// time) in every worker that reads a PDF. ogi reads text and never renders, so before pdf.js loads
// (pdfjs.ts imports this first), Node's module cache is given, under that package's own path, what
// text reading uses: DOMMatrix — the package's pure-JavaScript one (geometry.js; pdf.js traces Type3
// glyph masks with it) — and a Path2D and ImageData that refuse to be made. The package on disk is
// left as it is; when it cannot be found, pdf.js loads as it would have.
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const fromPdfjs = createRequire(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs'));

class NotForText {
  constructor() {
    throw new Error('ogi reads text only: pdf.js asked for a canvas (Path2D, ImageData)');
  }
}

try {
  const canvas = fromPdfjs.resolve('@napi-rs/canvas');
  const { DOMMatrix } = fromPdfjs(path.join(path.dirname(canvas), 'geometry.js')) as { DOMMatrix: unknown };
  if (!fromPdfjs.cache[canvas]) {
    const stub = new Module(canvas);
    stub.filename = canvas;
    stub.loaded = true;
    stub.exports = { DOMMatrix, Path2D: NotForText, ImageData: NotForText };
    fromPdfjs.cache[canvas] = stub;
  }
} catch {
  // not installed where pdf.js looks: pdf.js warns and goes on without it, as it always would
}
