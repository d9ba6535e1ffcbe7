// crawlers/guizhou.ts — 贵州省. Entry points: docs/portals.md §2. TRS t-date; year sub-columns <YYYY>n/.
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'guizhou',
  name: '贵州省',
  code: '520000',
  portals: [
    trs('https://www.guizhou.gov.cn/zwgk/zfxxgk/zfxxgknb/', { admin_level: 'province' }),
    trs('http://jgsw.guizhou.gov.cn/zwgkx/zfxxgk_5787341/zfxxgknb_5787362/', {
      admin_level: 'department',
      agency: '贵州省机关事务管理局',
    }),
  ],
});
