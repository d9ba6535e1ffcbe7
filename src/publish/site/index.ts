// The dataset site (issue 5): a static, searchable page set written into a version folder.
// Contract used by the publisher; the implementation lives in this folder.
import type { ReportRecord } from '../../record.js';

export interface SiteInput {
  records: ReportRecord[];
  /** The version folder being built (a temporary folder; renamed by the publisher afterwards). */
  versionDir: string;
  version: string;
  /** Files of the version, relative to versionDir, with their sizes, for the download list. */
  downloads: { name: string; bytes: number }[];
}

/** Writes `<versionDir>/site/…`. Deterministic: same input ⇒ same bytes. */
export async function buildSite(_input: SiteInput): Promise<void> {
  throw new Error('buildSite: not implemented yet (issue 5)');
}
