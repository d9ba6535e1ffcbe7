// crawlers/jiangsu.ts — 江苏省. Entry points: docs/portals.md §2. Hanweb jpaas (/col/colN/, dataproxy.jsp); provincial 年报 column not seen (discovered from the portal).
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'jiangsu',
  name: '江苏省',
  code: '320000',
  portals: [generic('https://www.jiangsu.gov.cn/', { admin_level: 'province', discover: true })],
});
