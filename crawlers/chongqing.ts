// crawlers/chongqing.ts — 重庆市. Entry points: docs/portals.md §2. TRS createPage(total, cur, "index", "html"), index_N.html.
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'chongqing',
  name: '重庆市',
  code: '500000',
  portals: [
    trs('http://zfwb.cq.gov.cn/zwgk_162/zfxxgknb/', { admin_level: 'department', agency: '重庆市人民政府外事办公室' }),
    trs('https://cqstl.gov.cn/zwgk_171/zfxxgknb/', { admin_level: 'county', county: '铜梁区' }),
    trs('http://cqspb.gov.cn/zwgk_235/xxgk_19662/gknb/zfxxgknb_110/', { admin_level: 'county', county: '沙坪坝区' }),
    trs('https://www.cqyz.gov.cn/zwgk_229/zfxxgknan_ew/', { admin_level: 'county', county: '渝中区' }),
  ],
});
