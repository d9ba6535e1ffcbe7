// pdf.js for Node, loaded once. Its legacy build (the one that runs in Node) bundles core-js
// polyfills, and one of them replaces Array.prototype.push with a JavaScript function (for a
// spec corner V8 does not follow: push onto an array whose length is read-only), which makes
// every push in the whole process several times slower, pdf.js's own included. The native push
// is put back as soon as the module has loaded.
import { nativePush } from './pdf-native.js';
import { getDocument, OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';

if (Array.prototype.push !== nativePush) Array.prototype.push = nativePush;

export { getDocument, OPS, Util };
export type { PageViewport, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
