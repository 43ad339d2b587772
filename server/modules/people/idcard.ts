// GB 11643 citizen ID numbers: checksum validation and what the number says (sex, birth date).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdFacts = { sex: 'male' | 'female'; birthDate: string };
export type IdProblem = 'format' | 'checksum' | 'birth_date';

/** Validates an 18-character ID number against `today` (YYYY-MM-DD); returns the facts or the first problem. */
export function parseIdNumber(
  raw: string,
  today: string,
): { ok: true; id: string; facts: IdFacts } | { ok: false; problem: IdProblem } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checksum' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const real = y >= 1880 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || birthDate > today) return { ok: false, problem: 'birth_date' };
  return { ok: true, id, facts: { sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', birthDate } };
}

/** Chinese explanation of a problem, for import previews and validation errors. */
export const ID_PROBLEM_TEXT: Record<IdProblem, string> = {
  format: '身份证号应为18位（最后一位可为X）',
  checksum: '身份证号校验位不正确',
  birth_date: '身份证号中的出生日期不存在或晚于今天',
};
