// Issue 11 item 4: a search box must not be an oracle for the digits a list masks. A number is found only by its last
// four characters or whole; a whole-number search is audited like a reveal, without the number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { Session, TestApp } from '../../testing';
import { auditLog } from '../../platform/audit/tables';
import { users } from '../users';
import { createPeopleTestApp, fakeId, fakePhone } from './testing';

let t: TestApp;
let grid1: Session;
let residentId: number;
const ID = fakeId(21, { sex: 'female' });
const PHONE = fakePhone(7321);

beforeAll(async () => {
  t = await createPeopleTestApp();
  grid1 = await t.login('grid1');
  const r = await t.as(grid1, {
    method: 'POST',
    url: '/api/people/residents',
    payload: {
      name: '王芳',
      idNumber: ID,
      phone: PHONE,
      residenceType: 'registered',
      householdNodeId: t.demo.households[0]!.id,
      tags: [],
    },
  });
  expect(r.statusCode, r.body).toBe(200);
  residentId = r.json().id;
});
afterAll(() => t?.close());

const search = async (q: string) => {
  const r = await t.as(grid1, { method: 'GET', url: `/api/people/residents?q=${encodeURIComponent(q)}` });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { id: number }[]).map((x) => x.id);
};
const searchAudits = () =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityKind, 'resident'), eq(auditLog.action, 'resident.search_by_number')))
    .orderBy(asc(auditLog.id));

describe('searching by a number a grid worker may not reveal', () => {
  it('is refused reveal, and sees only the masked values', async () => {
    const r = await t.as(grid1, {
      method: 'POST',
      url: `/api/people/residents/${residentId}/reveal`,
      payload: { field: 'idNumber' },
    });
    expect(r.statusCode).toBe(403);
    const one = (await t.as(grid1, { method: 'GET', url: `/api/people/residents/${residentId}` })).json();
    expect(one.idNumberMasked.endsWith(ID.slice(-4))).toBe(true);
  });

  /** The attack of the issue: prefix each digit to the tail known so far; a hit gives away one more character. */
  async function recover(tail: string, length: number) {
    let known = tail;
    let searches = 0;
    while (known.length < length) {
      let next: string | null = null;
      for (const d of '0123456789') {
        searches++;
        if ((await search(d + known)).includes(residentId)) {
          next = d + known;
          break;
        }
      }
      if (!next) break;
      known = next;
    }
    return { known, searches };
  }

  it('guessing digits in front of the masked tail of the ID number recovers nothing', async () => {
    const { known } = await recover(ID.slice(-4), 8);
    expect(known).toBe(ID.slice(-4));
  });

  it('guessing digits in front of the masked tail of the phone recovers nothing', async () => {
    const { known } = await recover(PHONE.slice(-4), 7);
    expect(known).toBe(PHONE.slice(-4));
    expect(await search(PHONE.slice(1))).toEqual([]);
  });

  it('the last four and the whole number find the resident; the whole-number search is audited without the number', async () => {
    expect(await search(ID.slice(-4))).toContain(residentId);
    expect(await search(PHONE.slice(-4))).toContain(residentId);
    const before = (await searchAudits()).length;
    expect(await search(ID)).toEqual([residentId]);
    expect(await search(PHONE)).toEqual([residentId]);
    const entries = await searchAudits();
    expect(entries.length).toBe(before + 2);
    const last = entries.at(-1)!;
    expect(last.actorName).toBeTruthy();
    const [me] = await t.deps.db.select({ id: users.id }).from(users).where(eq(users.username, 'grid1'));
    expect(last.actorId).toBe(me!.id);
    expect(last.after).toMatchObject({ matched: 1 });
    const dump = JSON.stringify(entries);
    expect(dump).not.toContain(ID);
    expect(dump).not.toContain(PHONE);
    expect(dump).not.toContain(ID.slice(-8));
  });
});
