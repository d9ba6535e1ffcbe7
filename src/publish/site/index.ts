// The dataset site (issue 5): a static, searchable page set written into a version folder.
// Contract used by the publisher; the implementation lives in this folder.
// Opens from disk (file://) or any static host: data files are classic <script src> files that
// hand their data to window.OGI, because pages opened from disk cannot fetch() JSON.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPLICANT_COLUMNS, APPLICATION_ROW_KEYS, REVIEW_COLUMNS, REVIEW_GROUPS } from '../../forms/index.js';
import type { ReportRecord } from '../../record.js';
import { buildRegistry } from '../agencies.js';
import type { ArchiveIndex } from '../sources.js';
import { AGENCY_FIGURES, AGENCY_UI, agencyBuckets, agencyEntry } from './agencies.js';
import { renderCharts } from './charts.js';
import { jsonForScript, jsonParseForScript } from './html.js';
import { CHECK_RULES, CHECK_TEXTS, LEVELS, SCOPES, SIDE_NAMES, TEMPLATES, TERMS, UI, WARNING_TEXTS } from './labels.js';
import { siteLayouts } from './layout.js';
import { COMPRESSIBLE, precompressed } from './precompress.js';
import { agencyPage, chartsPage, indexPage, reportPage, type PageContext } from './pages.js';
import { FORMULA_START } from '../csvfile.js';
import {
  bucketEntries,
  buildShards,
  CHECK_RULE_KEYS,
  DENIED_SHARE,
  encodeRows,
  LIST_FIGURES,
  SEARCH_INDEX,
  SORT_KEYS,
  SOURCE_VIA,
  type ShardOptions,
} from './shards.js';

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
const ASSETS = ['site.css', 'common.js', 'list.js', 'report.js', 'agency.js'];

/** Key order of a record, for the record JSON the report page offers. */
const RECORD_KEYS = [
  'report_id',
  'title',
  'agency',
  'agency_id',
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
      listFigures: [...LIST_FIGURES, DENIED_SHARE],
      sortKeys: SORT_KEYS,
    },
    /** The spreadsheet formula guard of every published CSV (src/publish/csvfile.ts), for the list's CSV download. */
    formulaStart: FORMULA_START.source,
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
  // The agency registry: the publisher has set agency_id on its records; records given without it get it here.
  const registry = buildRegistry(input.records);
  const records = input.records.map((r, i) => (r.agency_id === undefined ? { ...r, agency_id: registry.ids[i] } : r));
  const shards = buildShards(records, input.version, options);
  const agencies = agencyBuckets(registry, options.perAgencyBucket);
  const ctx: PageContext = { version: input.version, summary: shards.summary, downloads: input.downloads };
  await write('index.html', indexPage(ctx));
  const charts = renderCharts(records);
  await write('charts.html', chartsPage(ctx, charts.html));
  for (const f of charts.files) await write(f.name, f.text);
  await write('report.html', reportPage(ctx));
  await write('agency.html', agencyPage(ctx, agencies.count));
  for (const name of ASSETS) await write(`assets/${name}`, await readFile(path.join(ASSETS_DIR, name), 'utf8'));
  await write('data/labels.js', labelsScript());
  await write(
    'data/agency-labels.js',
    `window.OGI_AGENCY_LABELS = ${jsonForScript({ ui: AGENCY_UI, figures: AGENCY_FIGURES.map((f) => f.label) })};\n`,
  );
  await write('data/layout.js', `window.OGI_LAYOUT = ${jsonForScript(siteLayouts())};\n`);
  await write('data/texts.js', textsScript());
  const archive: ArchiveIndex = input.archive ?? { base: null, ext: {}, missing: [] };
  await write('data/archive.js', `window.OGI_ARCHIVE = ${jsonForScript(archive)};\n`);
  await write('data/summary.js', `window.OGI_SUMMARY = ${jsonForScript(shards.summary)};\n`);
  for (const f of shards.rowFiles)
    await write(
      f.file,
      `OGI.rows(${jsonForScript(f.file)}, ${jsonParseForScript(encodeRows(f.rows, shards.pinyin))});\n`,
    );
  for (const b of shards.buckets)
    await write(b.file, `OGI.reports(${b.bucket}, ${jsonForScript(bucketEntries(b.records))});\n`);
  for (const b of agencies.buckets)
    await write(
      b.file,
      `OGI.agencies(${b.bucket}, ${jsonForScript(Object.fromEntries(b.agencies.map((a) => [a.agency_id, agencyEntry(a)])))});\n`,
    );
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
 * records). Writes into a temporary folder beside site/, then renames it into place; every page,
 * style and script with its .gz and .br twins (precompress.ts).
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
    if (COMPRESSIBLE.test(name)) {
      const effort = name.startsWith('data/reports/') ? 'fast' : name === SEARCH_INDEX ? 'best' : 'normal';
      const twins = await precompressed(text, effort);
      await writeFile(`${file}.gz`, twins.gz);
      await writeFile(`${file}.br`, twins.br);
    }
  });
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
}
