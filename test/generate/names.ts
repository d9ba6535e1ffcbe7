// Random agency names, titles and prose for generated reports. Plausible, not real: places are
// built from common syllables, so a name never points at a real unit's figures.
import type { Rng } from './random.js';

const SYLLABLES = [...'东西南北大小青白龙凤安平和兴宁新长永清河山桥湖泉阳江石林花川金玉丰盛宝华云溪塘坪'];
const DEPARTMENTS = [
  '生态环境局',
  '教育体育局',
  '自然资源局',
  '市场监督管理局',
  '交通运输局',
  '卫生健康委员会',
  '住房和城乡建设局',
  '人力资源和社会保障局',
  '农业农村局',
  '民政局',
  '财政局',
  '水利局',
  '应急管理局',
];

export type AgencyKind = 'township' | 'county' | 'department';

export function place(r: Rng): string {
  return r.pick(SYLLABLES) + r.pick(SYLLABLES);
}

/** An agency name as printed, e.g. 宝清县七星河乡人民政府, 青阳区人民政府, 永兴市生态环境局. */
export function agencyName(r: Rng, kind: AgencyKind): string {
  const county = place(r) + r.pick(['县', '区']);
  switch (kind) {
    case 'township': {
      const own = place(r);
      const body = r.weighted([
        [`${own}镇人民政府`, 5],
        [`${own}乡人民政府`, 2],
        [`${own}街道办事处`, 2],
      ] as const);
      return r.chance(0.4) ? county + body : body;
    }
    case 'county':
      return r.pick([`${place(r)}县人民政府`, `${place(r)}区人民政府`, `${place(r)}市人民政府`]);
    case 'department':
      return (r.chance(0.5) ? `${place(r)}市` : county) + r.pick(DEPARTMENTS);
  }
}

/** Title text (without spaces) for the agency and year, in one of the printed variants. */
export function titleText(r: Rng, agency: string, year: number): string {
  return r.weighted([
    [`${agency}${year}年政府信息公开工作年度报告`, 6],
    [`${agency}${year}年度政府信息公开工作年度报告`, 2],
    [`${agency}${year}年政府信息公开年度报告`, 1],
    [`${agency}${year}年度政府信息公开工作报告`, 1],
    [`${year}年${agency}政府信息公开工作年度报告`, 1],
  ] as const);
}

const OPENERS = ['一是', '二是', '三是', '四是'];
const TOPICS = [
  '加强组织领导',
  '健全制度机制',
  '拓展公开形式',
  '务求公开实效',
  '规范依申请公开办理',
  '加强政府信息管理',
  '强化平台建设',
  '落实监督保障',
  '深化重点领域信息公开',
  '做好政策解读回应',
];
const CLAUSES = [
  '严格落实《中华人民共和国政府信息公开条例》各项要求',
  '坚持以公开为常态、不公开为例外',
  '及时调整充实政府信息公开工作领导小组',
  '明确专人负责政府信息公开日常工作',
  '对拟公开信息严格执行保密审查程序',
  '围绕群众关心关注的热点问题及时发布权威信息',
  '通过门户网站、政务新媒体和公开栏等多种渠道发布信息',
  '进一步规范依申请公开受理、登记、办理、答复等环节',
  '定期对已公开信息进行梳理和动态更新',
  '将政府信息公开工作纳入年度绩效考核',
  '组织开展政务公开业务培训',
  '不断提升政府信息公开的针对性和实效性',
];

/** A prose paragraph; some carry figures that are not table cells (consultations, trainings, posts). */
export function paragraph(r: Rng, year: number): string {
  const parts: string[] = [];
  if (r.chance(0.5)) parts.push(`（${r.pick(['一', '二', '三', '四', '五'])}）${r.pick(TOPICS)}。`);
  const n = r.int(2, 5);
  for (let i = 0; i < n; i++) {
    const opener = i < OPENERS.length && r.chance(0.4) ? OPENERS[i] : '';
    parts.push(`${opener + r.pick(CLAUSES) + r.pick(['，', '；']) + r.pick(CLAUSES)}。`);
  }
  if (r.chance(0.5)) {
    parts.push(
      r.pick([
        `${year}年共接待群众现场咨询${r.int(3, 400)}人次，办理电话咨询${r.int(1, 200)}人次。`,
        `全年通过政务新媒体发布信息${r.int(10, 3000)}条，开展培训${r.int(1, 12)}次、参训${r.int(10, 300)}人次。`,
        `累计更新公开栏${r.int(2, 60)}期，发布政策解读${r.int(1, 40)}篇。`,
        `办理人大代表建议${r.int(0, 30)}件、政协委员提案${r.int(0, 30)}件，办复率100%。`,
      ]),
    );
  }
  return parts.join('');
}

export function paragraphs(r: Rng, year: number, count: number): string[] {
  return Array.from({ length: count }, () => paragraph(r, year));
}
