// crawlers/jiangxi.ts — 江西省. Entry points: docs/portals.md §2. Hanweb /art/ articles, downfile.jsp attachments; foreign IPs blocked.
import { province, hanweb } from '../src/crawl/define.js';

export default province({
  id: 'jiangxi',
  name: '江西省',
  code: '360000',
  portals: [hanweb('https://www.jiangxi.gov.cn/col/col5813/index.html', { admin_level: 'province' })],
});
