// Report metadata: the six real samples compared field by field with their expected files, then
// one case per rule (period sentence spellings, two-line titles, signature dates, scope, level).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMetadata, type Metadata } from '../../src/extract/metadata.js';
import { modelFromRows, type DocumentMeta, type DocumentModel } from '../../src/extract/model.js';
import { readPdf } from '../../src/extract/text/pdf.js';
import { readHtml } from '../../src/extract/text/html.js';
import { readTxtString } from '../../src/extract/text/txt.js';
import { renderHtml } from '../generate/html.js';
import { generateReport } from '../generate/report.js';
import { renderText } from '../generate/text.js';
import { PEER, SEEDS } from '../fixtures/samples.js';
import { proseRows } from './helpers.js';

const FIELDS = ['title', 'agency', 'year', 'published_date', 'scope', 'region', 'admin_level'] as const;

/** The expected file's values for the fields it states (seeds state no title). */
function expectedFields(file: string): Partial<Metadata> {
  const expected = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(FIELDS.filter((k) => k in expected).map((k) => [k, expected[k]]));
}
const pick = (m: Metadata, keys: string[]) => Object.fromEntries(keys.map((k) => [k, m[k as keyof Metadata]]));

/** A document of prose lines, one row each (blank lines dropped as the readers do). */
function doc(text: string, meta: DocumentMeta = {}): DocumentModel {
  return modelFromRows('txt', proseRows(text), meta);
}

describe('real reports', () => {
  it.each(['000_5b187f188d2c1fc2', '001_82da0c68b48e6d43', '002_6ac92d5cb3b88a66', '003_68024565e3af0575'])(
    'seed %s',
    (name) => {
      const expected = expectedFields(`${SEEDS}/${name}.expected.json`);
      const m = readMetadata(readTxtString(readFileSync(`${SEEDS}/${name}.txt`, 'utf8')));
      expect(pick(m, Object.keys(expected))).toEqual(expected);
      expect(Object.keys(expected).sort()).toEqual([
        'admin_level',
        'agency',
        'published_date',
        'region',
        'scope',
        'year',
      ]);
    },
  );

  it('seed titles as printed, spaces between CJK and digits dropped', () => {
    const title = (name: string) => readMetadata(readTxtString(readFileSync(`${SEEDS}/${name}.txt`, 'utf8'))).title;
    expect(title('000_5b187f188d2c1fc2')).toBe('大贵镇2020年政府信息公开工作年度报告');
    expect(title('002_6ac92d5cb3b88a66')).toBe('贾峪镇人民政府2020年政府信息公开工作年度报告');
    expect(title('003_68024565e3af0575')).toBe('宝清县七星河乡人民政府2020年政府信息公开工作年度报告');
  });

  it('seed 002 has no period sentence: year from the title, with a warning', () => {
    const m = readMetadata(readTxtString(readFileSync(`${SEEDS}/002_6ac92d5cb3b88a66.txt`, 'utf8')));
    expect(m.warnings).toEqual([
      { code: 'year_from_title', where: 'year', detail: 'no statistics-period sentence; 2020 from the title' },
    ]);
  });

  it.each(['hongze-2023', 'hongze-2024'])('%s (PDF through readPdf)', async (name) => {
    const expected = expectedFields(`${PEER}/${name}.expected.json`);
    const m = readMetadata(await readPdf(readFileSync(`${PEER}/${name}.pdf`)));
    expect(Object.keys(expected).sort()).toEqual([...FIELDS].sort());
    expect(pick(m, [...FIELDS])).toEqual(expected);
    expect(m.warnings).toEqual([]);
  });
});

describe('generated reports (title on one or two lines, spaced years, missing period sentence, dates)', () => {
  const reports = Array.from({ length: 60 }, (_, i) => generateReport(`meta-${i}`, `metadata-${i}`));
  it.each(reports.map((r, i) => [r.id, r, i] as const))('%s', (_id, rep, i) => {
    const model =
      i % 2 === 0
        ? readTxtString(renderText(rep, 'tab').toString('utf8'))
        : readHtml(renderHtml(rep, { layout: (['table', 'div', 'p'] as const)[i % 3]!, charset: 'utf-8' }));
    const m = readMetadata(model);
    const { title, agency, year, published_date } = rep.truth;
    expect({ title: m.title, agency: m.agency, year: m.year, published_date: m.published_date }).toEqual({
      title,
      agency,
      year,
      published_date,
    });
    const hasPeriod = rep.intro.some((p) => p.includes('统计期限'));
    expect(m.warnings.some((w) => w.code === 'year_from_title')).toBe(!hasPeriod);
  });
});

describe('year', () => {
  it.each([
    ['报告中所列数据统计期限自 2020 年 1 月 1 日起至 2020 年 12 月 31 日止。', 2020],
    ['本报告所列数据的统计期限自2019年1月1日至2019年12月31日。', 2019],
    ['本报告中所列数据统计时限为2021年1月1日至12月31日。', 2021],
    ['统计期间为2022年1月1日—2022年12月31日。', 2022],
    ['报告中所列数据统计时间从2018.1.1到2018.12.31。', 2018],
    ['本年度报告中使用数据统计期限为2023年度。', 2023],
    ['本报告所列数据时间为2017年1月1日至2017年12月31日。', 2017],
    ['本报告统计期限为二〇二〇年一月一日至二〇二〇年十二月三十一日。', 2020],
    ['2008年5月1日《条例》施行，统计期限自2008年5月1日起至2008年12月31日止。', 2008],
  ])('%s → %i', (sentence, year) => {
    const m = readMetadata(doc(`某某镇人民政府2099年政府信息公开工作年度报告\n${sentence}`));
    expect(m.year).toBe(year);
    expect(m.warnings.filter((w) => w.code === 'year_from_title')).toEqual([]);
  });

  it('takes the title year, with a warning, when no period sentence is printed', () => {
    const m = readMetadata(doc('木兰县人民政府2019年度政府信息公开工作年度报告\n2020年3月，本府发布了若干信息。'));
    expect(m.year).toBe(2019);
    expect(m.warnings).toContainEqual({
      code: 'year_from_title',
      where: 'year',
      detail: 'no statistics-period sentence; 2019 from the title',
    });
  });

  it('never takes the publication date; the list page is the last resort', () => {
    const m = readMetadata(doc('木兰县人民政府政府信息公开工作年度报告\n现予公布。\n木兰县人民政府\n2021年1月30日'), {
      year: 2020,
    });
    expect(m.year).toBe(2020);
    expect(m.published_date).toBe('2021-01-30');
    expect(m.warnings.map((w) => w.code)).toEqual(['year_from_title']);
    expect(readMetadata(doc('木兰县人民政府政府信息公开工作年度报告\n现予公布。\n2021年1月30日')).year).toBeNull();
  });
});

describe('title', () => {
  it('joins a title printed on two lines', () => {
    const m = readMetadata(doc('宝清县七星河乡人民政府\n2020 年政府信息公开工作年度报告\n正文。'));
    expect(m.title).toBe('宝清县七星河乡人民政府2020年政府信息公开工作年度报告');
    expect(m.agency).toBe('宝清县七星河乡人民政府');
  });

  it('joins a title broken inside its words', () => {
    expect(readMetadata(doc('贾峪镇人民政府2020年政府信息公开\n工作年度报告\n正文。')).title).toBe(
      '贾峪镇人民政府2020年政府信息公开工作年度报告',
    );
  });

  it('drops a 标题： label', () => {
    expect(readMetadata(doc('标题：木兰县人民政府2020年政府信息公开工作年度报告\n正文。')).title).toBe(
      '木兰县人民政府2020年政府信息公开工作年度报告',
    );
  });

  it('skips breadcrumbs and the column name', () => {
    const m = readMetadata(
      doc('首页 > 政务公开 > 年度报告\n政府信息公开年度报告\n木兰县人民政府2020年政府信息公开工作年度报告\n正文。'),
    );
    expect(m.title).toBe('木兰县人民政府2020年政府信息公开工作年度报告');
  });

  it('falls back to the page title, then the list page', () => {
    expect(readMetadata(doc('正文。'), {}).title).toBeNull();
    const page = doc('正文。', { title: '木兰县人民政府2020年政府信息公开工作年度报告_木兰县人民政府网' });
    expect(readMetadata(page).title).toBe('木兰县人民政府2020年政府信息公开工作年度报告');
    expect(readMetadata(doc('正文。'), { title: '木兰县人民政府 2020 年政府信息公开工作年度报告' }).title).toBe(
      '木兰县人民政府2020年政府信息公开工作年度报告',
    );
  });
});

describe('agency', () => {
  it('a bare place in the title becomes its government as the text prints it', () => {
    expect(readMetadata(doc('大贵镇2020年政府信息公开工作年度报告\n请联系大贵镇人民政府。')).agency).toBe(
      '大贵镇人民政府',
    );
    expect(readMetadata(doc('大贵镇2020年政府信息公开工作年度报告\n正文。\n大贵镇政府')).agency).toBe('大贵镇人民政府');
    expect(readMetadata(doc('东华门街道2020年政府信息公开工作年度报告\n正文。')).agency).toBe('东华门街道办事处');
  });

  it('adds the parent places the text prints in front of the name', () => {
    const m = readMetadata(
      doc('洪泽区人民政府\n2023年政府信息公开工作年度报告\n本报告由淮安市洪泽区人民政府办公室编制。'),
    );
    expect(m.agency).toBe('淮安市洪泽区人民政府');
    expect(readMetadata(doc('洪泽区人民政府\n2023年政府信息公开工作年度报告\n本报告由区政府办公室编制。')).agency).toBe(
      '洪泽区人民政府',
    );
  });

  it('a department keeps its own name', () => {
    const m = readMetadata(
      doc('淮安市洪泽区教育体育局2021年政府信息公开工作年度报告\n统计期限自2021年1月1日至2021年12月31日。'),
    );
    expect(m.agency).toBe('淮安市洪泽区教育体育局');
    expect(m.admin_level).toBe('department');
    expect(m.region).toEqual({ province: '江苏省', city: '淮安市', county: '洪泽区', township: null, code: '320813' });
  });

  it('year-first titles name the body after the year', () => {
    expect(readMetadata(doc('2019年上海市人民政府办公厅政府信息公开工作年度报告\n正文。')).agency).toBe(
      '上海市人民政府办公厅',
    );
  });

  it('the page’s source, without the word 网站, when neither title nor text names the body', () => {
    expect(readMetadata(doc('正文。', { agency: '保定市人民政府网' })).agency).toBe('保定市人民政府');
    expect(readMetadata(doc('正文。'), { agency: '木兰县教育局' }).agency).toBe('木兰县教育局');
  });

  it('no title: the contact line names the body', () => {
    const m = readMetadata(
      doc('一、总体情况\n如对本报告有疑问，请联系大塅镇人民政府办公室（地址：大塅镇明珠路19号）。'),
    );
    expect(m.agency).toBe('大塅镇人民政府');
  });
});

describe('published_date', () => {
  it('the date under the signature', () => {
    const m = readMetadata(
      doc(
        '大贵镇2020年政府信息公开工作年度报告\n统计期限自2020年1月1日起至2020年12月31日止。\n无。\n大贵镇政府\n2021年1月30日',
      ),
    );
    expect(m.published_date).toBe('2021-01-30');
  });

  it('a signature and date on one line, in Chinese numerals', () => {
    expect(
      readMetadata(doc('某某局2020年政府信息公开工作年度报告\n正文。\n某某局 二〇二一年一月五日')).published_date,
    ).toBe('2021-01-05');
  });

  it('the page’s own date comes before a labelled document date', () => {
    const m = readMetadata(
      doc('成文日期：2021-01-20\n某某局2020年政府信息公开工作年度报告\n正文。', { published: '2021-01-25' }),
    );
    expect(m.published_date).toBe('2021-01-25');
  });

  it('a labelled date at the top of the page, then the page metadata, then the list page', () => {
    expect(
      readMetadata(doc('发布时间：2021-03-02 10:11\n某某局2020年政府信息公开工作年度报告\n正文。')).published_date,
    ).toBe('2021-03-02');
    expect(
      readMetadata(doc('某某局2020年政府信息公开工作年度报告\n正文。', { published: '2021-02-01' })).published_date,
    ).toBe('2021-02-01');
    expect(
      readMetadata(doc('某某局2020年政府信息公开工作年度报告\n正文。'), { published_date: '2021-02-03' })
        .published_date,
    ).toBe('2021-02-03');
  });

  it('a date before the end of the year covered is not the report’s date', () => {
    const m = readMetadata(
      doc('某某局2020年政府信息公开工作年度报告\n统计期限自2020年1月1日起至2020年12月31日止。\n工作会议\n2020年6月1日'),
    );
    expect(m.published_date).toBeNull();
  });

  it('not a date inside the prose, nor the statistics period', () => {
    const m = readMetadata(
      doc(
        '某某局2020年政府信息公开工作年度报告\n统计期限自2020年1月1日起至2020年12月31日止。\n2020年5月6日召开了专题会议。',
      ),
    );
    expect(m.published_date).toBeNull();
  });
});

describe('scope', () => {
  it('a compilation of the jurisdiction’s units is aggregate', () => {
    const text =
      '广东省人民政府2024年政府信息公开工作年度报告\n本报告由广东省人民政府办公厅综合各地级以上市人民政府和省政府各部门的政府信息公开工作年度报告编制。';
    expect(readMetadata(doc(text)).scope).toBe('aggregate');
  });

  it('compiled from the units’ reports, in other words', () => {
    const text =
      '某某市人民政府2020年政府信息公开工作年度报告\n本报告根据各县（市、区）人民政府和市直各部门年度报告汇总编制。';
    expect(readMetadata(doc(text)).scope).toBe('aggregate');
  });

  it('citing the notice that orders every unit’s report is not compiling them', () => {
    const text =
      '某某市教育局2020年政府信息公开工作年度报告\n根据省政府办公厅《关于做好各地各部门2020年政府信息公开工作年度报告编制发布工作的通知》要求，编制本报告。';
    expect(readMetadata(doc(text)).scope).toBe('agency');
    const plain =
      '某某市教育局2020年政府信息公开工作年度报告\n根据省政府办公厅关于做好各地各部门2020年政府信息公开工作年度报告编制发布工作的通知要求，编制本报告。';
    expect(readMetadata(doc(plain)).scope).toBe('agency');
  });

  it('a province named bare, or 全省/全市, is aggregate', () => {
    expect(readMetadata(doc('2019年上海市政府信息公开工作年度报告\n正文。')).scope).toBe('aggregate');
    expect(readMetadata(doc('2020年全市政府信息公开工作年度报告\n正文。')).scope).toBe('aggregate');
  });

  it('the body’s own report is agency, even when it counts the whole district', () => {
    expect(readMetadata(doc('上海市人民政府办公厅2019年政府信息公开工作年度报告\n正文。')).scope).toBe('agency');
    expect(
      readMetadata(doc('洪泽区人民政府2023年政府信息公开工作年度报告\n2023年全区受理政府信息公开申请21件。')).scope,
    ).toBe('agency');
    expect(
      readMetadata(doc('大贵镇2020年政府信息公开工作年度报告\n我镇在总结工作的基础上，编制了此报告。')).scope,
    ).toBe('agency');
  });
});

describe('admin_level', () => {
  it.each([
    ['国家统计局2020年政府信息公开工作年度报告', 'central'],
    ['教育部2020年政府信息公开工作年度报告', 'central'],
    ['江苏省人民政府2020年政府信息公开工作年度报告', 'province'],
    ['淮安市人民政府2020年政府信息公开工作年度报告', 'city'],
    ['荥阳市人民政府2020年政府信息公开工作年度报告', 'county'],
    ['洪泽区人民政府2020年政府信息公开工作年度报告', 'county'],
    ['北京市东城区人民政府2020年政府信息公开工作年度报告', 'county'],
    ['贾峪镇人民政府2020年政府信息公开工作年度报告', 'township'],
    ['东华门街道办事处2020年政府信息公开工作年度报告', 'township'],
    ['江苏省教育厅2020年政府信息公开工作年度报告', 'department'],
    ['淮安市人民政府办公室2020年政府信息公开工作年度报告', 'department'],
    ['国家税务总局淮安市洪泽区税务局2020年政府信息公开工作年度报告', 'department'],
  ])('%s → %s', (title, level) => {
    expect(readMetadata(doc(`${title}\n正文。`)).admin_level).toBe(level);
  });

  it('a central body’s local branch is a department of its place', () => {
    const m = readMetadata(doc('国家税务总局淮安市洪泽区税务局2020年政府信息公开工作年度报告\n正文。'));
    expect(m.region.code).toBe('320813');
  });

  it('central bodies get no region', () => {
    const m = readMetadata(doc('国家统计局2020年政府信息公开工作年度报告\n地址：北京市西城区月坛南街57号。'));
    expect(m.region).toEqual({ province: null, city: null, county: null, township: null, code: null });
  });
});
