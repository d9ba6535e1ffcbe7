// crawlers/zhejiang.ts — 浙江省. Entry points: docs/portals.md §2. Hanweb JCMS/jpaas; www WAF-blocked from the US, some hosts IPv6-only.
import { province, generic, hanweb } from '../src/crawl/define.js';

export default province({
  id: 'zhejiang',
  name: '浙江省',
  code: '330000',
  portals: [
    hanweb('http://zfxxgk.zj.gov.cn/xxgk/jcms_files/jcms1/web1/site/col/col10758/index.html', {
      admin_level: 'province',
    }),
    generic('http://www.lishui.gov.cn/module/xxgk/xxgkAnnualReport.jsp?fbtime=2017&area=113325000026455663', {
      admin_level: 'city',
      city: '丽水市',
    }),
    hanweb('http://www.nbjb.gov.cn/col/col1229214366/index.html', {
      admin_level: 'county',
      city: '宁波市',
      county: '江北区',
    }),
  ],
});
