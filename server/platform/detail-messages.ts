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
  'wrong password': '密码不正确',
  'unknown case': '未知的案件',
  'unknown attachment': '未知的附件',
  'to must be after from': '结束日期须晚于开始日期',
  'this category needs a map point': '该类别须在地图上标出位置',
  'the review date must be in the future': '复查日期须在今天之后',
  'the point lies outside every grid of the territory': '该位置不在辖区任何网格内',
  'the original must still be open': '原案件须仍在办理中',
  'ring not closed or self-intersecting': '边界未闭合或自相交',
  'a boundary must be a Polygon or MultiPolygon': '边界须为 Polygon 或 MultiPolygon',
  'a ring needs at least 4 positions': '每个环至少需要 4 个坐标点',
  'a position is [longitude, latitude] within ±180 and ±90': '坐标点须为 [经度, 纬度]，经度在 ±180、纬度在 ±90 以内',
  'a ring is not closed: its last position must repeat its first': '边界环未闭合：最后一个坐标点须与第一个相同',
  'a ring crosses or touches itself or another ring': '边界环自相交，或与另一个环相交或相接',
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

/** Messages that carry a figure (a bound, a limit): the English pattern and its translation, `$1` for the figure. */
const ZH_PATTERNS: [RegExp, string][] = [
  [/^at most (\d+) rings per boundary$/, '每个边界最多 $1 个环'],
  [/^at most (\d+) vertices per boundary$/, '每个边界最多 $1 个顶点'],
  [/^at most (\d+) vertices per file$/, '每个文件最多 $1 个顶点'],
  [/^at most (\d+) features per file$/, '每个文件最多 $1 个要素'],
  [/^the boundaries took longer than (\d+) s to check$/, '边界检查超过 $1 秒，请简化边界后重试'],
  [/^at most (\d+) months from from to to$/, '统计期间最长 $1 个月'],
  [/^at most (\d+) heavy requests of one account run at a time and (\d+) wait$/, '每个账号同时最多执行 $1 个、排队 $2 个耗时请求，请稍后再试'],
  [/^at most (\d+) heavy requests of one account per minute$/, '每个账号每分钟最多 $1 个耗时请求，请稍后再试'],
  [/^the server is busy with heavy requests; retry in (\d+) s$/, '服务器正忙于处理耗时请求，请 $1 秒后重试'],
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
  const known = ZH[message];
  if (known) return known;
  const pattern = ZH_PATTERNS.find(([re]) => re.test(message));
  return pattern ? message.replace(pattern[0], pattern[1]) : message;
}
