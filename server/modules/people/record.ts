// Turning what a person typed into a sealed resident row (encrypted, indexed, derived), and a row into its masked view.
import type { z } from 'zod';
import type { Resident, ResidenceType } from '../../../contracts/people';
import { maskIdNumber, maskPhone, tailOf, type PersonalCrypto } from '../../platform/crypto';
import type { Clock } from '../../platform/clock';
import { ID_PROBLEM_TEXT, parseIdNumber } from './idcard';
import { nameKeys } from './names';
import type { ResidentInsert, ResidentRow } from './repo';

/** Today's date in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export const chinaToday = (clock: Clock) => new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export type SealedId = { idCipher: string; idHash: string; idTail: string; sex: 'male' | 'female'; birthDate: string };

/** The columns that protect an ID number; `problem` explains why it is refused. */
export function sealIdNumber(crypto: PersonalCrypto, raw: string, today: string): { problem: string; values?: undefined } | { problem: null; values: SealedId } {
  const p = parseIdNumber(raw, today);
  if (!p.ok) return { problem: ID_PROBLEM_TEXT[p.problem] };
  return {
    problem: null,
    values: { idCipher: crypto.encrypt('id_number', p.id), idHash: crypto.blindIndex('id_number', p.id), idTail: tailOf(p.id), sex: p.facts.sex, birthDate: p.facts.birthDate },
  };
}

/** The columns that protect a phone number (all null when there is none). */
export function sealPhone(crypto: PersonalCrypto, phone: string | null | undefined) {
  if (!phone) return { phoneCipher: null, phoneHash: null, phoneTail: null };
  return { phoneCipher: crypto.encrypt('phone', phone), phoneHash: crypto.blindIndex('phone', phone), phoneTail: tailOf(phone) };
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
    idNumberMasked: maskIdNumber(crypto.decrypt('id_number', r.idCipher))!,
    sex: r.sex as 'male' | 'female',
    birthDate: r.birthDate,
    phoneMasked: r.phoneCipher ? maskPhone(crypto.decrypt('phone', r.phoneCipher)) : null,
    residenceType: r.residenceType as z.infer<typeof ResidenceType>,
    householdNodeId: r.householdNodeId,
    householdName: r.householdName,
    movedInOn: r.movedInOn,
    movedOutOn: r.movedOutOn,
    tags: r.tags,
    userId: r.userId,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
