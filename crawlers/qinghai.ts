// crawlers/qinghai.ts — 青海省. Entry points: docs/portals.md §2. provincial 年报 column not seen (discovered from the portal); PHP index.php?c=show&id= on small sites; foreign IPs blocked.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'qinghai',
  name: '青海省',
  code: '630000',
  portals: [
    generic('https://www.qinghai.gov.cn/', { admin_level: 'province', discover: true }),
    generic('https://www.hainanzhou.gov.cn/zwgk/zfxxgknb/', { admin_level: 'city', city: '海南藏族自治州' }),
  ],
});
