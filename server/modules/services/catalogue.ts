// The default service catalogue (classes → items, with materials, eligibility, time limits and channels), seeded once.
import { pinyin } from 'pinyin-pro';
import type { EligibilityCondition, MaterialSpec, ServiceChannel } from '../../../contracts/services';
import type { Exec } from '../../platform/db';
import { serviceRepo } from './repo';

type Seed = {
  code: string;
  name: string;
  /** A fragment of the deciding department's name (民政, 人力资源 …); none when the community decides. */
  dept?: string;
  days?: number;
  minutes?: number;
  materials: [code: string, name: string, example?: string][];
  eligibility?: EligibilityCondition[];
  channels?: ServiceChannel[];
  fee?: string;
};

const ID: [string, string, string] = ['id_card', '申请人身份证', '身份证正反面照片，四角完整、字迹清晰'];
const HUKOU: [string, string, string] = ['hukou', '户口簿', '户主页和本人页'];
const ALL: ServiceChannel[] = ['hall', 'door', 'online', 'proxy'];

export const DEFAULT_CATALOGUE: { code: string; name: string; items: Seed[] }[] = [
  {
    code: 'civil',
    name: '民政服务',
    items: [
      {
        code: 'dibao',
        name: '最低生活保障申请',
        dept: '民政',
        days: 20,
        materials: [
          ID,
          HUKOU,
          ['income', '家庭收入证明', '单位开具的近 6 个月收入证明，或无业声明'],
          ['bank', '银行卡', '本人一类银行卡正面'],
        ],
        eligibility: [{ fact: 'residence', anyOf: ['registered'] }],
        channels: ALL,
      },
      {
        code: 'temp_relief',
        name: '临时救助申请',
        dept: '民政',
        days: 10,
        materials: [ID, ['hardship', '困难情况说明', '写明遭遇的困难和需要的帮助，本人签字']],
        eligibility: [{ fact: 'residence', anyOf: ['registered', 'permanent'] }],
        channels: ALL,
      },
      {
        code: 'hardship_cert',
        name: '困难群众认定',
        minutes: 15,
        materials: [ID, ['hardship', '困难情况说明', '写明家庭困难情况，本人签字']],
        channels: ['hall', 'door', 'online'],
      },
      {
        code: 'extreme_support',
        name: '特困人员救助供养',
        dept: '民政',
        days: 20,
        materials: [ID, HUKOU],
        channels: ALL,
      },
      {
        code: 'burial_subsidy',
        name: '惠民殡葬补贴',
        dept: '民政',
        days: 10,
        materials: [
          ['death_cert', '死亡证明'],
          ['cremation', '火化证明'],
          ['bank', '经办人银行卡'],
        ],
      },
    ],
  },
  {
    code: 'social_security',
    name: '社会保障',
    items: [
      {
        code: 'pension_enrol',
        name: '城乡居民养老保险参保登记',
        dept: '人力资源',
        days: 5,
        materials: [ID, HUKOU],
        eligibility: [{ fact: 'age', min: 16 }],
        channels: ALL,
      },
      {
        code: 'pension_cert',
        name: '养老金领取资格认证',
        minutes: 30,
        materials: [ID],
        channels: ['hall', 'door', 'online'],
      },
      {
        code: 'ss_card',
        name: '社保卡申领',
        dept: '人力资源',
        days: 10,
        materials: [ID, ['photo', '证件照', '白底一寸免冠照片']],
      },
    ],
  },
  {
    code: 'medical',
    name: '医疗保障',
    items: [
      {
        code: 'medical_enrol',
        name: '城乡居民医保参保登记',
        dept: '医疗保障',
        days: 3,
        materials: [ID, HUKOU],
        channels: ALL,
      },
      {
        code: 'serious_illness_aid',
        name: '大病医疗救助申请',
        dept: '医疗保障',
        days: 15,
        materials: [ID, ['invoice', '医疗费用发票'], ['discharge', '出院小结']],
        eligibility: [{ fact: 'tag', anyOf: ['serious_illness', 'low_income', 'extreme_hardship'] }],
        channels: ALL,
      },
    ],
  },
  {
    code: 'elderly_disability',
    name: '养老助残',
    items: [
      {
        code: 'elderly_allowance',
        name: '高龄津贴申请',
        dept: '民政',
        days: 10,
        materials: [ID, ['bank', '银行卡', '本人银行卡正面']],
        eligibility: [{ fact: 'age', min: 80 }],
        channels: ALL,
      },
      {
        code: 'elderly_card',
        name: '老年人优待证办理',
        days: 5,
        materials: [ID, ['photo', '证件照', '白底一寸免冠照片']],
        eligibility: [{ fact: 'age', min: 60 }],
        channels: ALL,
      },
      {
        code: 'disability_subsidy',
        name: '残疾人两项补贴申请',
        dept: '民政',
        days: 15,
        materials: [ID, ['disability_cert', '残疾人证', '残疾人证内页照片']],
        eligibility: [{ fact: 'tag', anyOf: ['disabled'] }],
        channels: ALL,
      },
      {
        code: 'home_care',
        name: '居家养老服务申请',
        days: 5,
        materials: [ID],
        eligibility: [{ fact: 'age', min: 60 }],
        channels: ALL,
      },
    ],
  },
  {
    code: 'housing',
    name: '住房保障',
    items: [
      {
        code: 'rent_subsidy',
        name: '公租房租赁补贴申请',
        dept: '住房',
        days: 20,
        materials: [ID, HUKOU, ['income', '家庭收入证明']],
      },
      { code: 'old_estate_reno', name: '老旧小区改造意见登记', days: 5, materials: [], channels: ['hall', 'online'] },
    ],
  },
  {
    code: 'certificates',
    name: '证明开具',
    items: [
      { code: 'residence_cert', name: '居住证明', days: 1, materials: [ID], channels: ['hall', 'online'] },
      {
        code: 'relation_cert',
        name: '亲属关系证明（协助核实）',
        days: 3,
        materials: [ID, HUKOU],
        channels: ['hall', 'online'],
      },
      { code: 'no_crime_cert', name: '无犯罪记录证明', dept: '公安', days: 5, materials: [ID] },
    ],
  },
  {
    code: 'employment',
    name: '就业创业',
    items: [
      {
        code: 'unemployment_reg',
        name: '失业登记',
        dept: '人力资源',
        days: 3,
        materials: [ID, ['dismissal', '解除劳动合同证明']],
        eligibility: [{ fact: 'age', min: 16, max: 65 }],
        channels: ['hall', 'online', 'proxy'],
      },
      { code: 'job_referral', name: '就业推荐', days: 5, materials: [ID], channels: ['hall', 'online'] },
    ],
  },
  {
    code: 'family',
    name: '计划生育与家庭',
    items: [
      {
        code: 'birth_reg',
        name: '生育登记',
        dept: '卫生健康',
        days: 1,
        materials: [ID, ['marriage', '结婚证']],
        channels: ['hall', 'online'],
      },
      {
        code: 'only_child_reward',
        name: '独生子女父母奖励',
        dept: '卫生健康',
        days: 15,
        materials: [ID, ['only_child_cert', '独生子女父母光荣证']],
        eligibility: [{ fact: 'age', min: 60 }],
      },
    ],
  },
  {
    code: 'veterans',
    name: '退役军人服务',
    items: [
      {
        code: 'veteran_card',
        name: '退役军人优待证申领',
        dept: '退役军人',
        days: 15,
        materials: [ID, ['discharge_cert', '退伍证']],
        eligibility: [{ fact: 'tag', anyOf: ['veteran'] }],
        channels: ALL,
      },
      {
        code: 'veteran_aid',
        name: '退役军人帮扶援助',
        dept: '退役军人',
        days: 10,
        materials: [ID, ['hardship', '困难情况说明']],
        eligibility: [{ fact: 'tag', anyOf: ['veteran'] }],
        channels: ALL,
      },
    ],
  },
];

/** Full pinyin and initials of a name ('低保' → 'dibao', 'db'). */
export function pinyinOf(name: string): { full: string; initials: string } {
  const words = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).map((w) =>
    w.toLowerCase().replace(/[^a-z0-9]/g, ''),
  );
  return { full: words.join(''), initials: words.map((w) => w[0] ?? '').join('') };
}

/**
 * Inserts the default catalogue where missing (an item a keeper changed stays as they left it). Departments are
 * found by a fragment of their name; an item whose department is missing is decided by the community.
 */
export async function seedServiceCatalogue(exec: Exec): Promise<void> {
  const depts = await serviceRepo.departments(exec);
  const deptOf = (frag?: string) => (frag ? (depts.find((d) => d.name.includes(frag))?.id ?? null) : null);
  for (const [i, c] of DEFAULT_CATALOGUE.entries()) {
    await serviceRepo.insertClass(exec, { code: c.code, name: c.name, sort: i });
    for (const [j, s] of c.items.entries()) {
      const py = pinyinOf(s.name);
      const materials: MaterialSpec[] = s.materials.map(([code, name, example]) => ({
        code,
        name,
        example: example ?? null,
        required: true,
      }));
      await serviceRepo.insertItem(exec, {
        code: s.code,
        classCode: c.code,
        name: s.name,
        namePinyin: py.full,
        nameInitials: py.initials,
        materials,
        eligibility: s.eligibility ?? [],
        limitDays: s.minutes ? null : (s.days ?? 5),
        responseMinutes: s.minutes ?? null,
        organisationId: deptOf(s.dept),
        channels: s.channels ?? ['hall', 'online'],
        fee: s.fee ?? null,
        sort: j,
      });
    }
  }
}
