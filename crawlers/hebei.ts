// crawlers/hebei.ts — 河北省. Entry points: docs/portals.md §2. UUID dialect /columns/<uuid>/YYYYMM/DD/<uuid>.html (年报 › 河北省); foreign IPs blocked.
import { province, generic, trs } from '../src/crawl/define.js';

export default province({
  id: 'hebei',
  name: '河北省',
  code: '130000',
  portals: [
    generic('https://www.hebei.gov.cn/columns/8aef2fa0-cc14-409e-9f68-fbdba00a0c72/', { admin_level: 'province' }),
    trs('http://gxt.hebei.gov.cn/hbgyhxxht/zfxxgk/zfxxgknb/index.html', {
      admin_level: 'department',
      agency: '河北省工业和信息化厅',
    }),
    generic('http://hdzfxxgk.hd.gov.cn/zfxxgknb/', { admin_level: 'city', city: '邯郸市' }),
  ],
});
