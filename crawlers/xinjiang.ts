// crawlers/xinjiang.ts — 新疆维吾尔自治区. Entry points: docs/portals.md §2. /<site>/c<col>/<yyyymm>/<32hex>.shtml; lists client-rendered.
import { province, browser } from '../src/crawl/define.js';

export default province({
  id: 'xinjiang',
  name: '新疆维吾尔自治区',
  code: '650000',
  portals: [
    browser('https://www.xinjiang.gov.cn/xinjiang/c113421k/', {
      admin_level: 'province',
      agency: '新疆维吾尔自治区人民政府办公厅',
    }),
    browser('http://www.xjwqx.gov.cn/xjwqx/c128570/', {
      admin_level: 'county',
      city: '克孜勒苏柯尔克孜自治州',
      county: '乌恰县',
    }),
  ],
});
