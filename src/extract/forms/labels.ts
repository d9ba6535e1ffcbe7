// Which form row a printed label means. Labels are reworded, clipped, split and spaced in real
// reports, so each row has keywords: `strong` ones identify it on their own; `loose` ones are
// fragments that still identify it when the label is clipped (a match on them is warned about).
// Keywords are compared against the label in `labelKey` form (NFKC, no whitespace).
import type { ApplicationRow } from '../../record.js';
import { labelKey } from '../../text/normalise.js';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * A row label in `labelKey` form with its item numbering in one style: ①, (1), （1）, 1、, 1．, 1. all
 * become "1." ("(3)其他" → "3.其他"), so the form's keywords and numbered-item rules see one spelling.
 */
export function rowLabel(text: string): string {
  const circled = text.replace(/[①-⑳]/g, (c) => `${CIRCLED.indexOf(c) + 1}.`);
  return labelKey(circled)
    .replace(/\((\d{1,2})\)(?=\p{Script=Han}|$)/gu, '$1.')
    .replace(/(^|[^\d.])(\d{1,2})[、.](?=\p{Script=Han}|$)/gu, '$1$2.');
}

export interface RowMatcher<K extends string> {
  key: K;
  strong: RegExp[];
  loose: RegExp[];
}

const m = <K extends string>(key: K, strong: RegExp[], loose: RegExp[] = []): RowMatcher<K> => ({ key, strong, loose });

export const APPLICATION_MATCHERS: RowMatcher<ApplicationRow>[] = [
  m('new_received', [/本年(度)?新收/, /新收.*申请/], [/新收/]),
  m('carried_over', [/上年(度)?结转/], [/上年.*结转/]),
  m('granted', [/(?<![部不])予以公开/], [/^\(一\)/]),
  m('partially_granted', [/部分公开/], [/区分处理/]),
  m('denied_state_secret', [/国家秘密/], [/国家秘/]),
  m('denied_law_prohibited', [/法律行政法规禁止/], [/其他法律/, /禁止公开/, /行政.{0,3}止公开/]),
  m('denied_security_stability', [/三安全一稳定/, /危及/], [/安全一稳定/]),
  m('denied_third_party', [/第三方/], [/合法权益/]),
  m('denied_internal_affairs', [/内部事务/], [/三类内部/]),
  m('denied_process_info', [/过程性信息/], [/四类过程/]),
  m('denied_enforcement_file', [/行政执法案卷/], [/执法案卷/]),
  m('denied_admin_query', [/行政查询/], [/查询事项/]),
  m('unable_not_held', [/不掌握/], [/本机关不/]),
  m('unable_needs_creation', [/另行制作/, /没有现成/], [/现成信息/]),
  m('unable_unclear', [/仍不明确/, /补正后/], [/不明确/]),
  m('rejected_complaint', [/信访/, /举报投诉/], [/投诉类/]),
  m('rejected_duplicate', [/重复申请/], [/重复/]),
  m('rejected_publication', [/公开出版物/], [/出版物/]),
  m('rejected_excessive', [/大量反复/], [/反复申请/]),
  m('rejected_confirmation', [/确认或重新出具/, /重新出具/], [/已获取信息/, /要求行政机关确认/]),
  m('other_no_correction', [/逾期不补正/, /不补正/], [/无正当理由逾期/]),
  m('other_unpaid_fee', [/缴纳费用/, /收费通知/], [/逾期未按/]),
  m('other_misc', [/^3\.?其他$/], []),
  m('other', [/其他处理/], []),
  m('total_processed', [/\(七\)总计/, /^总计$/], [/\(七\)/]),
  m('carried_forward', [/结转下年/, /下年度继续办理/], [/继续办理/]),
];

export type ProactiveRow =
  | 'regulations'
  | 'normative_documents'
  | 'licensing'
  | 'other_services'
  | 'penalty'
  | 'coercion'
  | 'fees'
  | 'procurement';

export const PROACTIVE_MATCHERS: RowMatcher<ProactiveRow>[] = [
  m('normative_documents', [/规范性文件/, /規範性(文件|檔案)/], [/规范性/]),
  m('regulations', [/^规章/, /^[\d.、]*规章(\(.*\))?$/], []),
  m('other_services', [/其他对外管理服务事项/, /对外管理服务/], [/管理服务事项/]),
  m('licensing', [/行政许可/], [/许可/]),
  m('penalty', [/行政处罚/], [/处罚/]),
  m('coercion', [/行政强制/], [/强制/]),
  m('fees', [/行政事业性收费/, /事业性收费/], [/收费/]),
  m('procurement', [/政府集中采购/, /集中采购/], [/采购/]),
];

/** Labels of a group, not of a data row: a row printing values under them is a subtotal. */
export const GROUP_LABELS = [/^\(三\)不予公开$/, /^\(四\)无法提供$/, /^\(五\)不予处理$/];
export const SUBTOTAL = /小计|合计/;

const OPENING = /^三?、?本年度?办理结果/;
const GROUP = /(?:\((三|四|五|六)\))?(不予公开|无法提供|不予处理|其他处理)/g;

/**
 * The label without the rowspan group labels a row inherits: "三、本年度办理结果" at its start, and
 * "（三）不予公开"…"（六）其他处理" wherever they were merged into the line — unless the group label
 * is (nearly) all there is, as in the 2019 form's single （六）其他处理 row.
 */
export function stripGroupLabels(label: string): string {
  const out = label.replace(OPENING, '');
  const without = out.replace(GROUP, '');
  return without.length >= 4 ? without : out;
}

export interface Match<K extends string> {
  key: K;
  loose: boolean;
  /** Length of the keyword that matched: longer = more specific. */
  strength: number;
}

/** Every row a label could mean, best first: strong keywords beat loose ones, longer matches shorter. */
export function matchAll<K extends string>(printed: string, matchers: RowMatcher<K>[]): Match<K>[] {
  const whole = rowLabel(printed).replace(/[、，,。：:；;“”"'‘’·]/g, '');
  // A label with stray text before its item number (a group label's last character from a page
  // break: "理3.其他") is also read from its last item number on.
  const item = [...whole.matchAll(/\d{1,2}\.(?=\p{Script=Han})/gu)].at(-1);
  const labels = item?.index ? [whole, whole.slice(item.index)] : [whole];
  const best = new Map<K, Match<K>>();
  for (const label of labels)
    for (const mt of matchers) {
      for (const [list, loose] of [
        [mt.strong, false],
        [mt.loose, true],
      ] as const) {
        for (const re of list) {
          const hit = re.exec(label);
          if (!hit) continue;
          const strength = (loose ? 0 : 1000) + hit[0].length;
          if (strength > (best.get(mt.key)?.strength ?? -1)) best.set(mt.key, { key: mt.key, loose, strength });
        }
      }
    }
  return [...best.values()].sort((a, b) => b.strength - a.strength);
}
