// crawlers/shanxi.ts — 山西省. Entry points: docs/portals.md §2. TRS t-date .shtml; foreign IPs blocked.
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'shanxi',
  name: '山西省',
  code: '140000',
  portals: [trs('http://www.shanxi.gov.cn/zfxxgk/zfxxgkzl/zfxxgknb/', { admin_level: 'province' })],
});
