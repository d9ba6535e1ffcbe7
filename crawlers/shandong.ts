// crawlers/shandong.ts — 山东省. Entry points: docs/portals.md §2. Hanweb jpaas; https handshake fails, http works.
import { province, hanweb } from '../src/crawl/define.js';

export default province({
  id: 'shandong',
  name: '山东省',
  code: '370000',
  portals: [hanweb('http://www.shandong.gov.cn/col/col97636/index.html', { admin_level: 'province' })],
});
