// ID number validation and derivation, crypto round trip and masking, on generated fictional numbers.
import { describe, expect, it } from 'vitest';
import { createPersonalCrypto, decodeDataKey, maskIdNumber, maskPhone, tailOf } from '../../platform/crypto';
import { idCheckChar, parseIdNumber } from './idcard';
import { nameKeys } from './names';
import { fakeId } from './testing';

const today = '2026-03-02';

describe('GB 11643 ID numbers', () => {
  it('accepts generated numbers and derives sex and birth date', () => {
    for (let n = 0; n < 200; n++) {
      const id = fakeId(n, { sex: n % 2 ? 'male' : 'female', birth: '1988-02-29' });
      const p = parseIdNumber(id, today);
      expect(p.ok).toBe(true);
      if (p.ok) expect(p.facts).toEqual({ sex: n % 2 ? 'male' : 'female', birthDate: '1988-02-29' });
    }
  });
  it('knows the X check character and the worked example', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002x', today)).toMatchObject({
      ok: true,
      id: '11010519491231002X',
      facts: { sex: 'female', birthDate: '1949-12-31' },
    });
  });
  it('refuses bad format, checksum, impossible and future dates', () => {
    const good = fakeId(7);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(parseIdNumber(wrong, today)).toEqual({ ok: false, problem: 'checksum' });
    expect(parseIdNumber('12345', today)).toEqual({ ok: false, problem: 'format' });
    const feb30 = '99010119900230001';
    expect(parseIdNumber(feb30 + idCheckChar(feb30), today)).toEqual({ ok: false, problem: 'birth_date' });
    const future = '99010120300101001';
    expect(parseIdNumber(future + idCheckChar(future), today)).toEqual({ ok: false, problem: 'birth_date' });
  });
});

describe('personal data crypto', () => {
  const c = createPersonalCrypto(Buffer.alloc(32, 7).toString('base64'));
  it('round-trips, randomises, binds the field and detects tampering', () => {
    const id = fakeId(3);
    const a = c.encrypt('id_number', id);
    expect(c.decrypt('id_number', a)).toBe(id);
    expect(c.encrypt('id_number', id)).not.toBe(a);
    expect(a).not.toContain(id);
    expect(() => c.decrypt('phone', a)).toThrow();
    const raw = Buffer.from(a.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => c.decrypt('id_number', 'v1.' + raw.toString('base64url'))).toThrow();
  });
  it('blind index is deterministic, keyed and field-bound', () => {
    const other = createPersonalCrypto(Buffer.alloc(32, 8).toString('base64'));
    expect(c.blindIndex('phone', '19900000001')).toBe(c.blindIndex('phone', '199 0000 0001'));
    expect(c.blindIndex('phone', '19900000001')).not.toBe(other.blindIndex('phone', '19900000001'));
    expect(c.blindIndex('phone', '19900000001')).not.toBe(c.blindIndex('id_number', '19900000001'));
  });
  it('refuses a malformed key and warns on the development key', () => {
    expect(() => decodeDataKey('c2hvcnQ=')).toThrow(/32 bytes/);
    const warnings: string[] = [];
    createPersonalCrypto(undefined, { warn: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/DATA_KEY/);
  });
  it('masks and tails', () => {
    expect(maskIdNumber('21070219900101123X')).toBe('2107**********123X');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(tailOf('21070219900101123x')).toBe('123X');
  });
});

describe('name keys', () => {
  it('gives toneless pinyin and initials', () => {
    expect(nameKeys('张三')).toEqual({ pinyin: 'zhangsan', initials: 'zs' });
    expect(nameKeys('吕布')).toEqual({ pinyin: 'lvbu', initials: 'lb' });
  });
});
