// The report's title as printed: the first short heading that names a report, two lines joined
// when the title is printed over two ("宝清县七星河乡人民政府" / "2020 年政府信息公开工作年度报告",
// or "…2024 年政府信息公开工作年度" / "报告"),
// spacing between CJK characters and digits dropped.
import { flatten } from '../text/normalise.js';
import { GENERIC_TITLE, TITLE_WORDS } from '../text/report-titles.js';
import { documentLines } from './flat-text.js';
import type { DocumentModel } from './model.js';

const NOT_A_HEADING = /[。；>»]|当前位置|首页/;
const SENTENCE_END = /[。；，,：:]$/;

/** The title as printed at the top: the first short line naming a report, joined with the line
 * before it when the title is printed on two lines ("宝清县七星河乡人民政府" / "2020年…年度报告"). */
export function findTitle(model: DocumentModel): string | null {
  const top = documentLines(model)
    .filter((l) => !l.tabular)
    .slice(0, 12)
    .map((l) => l.text);
  for (let i = 0; i < top.length; i++) {
    let line = top[i]!;
    if (line.length > 80 || NOT_A_HEADING.test(line)) continue;
    // A title wrapped the other way: its last words alone on the next line ("…工作年度" / "报告").
    const after = top[i + 1];
    if (
      !TITLE_WORDS.test(line) &&
      after &&
      after.length <= 12 &&
      !SENTENCE_END.test(line) &&
      TITLE_WORDS.test(line + after)
    )
      line += after;
    if (!TITLE_WORDS.test(line)) continue;
    const before = top[i - 1];
    const joinable = before && before.length <= 40 && !SENTENCE_END.test(before) && !NOT_A_HEADING.test(before);
    // Join when this line starts with the year or a fragment (the body's name is on the line before).
    const startsBare = /^(?:\d{4}|[（(]?\d{4}|年度|工作|政府信息|政务)/.test(line);
    const title = joinable && startsBare ? before + line : line;
    if (!GENERIC_TITLE.test(title)) return cleanTitle(title);
  }
  return null;
}

export function cleanTitle(s: string): string {
  return flatten(s)
    .replace(/^(?:标题|题名|名称)[:：]/, '')
    .replace(/^[《“"]|[》”"]$/g, '')
    .replace(/[。.]$/, '');
}

/** A page `<title>` usually carries the site name after a separator: keep the report part. */
export function titleFromMeta(title: string | undefined): string | null {
  if (!title) return null;
  const part = title.split(/\s*(?:[-_|–—]{1,2}|——)\s*/).find((p) => TITLE_WORDS.test(p));
  return part ? cleanTitle(part) : null;
}
