// crawlers/guangdong.ts — 广东省. Entry points: docs/portals.md §2. gkmlpt (Guangdong only): /gkmlpt/index → JSON /gkmlpt/api/all/{cat}; browser User-Agent for gd.gov.cn. 广州's gkmlpt index: hulelan/china-governance crawlers/gkmlpt.py.
import { province, generic, gkmlpt } from '../src/crawl/define.js';

export default province({
  id: 'guangdong',
  name: '广东省',
  code: '440000',
  portals: [
    gkmlpt('http://www.gd.gov.cn/gkmlpt/index', { admin_level: 'province' }),
    gkmlpt('http://www.gz.gov.cn/gkmlpt/index', { admin_level: 'city', city: '广州市' }),
    generic('https://gz.gov.cn/zfjgzy/gzsrmzfbgt/zfxxgknb/bm/2024n/', { admin_level: 'department', city: '广州市' }),
  ],
});
