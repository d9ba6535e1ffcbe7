// How to cite the dataset: one description (title, authors, licences, home page) for
// CITATION.cff at the repository root, the CITATION.cff of each version, the "how to cite"
// section of CODEBOOK.md, datapackage.json's contributors and the site's footer.
import { createHash } from 'node:crypto';
import { HOMEPAGE } from '../sys/package-root.js';

export { HOMEPAGE };
export const PACKAGE_NAME = 'china-ogi-annual-reports';
export const TITLE_EN = 'China Open Government Information annual reports (政府信息公开工作年度报告)';
export const TITLE_ZH = '中国政府信息公开工作年度报告数据集';
export const AUTHOR = 'ogi contributors';

export const LICENSE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0',
};
/** The reports themselves: official documents of state organs, outside copyright in China. */
export const SOURCE_LICENSE = {
  name: 'other-pd',
  title:
    'Official documents of Chinese state organs (政府信息公开工作年度报告): not protected by copyright, Copyright Law of the PRC, Article 5 (著作权法第五条)',
};

/** The date of a version name ("2026-11-27.1" → "2026-11-27"). */
export const versionDate = (version: string): string | null => /^\d{4}-\d{2}-\d{2}/.exec(version)?.[0] ?? null;

/** The ready citation of a version, in Chinese and English. */
export function citationText(version: string): { zh: string; en: string } {
  return {
    zh: `${AUTHOR}. ${TITLE_ZH}，版本 ${version}. ${HOMEPAGE}`,
    en: `${AUTHOR}. ${TITLE_EN}, version ${version}. Dataset. ${HOMEPAGE}`,
  };
}

/**
 * A stable unique id of a version (datapackage.json `id`): the name-based UUID (RFC 9562, version 5,
 * URL namespace) of `<home page>#<package>@<version>`, the same every time the version is built.
 */
export function versionId(version: string): string {
  const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const h = createHash('sha1').update(ns).update(`${HOMEPAGE}#${PACKAGE_NAME}@${version}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const q = (s: string) => JSON.stringify(s);

/**
 * CITATION.cff (Citation File Format 1.2.0): of the dataset as a whole (the repository's, no version
 * given), or of one version (its version and release date). Written as YAML with every scalar
 * double-quoted (JSON escapes are YAML's).
 */
export function citationCff(version?: string): string {
  const date = version ? versionDate(version) : null;
  const lines = [
    'cff-version: 1.2.0',
    `message: ${q(version ? 'If you use this version of the dataset, please cite it as below. 如使用本版本数据，请按以下方式引用。' : 'If you use this dataset or its software, please cite it as below. 如使用本数据集或其程序，请按以下方式引用。')}`,
    'type: dataset',
    `title: ${q(TITLE_EN)}`,
    'authors:',
    `  - name: ${q(AUTHOR)}`,
    ...(version ? [`version: ${q(version)}`] : []),
    ...(date ? [`date-released: ${q(date)}`] : []),
    `url: ${q(HOMEPAGE)}`,
    `repository-code: ${q(HOMEPAGE)}`,
    `license: ${q(LICENSE.name)}`,
    `abstract: ${q('Figures of the annual Open Government Information reports (政府信息公开工作年度报告) of Chinese government bodies, read from the reports published on government portals, with every accounting identity checked and every figure traceable to where it was printed. The reports themselves are official documents, outside copyright in China (Copyright Law, Article 5).')}`,
    'keywords:',
    ...['open government information', '政府信息公开', 'China', 'annual reports', 'FOI'].map((k) => `  - ${q(k)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The site's footer line: the citation of the version. */
export function citeLine(version: string): readonly [string, string] {
  const c = citationText(version);
  return [`引用本版本：${c.zh}（CITATION.cff）`, `How to cite this version: ${c.en} (CITATION.cff)`];
}
