// crawlers/yunnan.ts — 云南省. Entry points: docs/portals.md §2. t-date; /zwgk/* 403 to datacenter IPs; ASP.NET ?page= on some departments.
import { province, generic, trs } from '../src/crawl/define.js';

export default province({
  id: 'yunnan',
  name: '云南省',
  code: '530000',
  portals: [
    trs('http://www.yn.gov.cn/zwgk/zfxxgkpt/zfxxgknb/', { admin_level: 'province' }),
    generic('https://www.km.gov.cn/zt/zfxxgkndbgzt/2023nkmszfxxgkgzndbg/', { admin_level: 'city', city: '昆明市' }),
    trs('https://czj.km.gov.cn/zfxxgk/zfxxgknb/', {
      admin_level: 'department',
      agency: '昆明市财政局',
      city: '昆明市',
    }),
    generic('https://hrss.yn.gov.cn/InfoPublic.aspx?cid=1019&pid=971&page=1', {
      admin_level: 'department',
      agency: '云南省人力资源和社会保障厅',
    }),
  ],
});
