// The seeded category tree: published asset and event classes (CJ/T 214 style, DOMAIN.md §2) and community matters,
// each sub-class with its triage default and time limits per stage. Administrators may change them later.
import type { Triage } from '../../../contracts/cases';
import type { Exec } from '../../platform/db';
import { caseCategories, type StageLimit } from './tables';

const wh = (amount: number): StageLimit => ({ amount, unit: 'working_hours' });
const wd = (amount: number): StageLimit => ({ amount, unit: 'working_days' });
const h = (amount: number): StageLimit => ({ amount, unit: 'hours' });

/** Limits every sub-class shares unless it says otherwise; `handle` is set per sub-class. */
const BASE = { register: wh(2), dispatch: wh(2), accept: wh(2), verify: wd(1) };

type Sub = [code: string, name: string, nameEn: string, handle: StageLimit, triage?: Triage, sensitive?: boolean];
type Class = [
  code: string,
  name: string,
  nameEn: string,
  kind: 'asset' | 'event' | 'community',
  triage: Triage,
  subs: Sub[],
];

const TREE: Class[] = [
  [
    'A01',
    '公用设施',
    'Public utilities',
    'asset',
    'major',
    [
      ['A0101', '井盖', 'Manhole cover', wh(8)],
      ['A0102', '路灯', 'Streetlight', wd(2)],
      ['A0103', '消防栓', 'Fire hydrant', wd(1)],
    ],
  ],
  [
    'A02',
    '道路交通',
    'Traffic',
    'asset',
    'major',
    [
      ['A0201', '交通标志', 'Traffic sign', wd(3)],
      ['A0202', '护栏', 'Guardrail', wd(3)],
    ],
  ],
  [
    'A03',
    '市容环境设施',
    'City appearance facilities',
    'asset',
    'minor',
    [
      ['A0301', '垃圾桶', 'Litter bin', wd(1)],
      ['A0302', '公厕', 'Public toilet', wd(2)],
    ],
  ],
  [
    'A04',
    '园林绿化',
    'Greenery',
    'asset',
    'minor',
    [
      ['A0401', '绿地', 'Green space', wd(3)],
      ['A0402', '行道树', 'Street tree', wd(3)],
    ],
  ],
  ['A05', '其他部件', 'Other assets', 'asset', 'major', [['A0501', '其他部件', 'Other asset', wd(5)]]],
  [
    'E01',
    '市容环境',
    'City appearance and environment',
    'event',
    'major',
    [
      ['E0101', '违法建设', 'Illegal building', wd(20)],
      ['E0102', '暴露垃圾', 'Exposed rubbish', wh(4), 'minor'],
      ['E0103', '渣土', 'Muck', wd(1)],
      ['E0104', '道路保洁', 'Road cleaning', wh(2), 'minor'],
    ],
  ],
  ['E02', '宣传广告', 'Advertising', 'event', 'major', [['E0201', '违规广告', 'Illegal advertising', wd(3)]]],
  ['E03', '施工管理', 'Construction', 'event', 'major', [['E0301', '施工扰民', 'Construction nuisance', wd(2)]]],
  [
    'E04',
    '街面秩序',
    'Street order',
    'event',
    'major',
    [
      ['E0401', '占道经营', 'Street vending', wh(4)],
      ['E0402', '乱停车', 'Illegal parking', wh(4)],
    ],
  ],
  [
    'E05',
    '突发事件',
    'Emergencies',
    'event',
    'major',
    [
      ['E0501', '路面塌陷', 'Road collapse', h(2)],
      ['E0502', '火情', 'Fire', h(2)],
    ],
  ],
  [
    'C01',
    '矛盾纠纷',
    'Disputes',
    'community',
    'private',
    [
      ['C0101', '邻里纠纷', 'Neighbour dispute', wd(5)],
      ['C0102', '家庭纠纷', 'Family dispute', wd(5), 'private', true],
    ],
  ],
  [
    'C02',
    '物业服务',
    'Property service',
    'community',
    'minor',
    [
      ['C0201', '电梯故障', 'Lift failure', wh(8)],
      ['C0202', '小区环境卫生', 'Estate cleanliness', wd(1)],
      ['C0203', '停车管理', 'Parking management', wd(3)],
    ],
  ],
  [
    'C03',
    '安全隐患',
    'Safety hazards',
    'community',
    'major',
    [
      ['C0301', '消防通道堵塞', 'Blocked fire lane', wh(4), 'minor'],
      ['C0302', '高空抛物', 'Objects thrown from height', wd(1)],
      ['C0303', '电动车楼道充电', 'E-bike charging indoors', wh(8), 'minor'],
    ],
  ],
  [
    'C04',
    '生态环境',
    'Environment',
    'community',
    'major',
    [
      ['C0401', '噪声扰民', 'Noise', wd(2)],
      ['C0402', '污水外溢', 'Sewage overflow', wd(1)],
    ],
  ],
  [
    'C05',
    '民生诉求',
    'Livelihood requests',
    'community',
    'minor',
    [
      ['C0501', '供水供暖', 'Water and heating', wd(1)],
      ['C0502', '就业咨询', 'Employment enquiry', wd(3)],
    ],
  ],
  [
    'C06',
    '关爱帮扶',
    'Care for vulnerable people',
    'community',
    'minor',
    [
      ['C0601', '独居老人求助', 'Elderly living alone asks for help', wh(4), 'minor', true],
      ['C0602', '困难救助', 'Hardship relief', wd(5), 'minor', true],
    ],
  ],
];

/** Inserts the seeded categories that are missing; never overwrites an administrator's changes. */
export async function seedCategories(exec: Exec): Promise<void> {
  const rows: (typeof caseCategories.$inferInsert)[] = [];
  for (const [code, name, nameEn, kind, triage, subs] of TREE) {
    rows.push({ code, name, nameEn, kind, parentCode: null, triageDefault: triage, limits: null, requiredFields: [] });
    for (const [subCode, subName, subEn, handle, subTriage, sensitive] of subs) {
      rows.push({
        code: subCode,
        name: subName,
        nameEn: subEn,
        kind,
        parentCode: code,
        triageDefault: subTriage ?? triage,
        limits: { ...BASE, handle },
        requiredFields: kind === 'event' || kind === 'asset' ? ['location'] : [],
        sensitive: sensitive ?? false,
      });
    }
  }
  await exec.insert(caseCategories).values(rows).onConflictDoNothing({ target: caseCategories.code });
}

/** Codes in the seed, for tests and the demo generator. */
export const SEEDED_SUBCLASSES = TREE.flatMap(([, , , , , subs]) => subs.map(([code]) => code));
