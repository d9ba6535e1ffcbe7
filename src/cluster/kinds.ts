// The cluster's job kinds, one BullMQ queue each (./run.ts): light, so that `ogi worker` checks
// `--kinds` before it loads BullMQ.
export const KINDS = ['crawl', 'extract', 'ocr'] as const;
export type Kind = (typeof KINDS)[number];
