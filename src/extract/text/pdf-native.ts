// Captures the native Array.prototype.push before pdf.js loads (see pdfjs.ts). Imported first.
export const nativePush = Array.prototype.push;
