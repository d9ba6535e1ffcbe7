// crawlers/ningxia.ts — 宁夏回族自治区. Entry points: docs/portals.md §2. t-date; department lists server-render <section>/index.html.
import { province, trs } from '../src/crawl/define.js';

export default province({
  id: 'ningxia',
  name: '宁夏回族自治区',
  code: '640000',
  portals: [
    trs('http://www.yinchuan.gov.cn/xxgk/bmxxgkml/szfbgt/xxgknb_1840/', {
      admin_level: 'city',
      agency: '银川市人民政府办公室',
      city: '银川市',
    }),
    trs('http://pengyang.gov.cn/xxgk_13872/zfgknb2/', { admin_level: 'county', city: '固原市', county: '彭阳县' }),
    trs('https://sycyy.yinchuan.gov.cn/zwgk/zfxxgknb/', { admin_level: 'department', city: '银川市' }),
  ],
});
