// crawlers/neimenggu.ts — 内蒙古自治区. Entry points: docs/portals.md §2. portal TRS t-date, provincial 年报 column not seen (discovered from the portal); 403 to foreign datacenter IPs.
import { province, generic, hanweb } from '../src/crawl/define.js';

export default province({
  id: 'neimenggu',
  name: '内蒙古自治区',
  code: '150000',
  portals: [
    generic('https://www.nmg.gov.cn/', { admin_level: 'province', discover: true }),
    hanweb('https://www.alsyq.gov.cn/col/col6093/index.html', {
      admin_level: 'county',
      city: '阿拉善盟',
      county: '阿拉善右旗',
    }),
    generic('http://gxj.wuhai.gov.cn/jxw/250901/zfxxgk20/zfxxgknb73/index.html', {
      admin_level: 'department',
      agency: '乌海市工业和信息化局',
      city: '乌海市',
    }),
    generic('https://www.wulanchabu.gov.cn/szfzcbm2/index.html', { admin_level: 'department', city: '乌兰察布市' }),
  ],
});
