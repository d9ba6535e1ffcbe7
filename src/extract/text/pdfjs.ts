// pdf.js for Node, loaded once, minified (the same code as pdf.mjs and pdf.worker.mjs, which V8 compiles
// ~50 ms faster; pdfjs-min.d.ts gives it pdf.mjs's types), from the code-cached scripts the build made
// when there are any for this process (pdfjs-cache.ts), else as the ES modules it ships. Its legacy
// build (the one that runs in Node) bundles core-js polyfills, and one of them replaces
// Array.prototype.push with a JavaScript function (for a spec corner V8 does not follow: push onto an
// array whose length is read-only), which makes every push in the whole process several times slower,
// pdf.js's own included. The native push is put back as soon as pdf.js has loaded — its worker module
// too (run in this thread: the font parsing that is most of a PDF's extraction time), which pdf.js
// finds on globalThis.pdfjsWorker. pdf-canvas.ts, imported before pdf.js, keeps pdf.js from loading
// the native canvas library it would render with (text only here). Another polyfill, for
// Response.prototype.bytes (pdf.js reads URLs with fetch; ogi hands it bytes), would load Node's
// whole fetch implementation (undici, ~40 ms) as pdf.js loads: it is shown a stand-in Response meanwhile.
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.min.mjs';
import { nativePush } from './pdf-native.js';
import './pdf-canvas.js';
import { importModules, loadCached, type PdfjsExports } from './pdfjs-cache.js';

const response = Object.getOwnPropertyDescriptor(globalThis, 'Response');
Object.defineProperty(globalThis, 'Response', {
  value: class StandIn {
    bytes() {}
  },
  configurable: true,
  writable: true,
});
let pdfjs: PdfjsExports;
try {
  pdfjs = loadCached() ?? (await importModules());
} finally {
  if (response) Object.defineProperty(globalThis, 'Response', response);
  else delete (globalThis as { Response?: unknown }).Response;
}
if (Array.prototype.push !== nativePush) Array.prototype.push = nativePush;

const { getDocument, OPS, Util } = pdfjs as unknown as typeof Pdfjs;
export { getDocument, OPS, Util };
export type { PageViewport, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
