// Eligibility rules against registry facts, as a table: each row a rule, the facts, and which conditions fail.
import { describe, expect, it } from 'vitest';
import type { EligibilityCondition } from '../../../contracts/services';
import { ageOn, checkEligibility, type RegistryFacts } from './eligibility';

const now = new Date('2026-12-03T08:00:00Z');
const base = { birthDate: '1958-05-01', tags: ['low_income'], residenceType: 'registered', path: '/1/2/3/40/' };
const f = (over: Partial<NonNullable<RegistryFacts>> = {}): RegistryFacts => ({ ...base, ...over });

const cases: [name: string, rule: EligibilityCondition[], facts: RegistryFacts, fails: string[]][] = [
  ['no conditions: anyone, even outside the registry', [], null, []],
  ['not in the registry fails once', [{ fact: 'age', min: 60 }], null, ['registry']],
  ['age at least 60, is 68', [{ fact: 'age', min: 60 }], f(), []],
  ['age at least 80, is 68', [{ fact: 'age', min: 80 }], f(), ['age']],
  ['age on the birthday counts as reached', [{ fact: 'age', min: 68 }], f({ birthDate: '1958-12-03' }), []],
  ['a day before the birthday does not', [{ fact: 'age', min: 68 }], f({ birthDate: '1958-12-04' }), ['age']],
  ['age between 16 and 65, is 68', [{ fact: 'age', min: 16, max: 65 }], f(), ['age']],
  ['holds one of the tags', [{ fact: 'tag', anyOf: ['disabled', 'low_income'] }], f(), []],
  ['holds none of the tags', [{ fact: 'tag', anyOf: ['veteran'] }], f(), ['tag']],
  ['residence type matches', [{ fact: 'residence', anyOf: ['registered'] }], f(), []],
  [
    'floating resident for registered only',
    [{ fact: 'residence', anyOf: ['registered'] }],
    f({ residenceType: 'floating' }),
    ['residence'],
  ],
  ['household under the node', [{ fact: 'territory', nodeIds: [3] }], f(), []],
  ['node id is a whole segment, not a prefix', [{ fact: 'territory', nodeIds: [4] }], f(), ['territory']],
  [
    'every failing condition is named',
    [
      { fact: 'age', min: 80 },
      { fact: 'tag', anyOf: ['veteran'] },
      { fact: 'residence', anyOf: ['permanent'] },
    ],
    f(),
    ['age', 'tag', 'residence'],
  ],
];

describe('eligibility', () => {
  it.each(cases)('%s', (_name, rule, facts, fails) => {
    const out = checkEligibility(rule, facts, { now, lang: 'zh-CN', tagNames: { veteran: '退役军人' } });
    expect(out.map((x) => x.fact)).toEqual(fails);
    for (const x of out) expect(x.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says in plain words which condition fails, in the asker language', () => {
    const [zh] = checkEligibility([{ fact: 'age', min: 80 }], f(), { now, lang: 'zh-CN' });
    expect(zh!.message).toBe('须年满 80 周岁（登记年龄 68 岁）');
    const [en] = checkEligibility([{ fact: 'tag', anyOf: ['veteran'] }], f(), {
      now,
      lang: 'en',
      tagNames: { veteran: 'veteran' },
    });
    expect(en!.message).toBe('Only for residents registered as: veteran');
  });

  it('counts whole years', () => {
    expect(ageOn('2000-02-29', new Date('2026-02-28T00:00:00Z'))).toBe(25);
    expect(ageOn('2000-02-29', new Date('2026-03-01T00:00:00Z'))).toBe(26);
  });
});
