// Turning what a person typed into a sealed resident row (encrypted, indexed, derived), and a row into its masked view.
import type { z } from 'zod';
import type { IdKind, Resident, ResidenceType } from '../../../contracts/people';
import { maskIdNumber, maskPhone, tailOf, type PersonalCrypto } from '../../platform/crypto';
import type { Clock } from '../../platform/clock';
import { ID_PROBLEM_TEXT, parseIdNumber } from './idcard';
import { householdLabel } from './label';
import { nameKeys } from './names';
import type { ResidentInsert, ResidentRow } from './repo';

/** Today's date in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export const chinaToday = (clock: Clock) => new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

type Kind = z.infer<typeof IdKind>;
export type SealedId = {
  idKind: Kind;
  idCipher: string | null;
  idHash: string | null;
  idTail: string | null;
  noIdReason: string | null;
  sex: 'male' | 'female';
  birthDate: string;
};

/** The columns that protect a citizen ID number; `problem` explains why it is refused. */
export function sealIdNumber(
  crypto: PersonalCrypto,
  raw: string,
  today: string,
): { problem: string; values?: undefined } | { problem: null; values: SealedId } {
  const p = parseIdNumber(raw, today);
  if (!p.ok) return { problem: ID_PROBLEM_TEXT[p.problem] };
  return {
    problem: null,
    values: {
      idKind: 'resident_id',
      idCipher: crypto.encrypt('id_number', p.id),
      idHash: crypto.blindIndex('id_number', p.id),
      idTail: tailOf(p.id),
      noIdReason: null,
      sex: p.facts.sex,
      birthDate: p.facts.birthDate,
    },
  };
}

/** What a person typed about identity: a citizen ID, another document, or none with a reason. */
export type IdentityInput = {
  idKind: Kind;
  idNumber?: string | null;
  noIdReason?: string | null;
  sex?: 'male' | 'female' | null;
  birthDate?: string | null;
};
const DOC = /^[A-Z0-9]{3,30}$/;
const realBirth = (d: string, today: string) => {
  const x = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(x.getTime()) && x.toISOString().slice(0, 10) === d && d >= '1880-01-01' && d <= today;
};

/**
 * Seals any identity: a citizen ID derives sex and birth date; another document is kept encrypted under a blind index
 * bound to its kind (a passport number never collides with an ID number); none needs a reason, and then sex and birth
 * date come from the form. Returns the first problem tied to a field.
 */
export function sealIdentity(
  crypto: PersonalCrypto,
  v: IdentityInput,
  today: string,
): { problem: { field: string; message: string } } | { problem: null; values: SealedId } {
  const fail = (field: string, message: string) => ({ problem: { field, message } });
  if (v.idKind === 'resident_id') {
    if (!v.idNumber) return fail('idNumber', '请填写身份证号；没有身份证号时请选择其他证件类型或"暂无证件"');
    const s = sealIdNumber(crypto, v.idNumber, today);
    return s.problem === null ? s : fail('idNumber', s.problem);
  }
  if (!v.sex) return fail('sex', '没有身份证号时请填写性别');
  if (!v.birthDate || !realBirth(v.birthDate, today))
    return fail('birthDate', v.birthDate ? '出生日期不存在或晚于今天' : '没有身份证号时请填写出生日期');
  if (v.idKind === 'none') {
    if (v.idNumber) return fail('idNumber', '"暂无证件"时不填证件号码');
    if (!v.noIdReason?.trim()) return fail('noIdReason', '请说明没有证件的原因');
    return {
      problem: null,
      values: {
        idKind: 'none',
        idCipher: null,
        idHash: null,
        idTail: null,
        noIdReason: v.noIdReason.trim(),
        sex: v.sex,
        birthDate: v.birthDate,
      },
    };
  }
  const doc = (v.idNumber ?? '').replace(/[\s-]/g, '').toUpperCase();
  if (!DOC.test(doc)) return fail('idNumber', '证件号码应为 3 到 30 位字母或数字');
  return {
    problem: null,
    values: {
      idKind: v.idKind,
      idCipher: crypto.encrypt('id_number', doc),
      idHash: crypto.blindIndex('id_number', `${v.idKind}:${doc}`),
      idTail: tailOf(doc),
      noIdReason: null,
      sex: v.sex,
      birthDate: v.birthDate,
    },
  };
}

/** The columns that protect a phone number (all null when there is none). */
export function sealPhone(crypto: PersonalCrypto, phone: string | null | undefined) {
  if (!phone) return { phoneCipher: null, phoneHash: null, phoneTail: null };
  return {
    phoneCipher: crypto.encrypt('phone', phone),
    phoneHash: crypto.blindIndex('phone', phone),
    phoneTail: tailOf(phone),
  };
}

export const nameColumns = (name: string) => {
  const k = nameKeys(name);
  return { name, namePinyin: k.pinyin, nameInitials: k.initials };
};

export type SealedResident = Omit<ResidentInsert, 'id' | 'createdAt' | 'updatedAt' | 'userId' | 'movedOutOn'>;

/** The masked view of a row: the only shape in which residents leave the server outside `reveal`. */
export function residentDto(crypto: PersonalCrypto, r: ResidentRow): z.infer<typeof Resident> {
  return {
    id: r.id,
    name: r.name,
    idKind: r.idKind as Kind,
    idNumberMasked: r.idCipher ? maskIdNumber(crypto.decrypt('id_number', r.idCipher)) : null,
    noIdReason: r.noIdReason,
    sex: r.sex as 'male' | 'female',
    birthDate: r.birthDate,
    phoneMasked: r.phoneCipher ? maskPhone(crypto.decrypt('phone', r.phoneCipher)) : null,
    residenceType: r.residenceType as z.infer<typeof ResidenceType>,
    householdNodeId: r.householdNodeId,
    householdName: householdLabel(r),
    movedInOn: r.movedInOn,
    movedOutOn: r.movedOutOn,
    movedOutTo: r.movedOutTo,
    tags: r.tags,
    care: r.careLevel
      ? {
          level: r.careLevel as 'red' | 'yellow' | 'blue',
          reason: r.careReason ?? '',
          assigneeUserId: r.careAssigneeUserId,
          setOn: r.careSetOn ?? '',
        }
      : null,
    userId: r.userId,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
