// Fictional people for the demo district and the bench city: deterministic Chinese names, ID numbers of region 990101
// (which GB/T 2260 does not assign, so no real person's number) and phones in the unassigned 100 range.
import { idCheckChar } from '../modules/people';
import type { Rng } from './rng';

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
/** Given-name characters that end a name (or make a one-character given name). */
const GIVEN_LAST = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '华',
  '平',
  '刚',
  '玲',
  '霞',
  '鹏',
  '辉',
];
/** Given-name characters that open a two-character given name. */
const GIVEN_FIRST = [
  '建',
  '志',
  '秀',
  '海',
  '晓',
  '春',
  '国',
  '文',
  '德',
  '玉',
  '桂',
  '金',
  '永',
  '子',
  '思',
  '欣',
  '雨',
  '佳',
  '宇',
  '梓',
  '浩',
  '俊',
  '嘉',
  '丹',
];

/** A realistic name: a common surname and a one- (30%) or two-character given name. */
export const fictionalName = (rng: Rng, surname = rng.pick(SURNAMES)) =>
  surname + (rng.chance(0.3) ? rng.pick(GIVEN_LAST) : rng.pick(GIVEN_FIRST) + rng.pick(GIVEN_LAST));

/** A valid-format ID number of region 990101 born on `birth` (YYYY-MM-DD), sequence 0–999 (odd: male). */
export function fictionalIdNumber(birth: string, seq: number): { id: string; sex: 'male' | 'female' } {
  const s = String(seq % 1000).padStart(3, '0');
  const first17 = `990101${birth.replaceAll('-', '')}${s}`;
  return { id: first17 + idCheckChar(first17), sex: Number(s[2]) % 2 === 1 ? 'male' : 'female' };
}

/** The i-th phone in the 100 range, which no carrier assigns. */
export const fictionalPhone = (i: number) => `100${String(i % 100_000_000).padStart(8, '0')}`;
