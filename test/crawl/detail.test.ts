// Detail pages: the real saved ones compared whole against their expected files, plus the cases
// the samples do not cover (downfile.jsp, TRS P0 names, embedded viewers, visible vs meta dates).
import { describe, expect, it } from 'vitest';
import { isAttachmentUrl, parseDetail } from '../../src/crawl/detail.js';
import { loadPage } from '../../src/crawl/page.js';
import { samples, withoutProvenance } from './helpers.js';

describe('real saved detail pages (test/fixtures/samples/portal-pages)', () => {
  const details = samples((k) => k === 'detail');

  it('covers every detail sample', () => expect(details.map((s) => s.file.slice(0, 2))).toEqual(['06', '07', '08']));

  it.each(details)('$file: output equals the expected file, whole', ({ page, expected }) => {
    const { attachments, ...rest } = parseDetail(page);
    const actual: Record<string, unknown> = {
      ...rest,
      attachments: attachments.map((a) => ({ url: a.url, text: a.name })),
    };
    const want = withoutProvenance(expected);
    expect(Object.keys(want).filter((k) => !(k in actual))).toEqual([]);
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, actual[k]]))).toEqual(want);
  });
});

const page = (body: string, url = 'https://www.example.gov.cn/zwgk/zfxxgknb/202403/t20240329_123456.html') =>
  loadPage(`<html><head>${body.split('<body>')[0]}</head><body>${body.split('<body>')[1] ?? ''}</body></html>`, url);

describe('parseDetail', () => {
  it('reads a Hanweb report page: downfile.jsp and TRS P0 attachments, 发布机构 over ContentSource, visible date over PubDate', () => {
    const p = page(
      `<meta name="SiteName" content="宁波市江北区人民政府"><meta name="ArticleTitle" content="宁波市江北区人民政府2023年政府信息公开工作年度报告">
       <meta name="PubDate" content="2024-02-01 09:00"><meta name="ContentSource" content="区政府办"><meta name="ColumnName" content="政府信息公开年报">
       <body><table><tr><td>发布机构：</td><td>江北区人民政府办公室</td><td>发布日期：</td><td>2024-01-29</td></tr></table>
       <h1>宁波市江北区人民政府2023年政府信息公开工作年度报告</h1>
       <p><a href="/module/download/downfile.jsp?classid=0&filename=3f2a1b.pdf">附件：年度报告（PDF版）</a></p>
       <p><a href="./P020240129551234567890.docx">附件2</a> <a href="/art/2023/1/1/art_1_1.html">相关文件：2022年报告</a></p>
       <p><a href="https://www.gov.cn/zhengce/content_1.htm">国务院办公厅关于…</a><img src="logo.png"></p>
       <div class="side"><h3><span>相关链接</span></h3><ul><li><a href="/attach/0/guide.pdf">政府信息公开指南（PDF）</a></li></ul></div>`,
      'https://www.nbjb.gov.cn/art/2024/1/29/art_1229485791_47728.html',
    );
    expect(parseDetail(p)).toEqual({
      title: '宁波市江北区人民政府2023年政府信息公开工作年度报告',
      published_date: '2024-01-29',
      agency: '江北区人民政府办公室',
      column_name: '政府信息公开年报',
      attachments: [
        {
          url: 'https://www.nbjb.gov.cn/module/download/downfile.jsp?classid=0&filename=3f2a1b.pdf',
          name: '附件：年度报告（PDF版）',
        },
        { url: 'https://www.nbjb.gov.cn/art/2024/1/29/P020240129551234567890.docx', name: '附件2' },
      ],
      document_date: null,
      index_number: null,
      doc_number: null,
      site_id_code: null,
    });
  });

  it('falls back: h1 when there is no ArticleTitle, <title> minus the site name, t-date of the URL, embedded PDF viewer', () => {
    const p = page(
      `<title>2023年度政府信息公开工作报告_贵州省机关事务管理局</title><meta name="SiteName" content="贵州省机关事务管理局">
       <body><iframe src="/pdfjs/web/viewer.html?file=%2Fzwgk%2F202403%2FP020240329.pdf"></iframe>`,
    );
    const d = parseDetail(p);
    expect([d.title, d.published_date, d.agency, d.attachments]).toEqual([
      '2023年度政府信息公开工作报告',
      '2024-03-29',
      '贵州省机关事务管理局',
      [{ url: 'https://www.example.gov.cn/zwgk/202403/P020240329.pdf', name: 'P020240329.pdf' }],
    ]);
  });

  it('reads a UCAP-template page (沭阳-style): <ucaptitle>, 公开日期 with <publishtime>, 发布机构, empty 文号', () => {
    const p = page(
      `<meta name="SiteName" content="沭阳县人民政府"><title>沭阳县人民政府</title>
       <body><h2 class="siteTit">沭阳县发改局</h2><table class="table_content"><tbody>
       <tr><td>名称</td><td colspan="3">沭阳县发展和改革局2023年政府信息公开年度报告</td></tr>
       <tr><td>索引号</td><td>014314799/2024-00002</td><td>分类</td><td>信息公开年报</td></tr>
       <tr><td>发布机构</td><td>沭阳县发展和改革局</td><td>公开日期</td><td><publishtime>2024-01-17</publishtime></td></tr>
       <tr><td>文号</td><td></td><td>关键词</td><td></td></tr></tbody></table>
       <h1 class="article-title"><ucaptitle>沭阳县发展和改革局2023年政府信息公开年度报告</ucaptitle></h1><ucapcontent><p>根据《条例》…</p></ucapcontent>`,
      'http://www.shuyang.gov.cn/sygfj/gknb/202401/2ecfb31a335f4d689220a3a23e24a986.shtml',
    );
    expect(parseDetail(p)).toEqual({
      title: '沭阳县发展和改革局2023年政府信息公开年度报告',
      published_date: '2024-01-17',
      agency: '沭阳县发展和改革局',
      column_name: null,
      attachments: [],
      document_date: null,
      index_number: '014314799/2024-00002',
      doc_number: null,
      site_id_code: null,
    });
  });

  it.each([
    ['https://a.gov.cn/module/download/downfile.jsp?classid=0&filename=ab12.pdf', true],
    ['https://a.gov.cn/zwgk/202301/P020230130123456789012.wps', true],
    ['https://a.gov.cn/x/2032457/files/0417e94b.pdf', true],
    ['https://a.gov.cn/x/%E5%B9%B4%E6%8A%A5.DOCX', true],
    ['https://a.gov.cn/x/t20230130_11545071.html', false],
    ['https://www.gov.cn/zhengce/zhengceku/202308/content_6898964.htm', false],
    ['https://a.gov.cn/images/pdf.png', false],
  ])('isAttachmentUrl(%s) = %s', (url, want) => expect(isAttachmentUrl(url)).toBe(want));
});
