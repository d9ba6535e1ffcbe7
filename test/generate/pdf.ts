// PDF renderings: the <table> HTML printed by Debian's Chromium (Playwright page.pdf()), with table 三
// broken across a page either by a forced break before one of its rows or by a spacer that moves a
// natural page boundary into the middle of it. Blank cells print nothing: the PDF has no text there.
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/net/browser.js';
import type { GeneratedReport } from './report.js';
import { renderHtml } from './html.js';
import { rng } from './random.js';
import { buildTables } from './tables.js';

export type PageBreak = 'forced' | 'natural';

/**
 * The printed page's fonts: TrueType-outline CJK faces, as in real reports (Word/WPS exports embed
 * 宋体/仿宋 for the body and 黑体 for headings as CID TrueType fonts). Chromium's PDF backend cannot
 * embed the CFF-outline Noto CJK fonts, nor a synthesised bold, as CID fonts: it writes them as Type 3
 * glyph procedures, which real reports do not have and which cost pdf.js several times the work to
 * read. So the body is printed in a Song face and headings in a Hei face at normal weight.
 * Debian packages: fonts-arphic-uming, fonts-wqy-microhei (scripts/setup.sh installs them).
 */
const BODY_FONT = 'AR PL UMing CN';
const HEADING_FONT = 'WenQuanYi Micro Hei';
const PRINT_CSS =
  `body, td { font-family: "${BODY_FONT}"; }\n` +
  `h1, h2, strong { font-family: "${HEADING_FONT}"; font-weight: normal; }`;

/** Chromium silently falls back to another font, so a missing one would only show as Type 3 glyphs. */
function assertFontsInstalled(): void {
  const families = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  for (const [family, pkg] of [
    [BODY_FONT, 'fonts-arphic-uming'],
    [HEADING_FONT, 'fonts-wqy-microhei'],
  ]) {
    if (!families.includes(family!))
      throw new Error(`font "${family}" is not installed: run scripts/setup.sh (Debian package ${pkg})`);
  }
}

const MM = 96 / 25.4;
const MARGIN_MM = 20;
const CONTENT_W = (210 - 2 * MARGIN_MM) * MM;
const CONTENT_H = (297 - 2 * MARGIN_MM) * MM;

/**
 * Prints each report to a PDF; one browser for the whole batch. With `targetPages`, prose paragraphs of
 * section 一 are dropped or repeated (up to 4 reprints) until the PDF has that many pages; prose is
 * not part of the truth, so the ground truth does not change.
 */
export async function renderPdfs(
  reports: { rep: GeneratedReport; pageBreak: PageBreak; targetPages?: number; repeatHeader?: boolean }[],
): Promise<Buffer[]> {
  assertFontsInstalled();
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: Math.round(CONTENT_W), height: 1000 } });
    await page.emulateMedia({ media: 'print' });
    const out: Buffer[] = [];
    for (const { rep, pageBreak, targetPages, repeatHeader } of reports) {
      let pdf = await printOne(page, rep, pageBreak, repeatHeader);
      const prose = rep.sections[0]!.paragraphs;
      for (let attempt = 0; targetPages && attempt < 4; attempt++) {
        const pages = pdfPageCount(pdf);
        if (pages === targetPages) break;
        const step = Math.max(1, Math.abs(pages - targetPages) * 3);
        if (pages > targetPages) prose.splice(Math.max(1, prose.length - step));
        else prose.push(...Array.from({ length: step }, (_, i) => prose[i % prose.length]!));
        pdf = await printOne(page, rep, pageBreak, repeatHeader);
      }
      out.push(pdf);
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** Page count from the PDF's page tree (Chromium writes plain /Type /Page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/**
 * With `repeatHeader`, table 三's three header rows are a <thead>, which Chromium prints again at the
 * top of every page the table continues on (pdf-split-header): the figures below a repeated header
 * belong to the rows that continue, not to a new table.
 */
async function printOne(page: Page, rep: GeneratedReport, pageBreak: PageBreak, repeatHeader = false): Promise<Buffer> {
  const r = rng(rep.renderSeed).fork('pdf');
  const [start, end] = buildTables(rep).resultRows;
  const breakBeforeRow = pageBreak === 'forced' ? r.int(start + 2, end - 1) : undefined;
  const html = renderHtml(rep, {
    layout: 'table',
    charset: 'utf-8',
    breakBeforeRow,
    theadRows: repeatHeader ? 3 : undefined,
  }).toString('utf8');
  await page.setContent(html, { waitUntil: 'load' });
  await page.addStyleTag({ content: PRINT_CSS });
  if (pageBreak === 'natural') {
    const fraction = 0.25 + r.next() * 0.5;
    await page.evaluate(
      ([pageH, f]) => {
        const table = document.querySelectorAll('table')[1]!;
        const box = table.getBoundingClientRect();
        const top = box.top + window.scrollY;
        const nextBoundary = Math.ceil(top / pageH) * pageH;
        const spacer = (((nextBoundary - top - f * box.height) % pageH) + pageH) % pageH;
        const div = document.createElement('div');
        div.style.height = `${spacer}px`;
        table.before(div);
      },
      [CONTENT_H, fraction] as const,
    );
  }
  return page.pdf({
    format: 'A4',
    margin: { top: `${MARGIN_MM}mm`, bottom: `${MARGIN_MM}mm`, left: `${MARGIN_MM}mm`, right: `${MARGIN_MM}mm` },
    printBackground: false,
  });
}
