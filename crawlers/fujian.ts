// crawlers/fujian.ts — 福建省. Entry points: docs/portals.md §2. TRS t-date .htm; WAF blocks an IP for ~1 min after bursts.
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'fujian',
  name: '福建省',
  code: '350000',
  portals: [
    trs('http://fgw.fujian.gov.cn/zfxxgkzl/zfxxgkndbg/', {
      admin_level: 'department',
      agency: '福建省发展和改革委员会',
    }),
    trs('http://www.fuzhou.gov.cn/zfxxgkzl/sczj/zfxxgkzl/ndbg_31838/', {
      admin_level: 'department',
      agency: '福州市财政局',
      city: '福州市',
    }),
    trs('http://www.fuqing.gov.cn/xjwz/zfxxgk/zfxxgknb/', { admin_level: 'county', city: '福州市', county: '福清市' }),
    trs('https://www.putian.gov.cn/zfxxgk/zfxxgkndbg/', { admin_level: 'city', city: '莆田市' }),
  ],
});
