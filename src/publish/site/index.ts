// The dataset site (issue 5): a static, searchable page set written into a version folder.
// Contract used by the publisher; the implementation lives in this folder.
// Opens from disk (file://) or any static host: data files are classic <script src> files that
// hand their data to window.OGI, because pages opened from disk cannot fetch() JSON.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPLICANT_COLUMNS, APPLICATION_ROW_KEYS, REVIEW_COLUMNS, REVIEW_GROUPS } from '../../forms/index.js';
import type { ReportRecord } from '../../record.js';
import type { ArchiveIndex } from '../sources.js';
import { renderCharts } from './charts.js';
import { jsonForScript } from './html.js';
import { CHECK_RULES, CHECK_TEXTS, LEVELS, SCOPES, SIDE_NAMES, TEMPLATES, TERMS, UI, WARNING_TEXTS } from './labels.js';
import { siteLayouts } from './layout.js';
import { chartsPage, indexPage, reportPage, type PageContext } from './pages.js';
import { bucketEntries, buildShards, CHECK_RULE_KEYS, SOURCE_VIA, type ShardOptions } from './shards.js';

export interface SiteInput {
  records: ReportRecord[];
  /** The version folder being built (a temporary folder; renamed by the publisher afterwards). */
  versionDir: string;
  version: string;
  /** Files of the version, relative to versionDir, with their sizes, for the download list. */
  downloads: { name: string; bytes: number }[];
  /** Where the archived source documents are (src/publish/sources.ts); none when absent. */
  archive?: ArchiveIndex;
}

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const ASSETS = ['site.css', 'common.js', 'list.js', 'report.js'];

/** Key order of a record, for the record JSON the report page offers. */
const RECORD_KEYS = [
  'report_id',
  'title',
  'agency',
  'year',
  'scope',
  'published_date',
  'region',
  'admin_level',
  'template',
  'source',
  'proactive',
  'applications',
  'reviews',
  'checks',
  'warnings',
  'confidence',
  'cells',
  'extractor_version',
];

function labelsScript(): string {
  const labels = {
    ui: UI,
    levels: LEVELS,
    templates: TEMPLATES,
    scopes: SCOPES,
    checks: CHECK_RULES,
    keys: {
      record: RECORD_KEYS,
      applicationRows: APPLICATION_ROW_KEYS,
      applicantColumns: APPLICANT_COLUMNS,
      reviewGroups: REVIEW_GROUPS,
      reviewColumns: REVIEW_COLUMNS,
      checkRules: CHECK_RULE_KEYS,
      sourceVia: SOURCE_VIA,
    },
  };
  return `window.OGI_LABELS = ${jsonForScript(labels)};\n`;
}

/** The report page's texts of checks, warnings and table keys (not loaded by the list). */
function textsScript(): string {
  const texts = { checks: CHECK_TEXTS, warnings: WARNING_TEXTS, terms: TERMS, sideNames: SIDE_NAMES };
  return `window.OGI_TEXTS = ${jsonForScript(texts)};\n`;
}

type Write = (name: string, text: string) => Promise<void>;

/** Produces every file of the site (path relative to site/), one at a time, so 100,000 reports never sit in memory as text. */
async function writeSite(input: SiteInput, options: ShardOptions, write: Write): Promise<void> {
  const shards = buildShards(input.records, input.version, options);
  const ctx: PageContext = { version: input.version, summary: shards.summary, downloads: input.downloads };
  await write('index.html', indexPage(ctx));
  const charts = renderCharts(input.records);
  await write('charts.html', chartsPage(ctx, charts.html));
  for (const f of charts.files) await write(f.name, f.text);
  await write('report.html', reportPage(ctx));
  for (const name of ASSETS) await write(`assets/${name}`, await readFile(path.join(ASSETS_DIR, name), 'utf8'));
  await write('data/labels.js', labelsScript());
  await write('data/layout.js', `window.OGI_LAYOUT = ${jsonForScript(siteLayouts())};\n`);
  await write('data/texts.js', textsScript());
  const archive: ArchiveIndex = input.archive ?? { base: null, ext: {}, missing: [] };
  await write('data/archive.js', `window.OGI_ARCHIVE = ${jsonForScript(archive)};\n`);
  await write('data/summary.js', `window.OGI_SUMMARY = ${jsonForScript(shards.summary)};\n`);
  for (const list of shards.lists) await write(list.file, `OGI.list(${list.province}, ${jsonForScript(list.rows)});\n`);
  for (const b of shards.buckets)
    await write(b.file, `OGI.reports(${b.bucket}, ${jsonForScript(bucketEntries(b.records))});\n`);
}

/** Every file of the site, path relative to site/ → contents (for tests and small sites). */
export async function siteFiles(input: SiteInput, options: ShardOptions = {}): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await writeSite(input, options, async (name, text) => void files.set(name, text));
  return files;
}

/** Writes `<versionDir>/site/…`. Deterministic: same input ⇒ same bytes. */
export async function buildSite(input: SiteInput): Promise<void> {
  return buildSiteWith(input);
}

/**
 * buildSite with smaller pages or buckets (tests use them to exercise paging and hashing on few
 * records). Writes into a temporary folder beside site/, then renames it into place.
 */
export async function buildSiteWith(input: SiteInput, options: ShardOptions = {}): Promise<void> {
  const target = path.join(input.versionDir, 'site');
  const temp = path.join(input.versionDir, `.site.tmp-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  const made = new Set<string>();
  await writeSite(input, options, async (name, text) => {
    const file = path.join(temp, name);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await writeFile(file, text);
  });
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
}
