// The closed vocabularies of the published columns (datapackage.json `enum` constraints, the
// codebook): each list is made from an object keyed by every member of the record's type, so the
// compiler says when a value is added to the type and not here, or listed here and not there.
import { FAILURE_KINDS } from '../failures.js';
import { TEMPLATES } from '../forms/index.js';
import type { AdminLevel, CellSource, CellTable, Confidence, Format, Scope } from '../record.js';
import type { Stage } from '../workarea/index.js';

const keysOf = <T extends string>(all: Record<T, true>): readonly T[] => Object.keys(all) as T[];

export const SCOPES = keysOf<Scope>({ agency: true, aggregate: true });
export const ADMIN_LEVELS = keysOf<AdminLevel>({
  central: true,
  province: true,
  city: true,
  county: true,
  township: true,
  department: true,
});
export const FORMATS = keysOf<Format>({ html: true, pdf: true, docx: true, doc: true, txt: true, image: true });
export const CONFIDENCES = keysOf<Confidence>({ high: true, medium: true, low: true });
export const CELL_TABLES = keysOf<CellTable>({ proactive: true, applications: true, reviews: true });
export const CELL_VIAS = keysOf<CellSource['via']>({ table: true, statistics_table: true, prose: true });
export const CELL_LABELS = keysOf<CellSource['label']>({ strict: true, loose: true });
export const STAGES = keysOf<Stage>({ crawl: true, download: true, extract: true, publish: true });
export const TEMPLATE_IDS: readonly string[] = TEMPLATES.map((t) => t.id);

/** failures.csv `kind`: the closed list, or http_<status>. */
export const FAILURE_KIND_PATTERN = `^(http_\\d{3}|${Object.keys(FAILURE_KINDS).join('|')})$`;
