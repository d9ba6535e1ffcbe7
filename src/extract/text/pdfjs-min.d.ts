// pdf.js's minified Node build (pdfjs.ts loads it: the same code as pdf.mjs, ~50 ms less to compile)
// has the declarations of pdf.mjs.
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs';
}
// Its worker module: imported for its effect (globalThis.pdfjsWorker).
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
