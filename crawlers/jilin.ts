// crawlers/jilin.ts — 吉林省. Entry points: docs/portals.md §2. TRS t-date on xxgk.jl.gov.cn.
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'jilin',
  name: '吉林省',
  code: '220000',
  portals: [
    trs('http://xxgk.jl.gov.cn/szf/bgtndbg/', { admin_level: 'province', agency: '吉林省人民政府办公厅' }),
    trs('https://xxgk.jl.gov.cn/zsjg/fgw_136504/ndbg/', {
      admin_level: 'department',
      agency: '吉林省发展和改革委员会',
    }),
    trs('http://js.changchun.gov.cn/szf_3410/ndbg/', { admin_level: 'city', city: '长春市' }),
  ],
});
