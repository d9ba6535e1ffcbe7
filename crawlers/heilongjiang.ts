// crawlers/heilongjiang.ts — 黑龙江省. Entry points: docs/portals.md §2. portal lists are JSON (UCAP /common/search/…); provincial 年报 column not seen (discovered from the portal); city sites /<site>/c<col>/<yyyymm>/c01_<id>.shtml.
import { province, generic, hanweb } from '../src/crawl/define.js';

export default province({
  id: 'heilongjiang',
  name: '黑龙江省',
  code: '230000',
  portals: [
    generic('https://www.hlj.gov.cn/', { admin_level: 'province', discover: true }),
    hanweb('http://mlxxxgk.harbin.gov.cn/col/col12946/index.html', { admin_level: 'city', city: '哈尔滨市' }),
    generic('http://www.hrbdl.gov.cn/hebdlq/c112289c/', { admin_level: 'county', city: '哈尔滨市', county: '道里区' }),
  ],
});
