// crawlers/hubei.ts — 湖北省. Entry points: docs/portals.md §2. TRS t-date .shtml; /xxgk/ answers 412 (JS challenge) to datacenter IPs.
import { province, hanweb, trs } from '../src/crawl/define.js';

export default province({
  id: 'hubei',
  name: '湖北省',
  code: '420000',
  portals: [
    trs('http://va.hubei.gov.cn/bmdt/ztzl/zt_2019/gktl/', { admin_level: 'province' }),
    trs('https://www.wuhan.gov.cn/zwgk/szfbg/', { admin_level: 'city', city: '武汉市' }),
    hanweb('https://www.jingmen.gov.cn/col/col17800/index.html', { admin_level: 'city', city: '荆门市' }),
    trs('https://www.wehdz.gov.cn/2022/zfxxgk/zfxxgknb/', {
      admin_level: 'county',
      city: '武汉市',
      county: '东湖新技术开发区',
    }),
  ],
});
