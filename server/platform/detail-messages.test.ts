// Field messages that carry values (a triage, a kind of handler) still reach a Chinese reader in Chinese.
import { describe, expect, it } from 'vitest';
import { detailMessage } from './detail-messages';

describe('detail messages', () => {
  it('translates the triage refusal of a dispatch, naming the triage and the handler kind', () => {
    expect(detailMessage('a private matter does not go to a department', 'zh-CN')).toBe(
      '私事不能交给职能部门办理，请另选承办方',
    );
    expect(detailMessage('a major matter does not go to a grid', 'zh-CN')).toBe('大事不能交给网格办理，请另选承办方');
    expect(detailMessage('a minor matter does not go to a street', 'zh-CN')).toMatch(/^小事不能交给街道办理/);
    expect(detailMessage('a private matter does not go to a department', 'en')).toBe(
      'a private matter does not go to a department',
    );
  });

  it('translates the deliberation refusals, the proxy age with its value', () => {
    expect(detailMessage('proxy votes are for residents aged 60 and over', 'zh-CN')).toBe('代投仅限 60 岁及以上的居民');
    expect(detailMessage('a proxy vote needs its written record (委托书)', 'zh-CN')).toMatch(/^代投须有书面委托书/);
    expect(detailMessage('this household or member has already voted', 'zh-CN')).toBe('该户或该成员已投过票');
  });
});
