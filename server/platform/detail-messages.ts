// Field-level messages in the request's language: Zod's own messages through its locales, ours through this catalogue.
// Services write the English text; a Chinese request gets the translation (an unknown text is sent as written).
import { z } from 'zod';
import type { Lang } from './errors';

const ZH: Record<string, string> = {
  'the space is closed on this holiday': '该场地节假日不开放',
  'the space does not open on this day': '该场地当天不开放',
  'the time is in the past': '不能预约已过去的时间',
  'the end must be after the start': '结束时间须晚于开始时间',
  'a booking must start and end on the same day': '预约须在同一天内开始和结束',
  'a series may last at most a year': '周期预约最长一年',
  'the series must not end before it starts': '重复截止日期不能早于首次预约日期',
  'the slot is already booked': '该时段已被预约（含场地整理缓冲时间）',
  'unknown part': '未知的场地分区',
  'unknown node': '未知的辖区节点',
  'unknown space': '未知的场地',
  'this space does not take bookings from you': '该场地不接受您这类预约人的预约',
  'a range of at most 62 days': '查询范围最长 62 天',
  'a range of at most 92 days': '统计范围最长 92 天',
  'not your organisation': '不是您所在的单位',
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
  'the workbook is empty': '工作簿是空的',
  'the file is empty': '文件是空的',
  'to must be after from': '结束日期须晚于开始日期',
  'this category needs a map point': '该类别须在地图上标出位置',
  'the review date must be in the future': '复查日期须在今天之后',
  'the point lies outside every grid of the territory': '该位置不在辖区任何网格内',
  'the original must still be open': '原案件须仍在办理中',
  'ring not closed or self-intersecting': '边界未闭合或自相交',
  // Volunteers (志愿服务).
  'not a volunteer of your area': '不是本辖区的志愿者',
  'a team of this name exists in this community': '本社区已有同名的服务队',
  'an activity belongs to a community': '志愿活动须属于一个社区',
  'not a team of this community': '不是本社区的服务队',
  'sign-up closes when the shift begins': '班次已开始，报名已截止',
  "this activity needs a certificate valid on the shift's day": '这项活动需要持有在班次当天有效的证书，请先到社区登记',
  'a sign-up cannot be cancelled once the shift begins': '班次已开始，不能再取消报名',
  'attendance is confirmed by the activity organiser': '只有活动组织者可以确认出勤',
  'attendance is recorded once the shift begins': '班次开始后才能确认出勤',
  'not signed up for this shift': '没有报名这个班次',
  'listed twice': '重复填写',
  'no hours for someone who did not come': '未到场的志愿者不能记服务时长',
  'hours are needed for someone who came': '到场的志愿者须填写服务时长',
  'a correction of confirmed attendance needs a reason': '更正已确认的出勤或时长须填写更正原因',
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
  'choose one handler: an organisation, a territory node or a mediator': '请选择一个承办方：单位、辖区节点或调解员',
  'a private matter goes to a named mediator': '私事须交给一位调解员（和事佬）',
  'not a mediator of the case’s grid or community': '不是案件所在网格或社区的调解员',
  'only a private matter goes to a mediator': '只有私事交给调解员',
  'this kind of organisation does not take a matter of this triage': '该类单位不承办这一分流类别的事项',
  'this level does not take a matter of this triage': '该层级不承办这一分流类别的事项',
  'only departments and partner units can be summoned': '只能向职能部门和驻区单位吹哨',
  'cannot move a node under itself or its descendants': '不能移动到自身或其下级之下',
  'a new grid needs a name': '新网格需要名称',
  'a case cannot be merged into itself': '案件不能合并到自身',
  'the node must lie within the parent organisation’s territory': '所选节点须在上级组织的辖区内',
  'the case’s own grid, community or street': '须为案件所在的网格、社区或街道',
  'the responsibility list suggests another handler; give a reason to choose otherwise':
    '权责清单建议了其他承办单位，改派须说明理由',
  // Rooms: taking zones out of use.
  'the zone has bookings to come; cancel or wait for them first': '该分区还有未开始的预约，请先取消或等其结束',
  'a zone cannot be kept and removed': '同一分区不能既保留又删除',
  'not a zone of this space': '不是该场地的分区',
  // Deliberation (议事协商).
  'the matter is no longer pending': '该事项已不在待议状态',
  'unknown agenda item': '未知的议程事项',
  'a matter is passed up to a council above': '只能提交给上级议事会',
  'the council is not over this place': '该议事会不管辖这个地方',
  'unknown council': '未知的议事会',
  'a support is a registry household’s; yours is not confirmed': '附议以登记在册的户为单位，您的家庭尚未确认',
  'your household is not confirmed yet': '您的家庭尚未确认',
  'not a pending matter of this council': '不是本议事会的待议事项',
  'not a meeting of this council': '不是本议事会的会议',
  'not a recurrence rule (e.g. FREQ=MONTHLY;BYMONTHDAY=6,16,26)': '例会日规则无效（如每月 6、16、26 日）',
  'a council sits at a street, community, grid or estate': '议事会须设在街道、社区、网格或小区',
  'unknown place': '未知的地点',
  'residents vote by household': '居民参与表决须按一户一票',
  'not an open proposal of this council’s area': '不是本辖区待分流的提案',
  'proxies are by household': '一人一票的议事会不能代投',
  'a proxy vote needs its written record (委托书)': '代投须有书面委托书，请填写委托书编号或说明',
  'not a resident of this area': '不是本议事会辖区的居民',
  'already a member': '已是本议事会成员',
  'the vote did not pass': '表决未通过',
  'the vote is not closed': '表决尚未结束',
  'unknown vote': '未知的表决',
  'not a member of this council': '不是本议事会成员',
  'only staff act for a resident': '只有工作人员可以代居民办理',
  'unknown resident': '未知的居民',
  'not a voter of this council': '不在此次表决范围内',
  'this household or member has already voted': '该户或该成员已投过票',
  'the vote is not open yet': '表决尚未开始',
  'the vote is closed': '表决已结束',
};

/** Messages with a value in them ({name} stands for any text, kept as written in the translation). */
const ZH_TEMPLATES: [string, string][] = [
  ['outside the opening hours {hours}', '超出开放时间 {hours}'],
  ['over the capacity of {n}', '超过容纳人数 {n} 人'],
  ['the slot is already booked on {date}', '{date} 该时段已被预约'],
  ['the space is closed on {date}', '场地在 {date} 不开放'],
  ['the workbook has more than {limit} parts', '工作簿的组成部分超过 {limit} 个'],
  ['a part of the workbook unpacks to more than {limit} MB', '工作簿的某一部分解压后超过 {limit} MB'],
  ['the workbook unpacks to more than {limit} MB', '工作簿解压后超过 {limit} MB'],
  [
    'a part of the workbook unpacks to more than {limit} times its packed size',
    '工作簿的某一部分解压后超过压缩大小的 {limit} 倍',
  ],
  ['the workbook has more than {limit} shared strings', '工作簿的共享字符串超过 {limit} 个'],
  ['the shared strings of the workbook hold more than {limit} characters', '工作簿的共享字符串超过 {limit} 个字符'],
  ['the workbook has more than {limit} cell formats', '工作簿的单元格格式超过 {limit} 种'],
  ['the sheet has more than {limit} rows', '工作表超过 {limit} 行'],
  ['a row has more than {limit} cells', '有一行超过 {limit} 个单元格'],
  ['a value or line is longer than {limit} characters', '有一个值或一行超过 {limit} 个字符'],
  ['the workbook nests elements more than {limit} levels deep', '工作簿的元素嵌套超过 {limit} 层'],
  ['the workbook declares a DTD or entities, which are not accepted', '工作簿含有 DTD 或实体声明，不予接受'],
  ['cannot read the {format} file: {reason}', '无法读取 {format} 文件：{reason}'],
  ['row 1 lacks the headers: {list}', '第1行缺少表头：{list}'],
  ['at most {limit} rings per boundary', '每个边界最多 {limit} 个环'],
  ['at most {limit} vertices per boundary', '每个边界最多 {limit} 个顶点'],
  ['at most {limit} vertices per file', '每个文件最多 {limit} 个顶点'],
  ['at most {limit} features per file', '每个文件最多 {limit} 个要素'],
  ['the boundaries took longer than {limit} s to check', '边界检查超过 {limit} 秒，请简化边界后重试'],
  ['at most {limit} months from from to to', '统计期间最长 {limit} 个月'],
  ['proxy votes are for residents aged {n} and over', '代投仅限 {n} 岁及以上的居民'],
  ['the space has {n} bookings to come; cancel them first', '该场地还有 {n} 个未开始的预约，请先取消'],
  [
    'at most {running} heavy requests of one account run at a time and {waiting} wait',
    '每个账号同时最多执行 {running} 个、排队 {waiting} 个耗时请求，请稍后再试',
  ],
  ['at most {limit} heavy requests of one account per minute', '每个账号每分钟最多 {limit} 个耗时请求，请稍后再试'],
  ['the server is busy with heavy requests; retry in {limit} s', '服务器正忙于处理耗时请求，请 {limit} 秒后重试'],
];
const TEMPLATES = ZH_TEMPLATES.map(([en, zhText]) => {
  const names: string[] = [];
  const source = en
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), '(.*?)'));
  return { re: new RegExp(`^${source}$`, 's'), names, zhText };
});

function zhTemplate(message: string): string | undefined {
  for (const t of TEMPLATES) {
    const m = t.re.exec(message);
    if (m) return t.zhText.replace(/\{(\w+)\}/g, (_, n: string) => m[t.names.indexOf(n) + 1] ?? '');
  }
  return undefined;
}

const TRIAGE_ZH: Record<string, string> = { private: '私事', minor: '小事', major: '大事' };
const HANDLER_ZH: Record<string, string> = {
  department: '职能部门',
  partner_unit: '驻区单位',
  property_company: '物业企业',
  social_organisation: '社会组织',
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格',
  estate: '小区',
  building: '楼栋',
  household: '户',
};

/** Messages that carry values: an English pattern and its Chinese wording built from the captured words. */
const ZH_PATTERNS: [RegExp, (m: RegExpExecArray) => string | null][] = [
  [
    /^a (\w+) matter does not go to a (\w+)$/,
    (m) =>
      TRIAGE_ZH[m[1]!] && HANDLER_ZH[m[2]!]
        ? `${TRIAGE_ZH[m[1]!]}不能交给${HANDLER_ZH[m[2]!]}办理，请另选承办方`
        : null,
  ],
];

const zh = z.locales.zhCN().localeError as (issue: unknown) => string | { message: string };
const en = z.locales.en().localeError as (issue: unknown) => string | { message: string };
const text = (r: string | { message: string } | undefined) => (typeof r === 'string' ? r : r?.message);

/** A Zod issue's message in `lang`, unless the schema wrote its own message (then that one is kept). */
export function zodMessage(
  issue: { message?: string; code?: string } | undefined,
  fallback: string,
  lang: Lang,
): string {
  if (!issue) return fallback;
  const english = text(en(issue));
  const isDefault = english === issue.message;
  if (!isDefault) return issue.message ?? fallback;
  return lang === 'zh-CN' ? (text(zh(issue)) ?? fallback) : (english ?? fallback);
}

/** One of our field messages in `lang`. */
export function detailMessage(message: string, lang: Lang): string {
  if (lang !== 'zh-CN') return message;
  const known = ZH[message] ?? zhTemplate(message);
  if (known) return known;
  for (const [pattern, word] of ZH_PATTERNS) {
    const m = pattern.exec(message);
    const text = m && word(m);
    if (text) return text;
  }
  return message;
}
