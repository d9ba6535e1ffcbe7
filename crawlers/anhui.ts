// crawlers/anhui.ts — 安徽省. Entry points: docs/portals.md §2. new portal columns /public/column/<id>; provincial 年报 column not seen (discovered from the portal); 403 to foreign datacenter IPs.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'anhui',
  name: '安徽省',
  code: '340000',
  portals: [generic('https://www.ah.gov.cn/', { admin_level: 'province', discover: true })],
});
