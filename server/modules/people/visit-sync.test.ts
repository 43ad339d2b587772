// Offline visit sync: a visit resent under the same idempotency key is stored once, even when resends race.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db';
import type { Session, TestApp } from '../../testing';
import { createPeopleTestApp, fakeId } from './testing';

let t: TestApp;
let grid1: Session;
const ids: number[] = [];

beforeAll(async () => {
  t = await createPeopleTestApp();
  grid1 = await t.login('grid1');
  for (const n of [71, 72]) {
    const r = await t.as(grid1, {
      method: 'POST',
      url: '/api/people/residents',
      payload: {
        name: `同步${n}`,
        idNumber: fakeId(n),
        residenceType: 'registered',
        householdNodeId: t.demo.households[0]!.id,
      },
    });
    ids.push(r.json().id);
  }
});
afterAll(() => t?.close());

const send = (resident: number, key: string | null, note = '离线记录') =>
  t.as(grid1, {
    method: 'POST',
    url: `/api/people/residents/${resident}/visits`,
    payload: { visitedOn: '2026-01-05', note },
    headers: key ? { 'idempotency-key': key } : {},
  });
const visitCount = async () =>
  Number((await rows<{ n: string }>(t.deps.db, sql`select count(*) as n from visits`))[0]!.n);

describe('offline visit sync', () => {
  it('stores a resent visit once and returns the first', async () => {
    const a = await send(ids[0]!, 'offline-0001-aaaa');
    expect(a.statusCode, a.body).toBe(200);
    const b = await send(ids[0]!, 'offline-0001-aaaa', '再次发送');
    expect(b.json()).toEqual(a.json());
    expect(await visitCount()).toBe(1);
    const audits = await rows<{ n: string }>(
      t.deps.db,
      sql`select count(*) as n from audit_log where action = 'visit.create'`,
    );
    expect(Number(audits[0]!.n)).toBe(1);
  });

  it('stores racing resends once', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => send(ids[1]!, 'offline-race-bbbb')));
    expect(new Set(all.map((r) => r.statusCode))).toEqual(new Set([200]));
    expect(new Set(all.map((r) => r.json().id)).size).toBe(1);
    expect(await visitCount()).toBe(2);
  });

  it('refuses a key reused for another resident, and visits without a key are never merged', async () => {
    expect((await send(ids[1]!, 'offline-0001-aaaa')).statusCode).toBe(409);
    await send(ids[0]!, null);
    await send(ids[0]!, null);
    expect(await visitCount()).toBe(4);
  });
});
