// Case configuration and duplicates: category limits, the responsibility list, merging with reporters kept informed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
const s = {} as Record<string, Session>;
const here = { lat: 39.92, lng: 116.305 };

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['admin', 'community1', 'grid1', 'resident1', 'dept1']) s[u] = await t.login(u);
});
afterAll(() => t?.close());

describe('case administration', () => {
  it('lets the district administrator change a category’s time limit, audited; nobody else', async () => {
    const patch = { limits: { handle: { amount: 3, unit: 'working_days' } } };
    expect(
      (await t.as(s.community1!, { method: 'PATCH', url: '/api/cases/categories/E0102', payload: patch })).statusCode,
    ).toBe(403);
    expect(
      (await t.as(s.admin!, { method: 'PATCH', url: '/api/cases/categories/E0102', payload: patch })).statusCode,
    ).toBe(200);
    const cat = (await t.as(s.grid1!, { method: 'GET', url: '/api/cases/categories' }))
      .json()
      .items.find((c: { code: string }) => c.code === 'E0102');
    expect(cat.limits.handle).toEqual({ amount: 3, unit: 'working_days' });
    expect(cat.limits.dispatch).toBeUndefined();
    const bad = await t.as(s.admin!, {
      method: 'PATCH',
      url: '/api/cases/categories/E0102',
      payload: { limits: { handle: { amount: -1, unit: 'days' } } },
    });
    expect(bad.statusCode).toBe(400);
    const audit = (await t.as(s.admin!, { method: 'GET', url: '/api/audit?entityKind=case_category' })).json().items;
    expect(audit[0].after.limits.handle.amount).toBe(3);
  });

  it('lets a community set who handles a category in its area, which then becomes the suggestion', async () => {
    const orgs = (await t.as(s.admin!, { method: 'GET', url: '/api/organisations?kind=department' })).json().items;
    const market = orgs.find((o: { name: string }) => o.name.includes('市场'));
    const rule = { categoryCode: 'E0401', nodeId: t.demo.communities[0]!.id, organisationId: market.id };
    expect(
      (await t.as(s.grid1!, { method: 'PUT', url: '/api/cases/responsibility-rules', payload: rule })).statusCode,
    ).toBe(403);
    expect(
      (
        await t.as(s.community1!, {
          method: 'PUT',
          url: '/api/cases/responsibility-rules',
          payload: { ...rule, nodeId: t.demo.communities[1]!.id },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.as(s.community1!, { method: 'PUT', url: '/api/cases/responsibility-rules', payload: rule })).statusCode,
    ).toBe(200);
    const c = (
      await t.as(s.grid1!, {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'E0401', description: '占道经营', location: here },
      })
    ).json();
    const suggested = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${c.id}/suggested-handler` })).json()
      .organisation;
    expect(suggested.id).toBe(market.id);
  });

  it('merges a duplicate into the original and tells the duplicate’s reporter when the original is closed', async () => {
    const original = (
      await t.as(s.grid1!, {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'C0401', description: '夜间施工噪声', gridId: t.demo.grids[0]!.id },
      })
    ).json();
    const dup = (
      await t.as(s.resident1!, {
        method: 'POST',
        url: '/api/cases',
        payload: { channel: 'resident', categoryCode: 'C0401', description: '晚上很吵', gridId: t.demo.grids[0]!.id },
      })
    ).json();
    expect(dup.status).toBe('reported');
    expect(
      (await t.as(s.grid1!, { method: 'POST', url: `/api/cases/${dup.id}/merge`, payload: { intoId: original.id } }))
        .statusCode,
    ).toBe(403);
    const merged = await t.as(s.community1!, {
      method: 'POST',
      url: `/api/cases/${dup.id}/merge`,
      payload: { intoId: original.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().supportCount).toBe(1);
    const dupNow = (await t.as(s.resident1!, { method: 'GET', url: `/api/cases/${dup.id}` })).json();
    expect(dupNow.status).toBe('voided');
    const notes = (await t.as(s.resident1!, { method: 'GET', url: '/api/notifications' })).json().items;
    expect(notes.map((n: { kind: string }) => n.kind)).toContain('merged');
    expect(
      (
        await t.as(s.community1!, {
          method: 'POST',
          url: `/api/cases/${dup.id}/merge`,
          payload: { intoId: original.id },
        })
      ).statusCode,
    ).toBe(409);
  });
});
