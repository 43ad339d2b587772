// Issue 11 item 10: the audit log is no side door to personal data. Whatever a module hands the writer, and whatever
// older entries hold, phones and ID numbers leave the audit log masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/tables';
import { maskPersonal } from '../../platform/audit/redact';
import { createTestApp, type Session, type TestApp } from '../../testing';

let t: TestApp;
let admin: Session;
let street: Session;
const FIRST = '13612345601';
const SECOND = '13612345602';
const ID = '110101199003071234';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  street = await t.login('street1');
});
afterAll(() => t?.close());

const readAudit = async (s: Session, query: string) => {
  const r = await t.as(s, { method: 'GET', url: `/api/audit${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.body;
};

describe('personal data in the audit log', () => {
  it("a street officer reading the audit of a user's phone change sees no full phone", async () => {
    const u = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'cw-audit',
        displayName: '社区工作者',
        phone: FIRST,
        password: 'first-password',
        bindings: [{ role: 'community_worker', nodeId: t.demo.communities[0]!.id }],
      },
    });
    expect(u.statusCode, u.body).toBe(200);
    const upd = await t.as(admin, { method: 'PATCH', url: `/api/users/${u.json().id}`, payload: { phone: SECOND } });
    expect(upd.statusCode, upd.body).toBe(200);
    const body = await readAudit(street, '?entityKind=user&limit=100');
    expect(body).toContain('user.update');
    expect(body).not.toContain(FIRST);
    expect(body).not.toContain(SECOND);
    expect(body).toContain('136****5602');
  });

  it('an entry written before masking (a full phone and ID number anywhere, nested, in text) is masked when read', async () => {
    await t.deps.db.insert(auditLog).values({
      at: new Date(),
      actorId: null,
      actorName: 'old',
      action: 'legacy.write',
      entityKind: 'legacy',
      entityId: '1',
      nodePath: t.demo.streets[0]!.path,
      before: { phone: FIRST, nested: [{ contact: { mobile: SECOND } }] },
      after: { note: `请联系 ${SECOND}，身份证 ${ID}`, idNumber: ID, phoneHash: 'abcdef', count: 3 },
    });
    const body = await readAudit(street, '?entityKind=legacy');
    expect(body).toContain('legacy.write');
    for (const secret of [FIRST, SECOND, ID, 'abcdef']) expect(body).not.toContain(secret);
    expect(body).toContain('"count":3');
  });
});

describe('maskPersonal', () => {
  it('masks by field name and by pattern in any string, keeps other values', () => {
    expect(
      maskPersonal({
        callerPhone: '010-88880000',
        reporter_phone: SECOND,
        idNumber: 'E12345678',
        idCipher: 'v1.x',
        name: '张三',
        n: 5,
        ok: true,
        none: null,
      }),
    ).toEqual({
      callerPhone: '010*****0000',
      reporter_phone: '136****5602',
      idNumber: 'E1*****78',
      idCipher: '***',
      name: '张三',
      n: 5,
      ok: true,
      none: null,
    });
    expect(maskPersonal(['a', `x${FIRST}y`, `${ID}`])).toEqual(['a', 'x136****5601y', '1101**********1234']);
    expect(maskPersonal('订单 20261120000012345 已处理')).toBe('订单 20261120000012345 已处理');
  });
});
