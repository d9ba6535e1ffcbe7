// crawlers/xizang.ts — 西藏自治区. Entry points: docs/portals.md §2. t-date; year sub-columns <YYYY>nb/ (departments publish there too).
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'xizang',
  name: '西藏自治区',
  code: '540000',
  portals: [trs('http://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/', { admin_level: 'province' })],
});
