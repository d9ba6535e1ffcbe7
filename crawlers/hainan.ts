// crawlers/hainan.ts — 海南省. Entry points: docs/portals.md §2. hexmon /<sec>/<yyyymm>/<32hex>.shtml; 海口 behind a WAF.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'hainan',
  name: '海南省',
  code: '460000',
  portals: [generic('https://www.hainan.gov.cn/hainan/zfxxgknb/', { admin_level: 'province' })],
});
