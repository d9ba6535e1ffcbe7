// datapackage.json: a Frictionless Data Package (v1) describing every data file of the version:
// path, format, media type, encoding, size, sha256, and for tables their schema (name, type,
// English description, Chinese title, allowed values, primary and foreign keys); the package's id,
// home page, contributors and the licences of the data and of its sources. Written after the data
// files (it holds their sizes).
import { AUTHOR, HOMEPAGE, LICENSE, PACKAGE_NAME, SOURCE_LICENSE, TITLE_EN, versionId } from './citation.js';
import type { Field } from './fields.js';
import { resourceOf } from './resources.js';
import type { WrittenFile } from './sink.js';

export { LICENSE, PACKAGE_NAME };

/**
 * Every CSV starts with a UTF-8 byte order mark (Excel reads the Chinese by it), declared with
 * Python's name for that codec, which Frictionless' Python tools (and pandas) read as it is.
 */
export const CSV_ENCODING = 'utf-8-sig';

const constraints = (f: Field) =>
  f.enum || f.pattern
    ? { constraints: { ...(f.enum ? { enum: f.enum } : {}), ...(f.pattern ? { pattern: f.pattern } : {}) } }
    : {};
const one = (list: string[]) => (list.length === 1 ? list[0] : list);

export function dataPackage(version: string, files: WrittenFile[]): Record<string, unknown> {
  return {
    profile: 'data-package',
    id: versionId(version),
    name: PACKAGE_NAME,
    title: TITLE_EN,
    description:
      'Figures of the annual Open Government Information reports of Chinese government bodies, read from the reports published on government portals: applications received and how they were processed, proactive disclosure, reconsideration and litigation. See CODEBOOK.md for every column, CHANGELOG.md for what changed since the previous version, CITATION.cff for how to cite this version.',
    homepage: HOMEPAGE,
    version,
    licenses: [LICENSE],
    contributors: [{ title: AUTHOR, role: 'author', path: HOMEPAGE }],
    sources: [
      {
        title:
          "政府信息公开工作年度报告 on the portals of Chinese government bodies (each report's page_url and document_url are in reports.csv)",
        licenses: [SOURCE_LICENSE],
      },
    ],
    resources: files.flatMap((file) => {
      const r = resourceOf(file.name);
      if (!r) return [];
      return [
        {
          name: r.name,
          path: file.name,
          title: r.title,
          description: r.description,
          format: r.format,
          mediatype: r.mediatype,
          ...(r.format === 'csv' ? { encoding: CSV_ENCODING } : r.format === 'jsonl' ? { encoding: 'utf-8' } : {}),
          bytes: file.bytes,
          ...(r.reproducible === false ? {} : { hash: `sha256:${file.sha256}` }),
          ...(r.fields
            ? {
                // v1 keeps the tabular-data-resource profile for CSV; the Parquet file just carries the schema
                ...(r.format === 'csv'
                  ? {
                      profile: 'tabular-data-resource',
                      dialect: {
                        delimiter: ',',
                        lineTerminator: '\r\n',
                        quoteChar: '"',
                        doubleQuote: true,
                        header: true,
                      },
                    }
                  : {}),
                schema: {
                  fields: r.fields.map((f) => ({
                    name: f.name,
                    title: f.zh,
                    type: f.type,
                    description: f.en,
                    ...constraints(f),
                  })),
                  missingValues: [''],
                  ...(r.primaryKey ? { primaryKey: one(r.primaryKey) } : {}),
                  ...(r.foreignKeys
                    ? {
                        foreignKeys: r.foreignKeys.map((k) => ({
                          fields: one(k.fields),
                          reference: { resource: k.resource, fields: one(k.referenceFields) },
                        })),
                      }
                    : {}),
                },
              }
            : {}),
        },
      ];
    }),
  };
}

export function dataPackageText(version: string, files: WrittenFile[]): string {
  return `${JSON.stringify(dataPackage(version, files), null, 2)}\n`;
}
