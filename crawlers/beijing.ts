// crawlers/beijing.ts — 北京市. Entry points: docs/portals.md §2. t-date (TRS); districts moved often (海淀 → zyk.bjhd.gov.cn); 朝阳/延庆 http only; 顺义 robots Disallow: /.
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'beijing',
  name: '北京市',
  code: '110000',
  portals: [
    trs('https://www.beijing.gov.cn/gongkai/zfxxgk/gknb/', { admin_level: 'province' }),
    trs('https://www.bjmy.gov.cn/zwgk/zfxxgk/zfxxgknb/', { admin_level: 'county', county: '密云区' }),
    trs('https://www.bjhr.gov.cn/zfxxgkzl/gknb/', { admin_level: 'county', county: '怀柔区' }),
    trs('https://www.bjdx.gov.cn/bjsdxqrmzf/zwfw/zfxxgk/dxqzf69/', { admin_level: 'county', county: '大兴区' }),
  ],
});
