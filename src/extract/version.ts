// Bump when a change to the extractor can change any record: `ogi refresh` re-extracts every
// document whose cached record carries another version (and never re-extracts otherwise).
export const EXTRACTOR_VERSION = '1.2.0';
