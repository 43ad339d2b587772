// The request log keeps each request's path and parameter names but never a secret or personal value: an Open311
// api_key, a searched ID number or phone, a searched name.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { DrizzleQueryError } from 'drizzle-orm';
import { redactUrl, serializeError } from './log-redaction';

let t: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  const logStream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({ logStream });
});
afterAll(() => t?.close());

describe('the request log', () => {
  it('redacts the Open311 api_key and searched ID numbers, phones and names, keeping paths and parameter names', async () => {
    const s = await t.login('community1');
    await t.app.inject({
      method: 'GET',
      url: '/open311/v2/requests.json?api_key=SECRET-KEY-0123456789abcdef&status=open',
    });
    await t.as(s, { method: 'GET', url: '/api/people/residents?q=110101199003071234&limit=20' });
    await t.as(s, { method: 'GET', url: '/api/people/residents?q=13800138000' });
    await t.as(s, { method: 'GET', url: `/api/people/residents?q=${encodeURIComponent('李桂兰')}` });
    const log = lines.join('');
    expect(log).toContain('/open311/v2/requests.json?api_key=[redacted]&status=open');
    expect(log).toContain('/api/people/residents?q=[redacted]&limit=20');
    for (const secret of [
      'SECRET-KEY',
      '0123456789abcdef',
      '110101199003071234',
      '13800138000',
      '李桂兰',
      encodeURIComponent('李桂兰'),
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('redactUrl', () => {
  it('keeps the values of paging and enum parameters unless they hold a phone or ID number, and redacts them in the path too', () => {
    expect(redactUrl('/api/cases?status=open&nodeId=12&cursor=abc')).toBe(
      '/api/cases?status=open&nodeId=12&cursor=abc',
    );
    expect(redactUrl('/api/cases?nodeId=13800138000')).toBe('/api/cases?nodeId=[redacted]');
    expect(redactUrl('/api/x/11010119900307123X/y?13800138000')).toBe('/api/x/[redacted]/y?[redacted]');
    expect(redactUrl('/api/people/residents?q=1234&q=abcd')).toBe('/api/people/residents?q=[redacted]&q=[redacted]');
    expect(redactUrl('/')).toBe('/');
  });
});

describe('serializeError', () => {
  it("leaves out a failed query's bound values, in its fields, its message and its stack, keeping the SQL and the cause", () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer'), { code: '22P02' });
    const err = new DrizzleQueryError(
      'select * from residents where name = $1 and phone_hash = $2',
      ['李桂兰', '13800138000'],
      cause,
    );
    const out = serializeError(err) as Record<string, unknown>;
    const text = JSON.stringify(out);
    for (const secret of ['李桂兰', '13800138000']) expect(text).not.toContain(secret);
    expect(out.message).toBe(
      'Failed query: select * from residents where name = $1 and phone_hash = $2\nparams: [redacted]',
    );
    expect(out.query).toBe('select * from residents where name = $1 and phone_hash = $2');
    expect(out.cause).toMatchObject({ message: 'invalid input syntax for type integer', code: '22P02' });
  });
});
