// crawlers/central.ts — 中央. Entry points: docs/portals.md §2. State Council departments publish on their own sites; gov.cn/zhengce/xxgk/ links out to them.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'central',
  name: '中央',
  code: '000000',
  portals: [
    generic('https://www.mva.gov.cn/gongkai/zfxxgkpt/zfxxgknb/', { admin_level: 'central', agency: '退役军人事务部' }),
    generic('http://www.csrc.gov.cn/csrc/c100028/common_zfxxgknb.shtml', {
      admin_level: 'central',
      agency: '中国证券监督管理委员会',
    }),
    generic('https://www.gov.cn/zhengce/xxgk/', { admin_level: 'central', discover: true }),
  ],
});
