// crawlers/liaoning.ts — 辽宁省. Entry points: docs/portals.md §2. web-idx /web/…/<timestamp-id>/index.shtml; departments use Hanweb lists.
import { province, generic } from '../src/crawl/define.js';

export default province({
  id: 'liaoning',
  name: '辽宁省',
  code: '210000',
  portals: [
    generic('https://www.ln.gov.cn/web/zwgkx/zfxxgk1/2010zfxxgk_148535/2025/bmzfxxgkgzndbg/index.shtml', {
      admin_level: 'province',
      agency: '辽宁省人民政府办公厅',
    }),
    generic('https://zscq.ln.gov.cn/zscq/zwxxgk/zfxxgknb/index.shtml', {
      admin_level: 'department',
      agency: '辽宁省知识产权局',
    }),
  ],
});
