// The demo cases go through the real loop: every one lands in the state its steps lead to, on record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { seedDemoCases } from './demo-cases';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('demo cases', () => {
  it('walks each demo case to its state through the case loop', async () => {
    expect(await seedDemoCases(t.app)).toBe(11);
    const admin = await t.login('admin');
    const all = (await t.as(admin, { method: 'GET', url: '/api/cases?box=all&limit=50' })).json().items as {
      status: string;
      rating: string | null;
    }[];
    const by = (s: string) => all.filter((c) => c.status === s).length;
    expect(all).toHaveLength(11);
    expect({
      closed: by('closed'),
      replied: by('replied'),
      handling: by('handling'),
      dispatched: by('dispatched'),
      registered: by('registered'),
      reported: by('reported'),
    }).toEqual({
      closed: 3,
      replied: 1,
      handling: 1,
      dispatched: 2,
      registered: 2,
      reported: 2,
    });
    const resident = await t.login('resident1');
    expect((await t.as(resident, { method: 'GET', url: '/api/cases?box=all' })).json().items).toHaveLength(2);
  });
});
