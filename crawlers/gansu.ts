// crawlers/gansu.ts — 甘肃省. Entry points: docs/portals.md §2. province cloud (UCAP-style, list markup in comments); portal answers 412 to datacenter IPs.
import { province, generic, hanweb } from '../src/crawl/define.js';

export default province({
  id: 'gansu',
  name: '甘肃省',
  code: '620000',
  portals: [
    hanweb('https://www.lanzhou.gov.cn/col/col18829/index.html', { admin_level: 'city', city: '兰州市' }),
    generic('https://zgqingyang.gov.cn/gk/zfxxgk/xxgkndbg/2021n', { admin_level: 'city', city: '庆阳市' }),
    generic('https://www.baiyinqu.gov.cn/XZJDBMDW/bmdw/byqtjj/zfxxgknb/', {
      admin_level: 'department',
      city: '白银市',
      county: '白银区',
    }),
    generic('https://jyt.gansu.gov.cn/jyt/c250121/zwgklist.shtml', {
      admin_level: 'department',
      agency: '甘肃省教育厅',
    }),
  ],
});
