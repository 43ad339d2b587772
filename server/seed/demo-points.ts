// Demo data of the points time bank: a shop of the first community (a partner social organisation's goods and
// services, one item in another street's community for 通存通兑), and a few awards and one redemption so that
// volunteer1, resident1 and member1 have lively balances. Awards go through the module's own award handler.
import { sql } from 'drizzle-orm';
import { createAudit } from '../platform/audit/service';
import { systemClock, type Clock } from '../platform/clock';
import { rows, type Db } from '../platform/db';
import { createPointsService } from '../modules/points';
import { pointsItems } from '../modules/points/tables';

export async function seedPointsDemo(db: Db, clock: Clock = systemClock): Promise<void> {
  const svc = createPointsService({ db, clock, audit: createAudit(clock) });
  const communities = await rows<{ id: number; path: string }>(
    db,
    sql`select id, path from territory_nodes where kind = 'community' order by id`,
  );
  const users = await rows<{ id: number; username: string; display_name: string }>(
    db,
    sql`select id, username, display_name from users where username in ('volunteer1', 'resident1', 'member1')`,
  );
  const [org] = await rows<{ id: number }>(db, sql`select id from organisations where name = '清河邻里互助会'`);
  if (!communities[0] || !org || users.length < 3) return;
  const c1 = communities[0].id;
  const u = Object.fromEntries(users.map((x) => [x.username, x]));
  const now = clock.now();
  await db.insert(pointsItems).values([
    {
      nodeId: c1,
      organisationId: org.id,
      name: '洗衣液一瓶',
      description: '互助会爱心超市提供',
      price: 30,
      stock: 12,
      createdAt: now,
    },
    {
      nodeId: c1,
      organisationId: org.id,
      name: '理发一次',
      description: '每周三上午，社区活动室',
      price: 50,
      stock: 6,
      createdAt: now,
    },
    {
      nodeId: c1,
      organisationId: org.id,
      name: '家电小修一次',
      description: '志愿维修队上门',
      price: 80,
      stock: 3,
      createdAt: now,
    },
    ...(communities[3]
      ? [
          {
            nodeId: communities[3].id,
            organisationId: org.id,
            name: '大米一袋（5公斤）',
            description: null,
            price: 60,
            stock: 8,
            createdAt: now,
          },
        ]
      : []),
  ]);
  const award = (
    key: string,
    userId: number,
    source: 'volunteer_hours' | 'wish_fulfilled' | 'participation' | 'project_done',
    quantity: number,
    memo: string,
  ) =>
    svc.award({
      key: `demo:${key}`,
      communityId: c1,
      userId,
      source,
      quantity,
      memo,
      sourceRef: { kind: 'demo', id: 1 },
    });
  await award('v1:a', u.volunteer1!.id, 'volunteer_hours', 6, '银龄陪伴：为独居老人读报 6 小时');
  await award('v1:b', u.volunteer1!.id, 'volunteer_hours', 4.5, '社区垃圾分类引导 4.5 小时');
  await award('r1:a', u.resident1!.id, 'participation', 1, '参加楼道清扫');
  await award('r1:b', u.resident1!.id, 'volunteer_hours', 12, '社区助老志愿服务 12 小时');
  await award('r1:c', u.resident1!.id, 'participation', 1, '参加小区议事会');
  await award('m1:a', u.member1!.id, 'project_done', 1, '共建项目：楼道灯修缮完成');
  await award('m1:b', u.member1!.id, 'wish_fulfilled', 1, '微心愿：为困难家庭孩子送书包');
  const actor = {
    userId: u.member1!.id,
    username: 'member1',
    displayName: u.member1!.display_name,
    bindings: [{ id: 0, role: 'resident' as const, nodeId: c1, organisationId: null, path: communities[0].path }],
    sessionId: 'seed',
    csrfToken: 'seed',
  };
  const [item] = await rows<{ id: number }>(db, sql`select id from points_items where name = '洗衣液一瓶' limit 1`);
  await svc.redeem(
    actor,
    { actorId: u.member1!.id, actorName: u.member1!.display_name, requestId: null },
    {
      itemId: item!.id,
      clientKey: 'demo-seed-redemption',
    },
  );
}
