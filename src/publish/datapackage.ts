// datapackage.json: a Frictionless Data Package (v1) describing every data file of the version:
// path, format, media type, encoding, size, sha256, and for tables their schema (name, type,
// English description, Chinese title). Written after the data files (it holds their sizes).
import type { WrittenFile } from './sink.js';
import { RESOURCES } from './resources.js';

export const PACKAGE_NAME = 'china-ogi-annual-reports';
export const LICENSE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0',
};

export function dataPackage(version: string, files: WrittenFile[]): Record<string, unknown> {
  const written = new Map(files.map((f) => [f.name, f]));
  return {
    profile: 'data-package',
    name: PACKAGE_NAME,
    title: 'China Open Government Information annual reports (政府信息公开工作年度报告)',
    description:
      'Figures of the annual Open Government Information reports of Chinese government bodies, read from the reports published on government portals: applications received and how they were processed, proactive disclosure, reconsideration and litigation. See CODEBOOK.md for every column, CHANGELOG.md for what changed since the previous version.',
    version,
    licenses: [LICENSE],
    sources: [
      {
        title:
          "政府信息公开工作年度报告 on the portals of Chinese government bodies (each report's page_url and document_url are in reports.csv)",
      },
    ],
    resources: RESOURCES.filter((r) => written.has(r.path)).map((r) => {
      const file = written.get(r.path)!;
      return {
        name: r.name,
        path: r.path,
        title: r.title,
        description: r.description,
        format: r.format,
        mediatype: r.mediatype,
        ...(r.format === 'parquet' ? {} : { encoding: 'utf-8' }),
        bytes: file.bytes,
        hash: `sha256:${file.sha256}`,
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
                fields: r.fields.map((f) => ({ name: f.name, title: f.zh, type: f.type, description: f.en })),
                missingValues: [''],
                ...(r.primaryKey ? { primaryKey: r.primaryKey.length === 1 ? r.primaryKey[0] : r.primaryKey } : {}),
                ...(r.foreignKeys
                  ? {
                      foreignKeys: r.foreignKeys.map((k) => ({
                        fields: k.fields.length === 1 ? k.fields[0] : k.fields,
                        reference: {
                          resource: k.resource,
                          fields: k.referenceFields.length === 1 ? k.referenceFields[0] : k.referenceFields,
                        },
                      })),
                    }
                  : {}),
              },
            }
          : {}),
      };
    }),
  };
}

export function dataPackageText(version: string, files: WrittenFile[]): string {
  return `${JSON.stringify(dataPackage(version, files), null, 2)}\n`;
}
