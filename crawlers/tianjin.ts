// crawlers/tianjin.ts — 天津市. Entry points: docs/portals.md §2. t-date; the 年度报告专栏 sections are built by script (南威 IGS .jhtml).
import { province, browser, trs } from '../src/crawl/define.js';

export default province({
  id: 'tianjin',
  name: '天津市',
  code: '120000',
  portals: [
    trs('http://gk.tj.gov.cn/xxgknb_530/tjsrmzf/', { admin_level: 'province' }),
    browser('http://gk.tj.gov.cn/xxgknb_530/', { admin_level: 'province' }),
  ],
});
