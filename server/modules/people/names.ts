// Search keys of a Chinese name: full pinyin without tones ('zhangsan') and initials ('zs').
import { pinyin } from 'pinyin-pro';

/** Lower-case letters and digits only, so keys and queries compare alike. */
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The pinyin and initials of a name; non-Chinese characters pass through as themselves. */
export function nameKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return { pinyin: squash(syllables.join('')), initials: squash(syllables.map((s) => s.trim().charAt(0)).join('')) };
}

/** The search form of a latin query ('Zhang San' → 'zhangsan'). */
export const pinyinQuery = squash;
