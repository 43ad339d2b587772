// Field-level messages in the request's language: Zod's own messages through its locales, ours through this catalogue.
// Services write the English text; a Chinese request gets the translation (an unknown text is sent as written).
import { z } from 'zod';
import type { Lang } from './errors';

const ZH: Record<string, string> = {
  'unknown organisation': '未知的单位',
  'unknown category': '未知的类别',
  'outside your scope': '超出您的管辖范围',
  'outside your area': '超出您的管辖范围',
  'only grids have a grid kind': '只有网格才有网格类型',
  'already registered': '已被登记',
  'already taken': '已被占用',
  'a tag of this name exists': '已有同名标签',
  'wrong password': '密码不正确',
  'unknown case': '未知的案件',
  'unknown attachment': '未知的附件',
  'to must be after from': '结束日期须晚于开始日期',
  'this category needs a map point': '该类别须在地图上标出位置',
  'the review date must be in the future': '复查日期须在今天之后',
  'the point lies outside every grid of the territory': '该位置不在辖区任何网格内',
  'the original must still be open': '原案件须仍在办理中',
  'ring not closed or self-intersecting': '边界未闭合或自相交',
  'restore the parent first': '请先恢复上级节点',
  'parent is retired': '上级节点已撤销',
  'only a street committee has no parent': '只有街道党工委没有上级组织',
  'only a case not yet dispatched can be merged': '只有尚未派遣的案件可以合并',
  'not a grid': '不是网格',
  'not a community': '不是社区',
  'must differ from the current one': '须与当前密码不同',
  'invalid cursor': '分页参数无效',
  'give a map point or a grid': '请在地图上标出位置或选择网格',
  'choose one handler: an organisation or a territory node': '请选择一个承办方：单位或辖区节点',
  'cannot move a node under itself or its descendants': '不能移动到自身或其下级之下',
  'a new grid needs a name': '新网格需要名称',
  'a case cannot be merged into itself': '案件不能合并到自身',
  'the node must lie within the parent organisation’s territory': '所选节点须在上级组织的辖区内',
  'the case’s own grid, community or street': '须为案件所在的网格、社区或街道',
  'the responsibility list suggests another handler; give a reason to choose otherwise': '权责清单建议了其他承办单位，改派须说明理由',
};

const TRIAGE_ZH: Record<string, string> = { private: '私事', minor: '小事', major: '大事' };
const HANDLER_ZH: Record<string, string> = {
  department: '职能部门', partner_unit: '驻区单位', property_company: '物业企业', social_organisation: '社会组织',
  district: '区', street: '街道', community: '社区', grid: '网格', estate: '小区', building: '楼栋', household: '户',
};

/** Messages that carry values: an English pattern and its Chinese wording built from the captured words. */
const ZH_PATTERNS: [RegExp, (m: RegExpExecArray) => string | null][] = [
  [/^a (\w+) matter does not go to a (\w+)$/, (m) => (TRIAGE_ZH[m[1]!] && HANDLER_ZH[m[2]!] ? `${TRIAGE_ZH[m[1]!]}不能交给${HANDLER_ZH[m[2]!]}办理，请另选承办方` : null)],
];

const zh = z.locales.zhCN().localeError as (issue: unknown) => string | { message: string };
const en = z.locales.en().localeError as (issue: unknown) => string | { message: string };
const text = (r: string | { message: string } | undefined) => (typeof r === 'string' ? r : r?.message);

/** A Zod issue's message in `lang`, unless the schema wrote its own message (then that one is kept). */
export function zodMessage(issue: { message?: string; code?: string } | undefined, fallback: string, lang: Lang): string {
  if (!issue) return fallback;
  const english = text(en(issue));
  const isDefault = english === issue.message;
  if (!isDefault) return issue.message ?? fallback;
  return lang === 'zh-CN' ? (text(zh(issue)) ?? fallback) : (english ?? fallback);
}

/** One of our field messages in `lang`. */
export function detailMessage(message: string, lang: Lang): string {
  if (lang !== 'zh-CN') return message;
  if (ZH[message]) return ZH[message];
  for (const [pattern, word] of ZH_PATTERNS) {
    const m = pattern.exec(message);
    const text = m && word(m);
    if (text) return text;
  }
  return message;
}
