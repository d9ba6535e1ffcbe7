// crawlers/hunan.ts — 湖南省. Entry points: docs/portals.md §2. TRS t-date; departments http only.
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'hunan',
  name: '湖南省',
  code: '430000',
  portals: [
    trs('http://hunan.gov.cn/hnszf/xxgk/zfxxgknb/', { admin_level: 'province' }),
    trs('http://hunan.gov.cn/hnszf/xxgk/zfxxgknb/szf_97943/', { admin_level: 'province', agency: '湖南省人民政府' }),
  ],
});
