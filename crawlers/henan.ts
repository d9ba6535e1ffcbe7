// crawlers/henan.ts — 河南省. Entry points: docs/portals.md §2. /YYYY/MM-DD/<id>.html articles; 年报 columns not seen (discovered from the portals); 403 to foreign datacenter IPs.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'henan',
  name: '河南省',
  code: '410000',
  portals: [
    generic('https://www.henan.gov.cn/', { admin_level: 'province', discover: true }),
    generic('http://fgw.henan.gov.cn/', {
      admin_level: 'department',
      agency: '河南省发展和改革委员会',
      discover: true,
    }),
  ],
});
