// crawlers/shaanxi.ts — 陕西省. Entry points: docs/portals.md §2. t-date with _wap twins; some lists page N.html; foreign IPs blocked.
import { province, generic, trs } from '../src/crawl/define.js';

export default province({
  id: 'shaanxi',
  name: '陕西省',
  code: '610000',
  portals: [
    trs('http://www.shaanxi.gov.cn/zfxxgk/xxgknb/', { admin_level: 'province' }),
    trs('http://www.shaanxi.gov.cn/zfxxgk/xxgknb/szfbgt/', { admin_level: 'province', agency: '陕西省人民政府办公厅' }),
    generic('https://jyj.yanan.gov.cn/zfxxgk/zfxxgknb/1.html', {
      admin_level: 'department',
      agency: '延安市教育局',
      city: '延安市',
    }),
  ],
});
