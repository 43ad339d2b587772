// Who may apply: an item's conditions checked against the registry facts of one resident, each failure in plain words.
import type { EligibilityCondition } from '../../../contracts/services';
import type { Lang } from '../../platform/errors';

/** What the registry knows of the applicant; null when they are not in it at all. */
export type RegistryFacts = {
  birthDate: string;
  tags: readonly string[];
  residenceType: string;
  /** Territory path of the household ('/1/2/3/…/'). */
  path: string;
} | null;

export type Failure = { fact: string; message: string };

const RESIDENCE: Record<string, Record<Lang, string>> = {
  registered: { 'zh-CN': '户籍人口', en: 'registered residents' },
  permanent: { 'zh-CN': '常住人口', en: 'permanent residents' },
  floating: { 'zh-CN': '流动人口', en: 'floating residents' },
  lodging: { 'zh-CN': '寄住人口', en: 'lodgers' },
};

/** Whole years from `birthDate` (YYYY-MM-DD) to `on`. */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const years = on.getUTCFullYear() - y;
  const before = on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d);
  return before ? years - 1 : years;
}

/**
 * The conditions the facts fail, in `lang`; empty when the resident may apply. `tagNames` gives tags their
 * Chinese names (codes otherwise). Not being in the registry fails every condition with one message.
 */
export function checkEligibility(
  conditions: readonly EligibilityCondition[],
  facts: RegistryFacts,
  opts: { now: Date; lang: Lang; tagNames?: Record<string, string> },
): Failure[] {
  const zh = opts.lang === 'zh-CN';
  if (conditions.length === 0) return [];
  if (!facts)
    return [
      {
        fact: 'registry',
        message: zh
          ? '社区人口信息中还没有您的登记，请先到社区登记或关联家庭'
          : 'You are not in the community registry yet; register with the community or link your household first',
      },
    ];
  const out: Failure[] = [];
  for (const c of conditions) {
    switch (c.fact) {
      case 'age': {
        const age = ageOn(facts.birthDate, opts.now);
        if (c.min != null && age < c.min)
          out.push({
            fact: 'age',
            message: zh
              ? `须年满 ${c.min} 周岁（登记年龄 ${age} 岁）`
              : `You must be at least ${c.min} (you are ${age})`,
          });
        if (c.max != null && age > c.max)
          out.push({
            fact: 'age',
            message: zh
              ? `须不超过 ${c.max} 周岁（登记年龄 ${age} 岁）`
              : `You must be at most ${c.max} (you are ${age})`,
          });
        break;
      }
      case 'tag':
        if (!c.anyOf.some((t) => facts.tags.includes(t))) {
          const names = c.anyOf.map((t) => opts.tagNames?.[t] ?? t).join(zh ? '、' : ', ');
          out.push({
            fact: 'tag',
            message: zh ? `仅限登记为“${names}”的居民` : `Only for residents registered as: ${names}`,
          });
        }
        break;
      case 'residence':
        if (!c.anyOf.includes(facts.residenceType)) {
          const names = c.anyOf.map((r) => RESIDENCE[r]?.[opts.lang] ?? r).join(zh ? '、' : ', ');
          out.push({ fact: 'residence', message: zh ? `仅限${names}办理` : `Only for ${names}` });
        }
        break;
      case 'territory':
        if (!c.nodeIds.some((id) => facts.path.includes(`/${id}/`)))
          out.push({
            fact: 'territory',
            message: zh ? '您的住址不在本事项的服务范围内' : 'Your address is outside the area this service covers',
          });
        break;
    }
  }
  return out;
}
