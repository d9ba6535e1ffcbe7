// pdf.js for Node, loaded once, minified (the same code as pdf.mjs and pdf.worker.mjs, which V8 compiles
// ~50 ms faster; pdfjs-min.d.ts gives it pdf.mjs's types). Its legacy build (the one that runs in Node) bundles core-js
// polyfills, and one of them replaces Array.prototype.push with a JavaScript function (for a
// spec corner V8 does not follow: push onto an array whose length is read-only), which makes
// every push in the whole process several times slower, pdf.js's own included. The native push
// is put back as soon as the module has loaded. The same goes for its worker module (run in this
// thread: pdf.js imports it on the first getDocument, and it brings the polyfill again, for the
// font parsing that is most of a PDF's extraction time): it is imported here, where pdf.js finds it
// (globalThis.pdfjsWorker), and push is restored after it. pdf-canvas.ts, imported before pdf.js,
// keeps pdf.js from loading the native canvas library it would render with (text only here).
import { nativePush } from './pdf-native.js';
import './pdf-canvas.js';
import { getDocument, OPS, Util } from 'pdfjs-dist/legacy/build/pdf.min.mjs';
import 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';

if (Array.prototype.push !== nativePush) Array.prototype.push = nativePush;

export { getDocument, OPS, Util };
export type { PageViewport, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
