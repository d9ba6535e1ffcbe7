// Builds the demo portal (demo/site/) from the shared samples. Run once by a developer, output committed:
//   npx tsx demo/build.ts [SAMPLES_DIR]      (default: test/fixtures/samples)
// `npm start` serves demo/site/ as it is; it never needs the samples.
//
// A TRS-style 年报 column (index.html + index_1.html, createPageHTML pager, t-date article URLs):
//   - the four seed reports (seeds/*.txt) as HTML detail pages: markdown headings → <h1>/<h2>, tab rows
//     and one-cell-per-line blocks → real <table>s, prose → <p>; one of them only as a DOCX attachment
//     (the same HTML converted by LibreOffice);
//   - the two Hongze PDFs (peer/) as attachments of their detail pages;
//   - a notice about compiling reports (the crawler must not take it for a report);
//   - a detail page whose PDF attachment is corrupt (it must land in failures.csv).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ITEMS, type DemoItem } from '../src/demo/items.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = path.resolve(process.argv[2] ?? path.join(HERE, '..', 'test', 'fixtures', 'samples'));
const SITE = path.join(HERE, 'site');
const COLUMN = path.join(SITE, 'zfxxgk', 'zfxxgknb');
const PER_PAGE = 5;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One cell of a one-cell-per-line table: a tab, then text without tabs. */
const isCellLine = (line: string) => line.startsWith('\t') && !line.slice(1).includes('\t');

/** Seed text → report body HTML. */
export function seedToHtml(text: string): string {
  const lines = text.replace(/\r/g, '').split('\n');
  const out: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (!rows.length) return;
    const width = Math.max(...rows.map((r) => r.length));
    out.push('<table border="1" cellspacing="0" cellpadding="4">');
    for (const r of rows) {
      const cells = [...r, ...Array<string>(width - r.length).fill('')];
      out.push(`<tr>${cells.map((c) => `<td>${esc(c.trim())}</td>`).join('')}</tr>`);
    }
    out.push('</table>');
    rows = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isCellLine(line)) {
      // one cell per line: a block of tab-led lines is one row; blank lines separate rows
      const row: string[] = [];
      while (i < lines.length && isCellLine(lines[i])) row.push(lines[i++].slice(1));
      rows.push(row);
      while (i + 1 < lines.length && lines[i] !== undefined && lines[i].trim() === '' && lines[i + 1].trim() === '')
        i++;
      if (!isCellLine(lines[i + 1] ?? '')) flush();
      continue;
    }
    if (line.includes('\t')) {
      rows.push(line.split('\t'));
      continue;
    }
    flush();
    const t = line.trim();
    if (!t) continue;
    const h = /^(#{1,3})\s*(.*)$/.exec(t);
    if (h) out.push(`<h${h[1].length}>${esc(h[2])}</h${h[1].length}>`);
    else out.push(`<p>${esc(t)}</p>`);
  }
  flush();
  return out.join('\n');
}

function detailPage(item: DemoItem, body: string): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="SiteName" content="政务公开演示门户">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="${esc(item.title)}">
<meta name="PubDate" content="${item.date} 09:00">
<meta name="ContentSource" content="${esc(item.source)}">
<title>${esc(item.title)}_政务公开演示门户</title></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="../index.html">政府信息公开年报</a></div>
<h1>${esc(item.title)}</h1>
<div class="info">发布时间：${item.date}　来源：${esc(item.source)}</div>
<div class="TRS_Editor">
${body}
</div>
</body></html>
`;
}

function listPage(items: DemoItem[], page: number, pages: number): string {
  const lis = items.map(
    (it) =>
      `      <li><a href="./${it.path}" title="${esc(it.title)}" target="_blank">${esc(it.title)}</a><span>${it.date}</span></li>`,
  );
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="SiteName" content="政务公开演示门户">
<meta name="ColumnName" content="政府信息公开年报">
<title>政府信息公开年报_政务公开演示门户</title></head>
<body>
  <div class="nav"><a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; 政府信息公开年报</div>
  <div class="list">
    <ul>
${lis.join('\n')}
    </ul>
  </div>
  <div class="page"><script type="text/javascript">
    var currentPage = ${page};
    var countPage = ${pages};
    createPageHTML(countPage, currentPage, "index", "html");
  </script></div>
</body></html>
`;
}

function write(rel: string, content: string | Buffer): void {
  const file = path.join(COLUMN, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function htmlToDocx(html: string, outFile: string): void {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-demo-'));
  try {
    const src = path.join(tmp, 'report.html');
    writeFileSync(src, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${tmp}/profile`,
        '--headless',
        '--convert-to',
        'docx:MS Word 2007 XML',
        '--outdir',
        tmp,
        src,
      ],
      {
        stdio: 'ignore',
      },
    );
    mkdirSync(path.dirname(outFile), { recursive: true });
    copyFileSync(path.join(tmp, 'report.docx'), outFile);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A file that starts like a PDF and then is not one (a download cut short and padded by a proxy). */
function corruptPdf(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R'),
    Buffer.alloc(2048, 0x20),
    Buffer.from('\n<html><body>502 Bad Gateway</body></html>\n'),
  ]);
}

function main(): void {
  rmSync(SITE, { recursive: true, force: true });
  for (const item of DEMO_ITEMS) {
    let body: string;
    if (item.seed && !item.attachment) {
      body = seedToHtml(readFileSync(path.join(SAMPLES, 'seeds', item.seed), 'utf8'));
    } else if (item.attachment) {
      const a = item.attachment;
      const target = path.join(COLUMN, path.dirname(item.path), a.file);
      if (a.from === 'seed-docx')
        htmlToDocx(seedToHtml(readFileSync(path.join(SAMPLES, 'seeds', item.seed!), 'utf8')), target);
      else if (a.from === 'corrupt-pdf') write(path.join(path.dirname(item.path), a.file), corruptPdf());
      else {
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(path.join(SAMPLES, a.from), target);
        chmodSync(target, 0o644);
      }
      body = `<p>${esc(item.source)}${item.title.replace(/^.*?(\d{4}年)/, '$1')}已编制完成，全文见附件。</p>\n<p>附件：<a href="./${a.file}">${esc(a.name)}</a></p>`;
    } else {
      body = `<p>各乡镇人民政府、县政府各部门：</p>\n<p>根据《中华人民共和国政府信息公开条例》规定，现就做好年度报告编制和发布工作通知如下：请于1月31日前完成本机关年度报告的编制和发布工作，并将报告报送县政务公开办。</p>`;
    }
    write(item.path, detailPage(item, body));
  }
  const pages = Math.ceil(DEMO_ITEMS.length / PER_PAGE);
  for (let p = 0; p < pages; p++) {
    write(
      p === 0 ? 'index.html' : `index_${p}.html`,
      listPage(DEMO_ITEMS.slice(p * PER_PAGE, (p + 1) * PER_PAGE), p, pages),
    );
  }
  console.log(
    `demo portal written to ${path.relative(process.cwd(), SITE)} (${DEMO_ITEMS.length} items, ${pages} list pages)`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
