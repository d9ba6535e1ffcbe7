// crawlers/shanghai.ts — 上海市. Entry points: docs/portals.md §2. /nwNNNNN/YYYYMMDD/<32hex>.html, year archives index_N.html.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'shanghai',
  name: '上海市',
  code: '310000',
  portals: [generic('https://www.shanghai.gov.cn/nw12344/', { admin_level: 'province' })],
});
