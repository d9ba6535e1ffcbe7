// crawlers/sichuan.ts — 四川省. Entry points: docs/portals.md §2. /…/YYYY/M/D/<32hex>.shtml; foreign IPs blocked.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'sichuan',
  name: '四川省',
  code: '510000',
  portals: [generic('http://www.sc.gov.cn/10462/c105716/', { admin_level: 'province' })],
});
