// crawlers/guangxi.ts — 广西壮族自治区. Entry points: docs/portals.md §2. t<ID>.shtml articles (some 年报 filed under 公告公示); foreign IPs blocked.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'guangxi',
  name: '广西壮族自治区',
  code: '450000',
  portals: [
    generic('http://www.gxzf.gov.cn/zwgk/ndbg/', { admin_level: 'province' }),
    generic('http://www.gxzf.gov.cn/gggs/', { admin_level: 'province', agency: '广西壮族自治区人民政府办公厅' }),
    generic('http://bbwb.gxzf.gov.cn/zwgk/H1_/N1_/', {
      admin_level: 'department',
      agency: '广西北部湾经济区规划建设管理办公室',
    }),
  ],
});
