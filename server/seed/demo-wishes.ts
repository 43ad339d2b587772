// Demo data of micro-wishes in the first community (清河苑社区): the party member member1 in the registry (tagged
// party_member, so they may claim), an elderly resident of grid1 without an account (grid1 posts for her), and a
// few wishes in each state, with their timelines, so the wall, the lists, the figures and the ledger have content.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../platform/db';
import { residents } from '../modules/people/tables';
import { wishEvents, wishes } from '../modules/wishes/tables';

type Node = { id: number; path: string };
const DAY = 86_400_000;

async function user(db: Db, username: string) {
  const [u] = await rows<{ id: number; display_name: string; path: string | null }>(
    db,
    sql`select u.id, u.display_name, n.path from users u join role_bindings b on b.user_id = u.id
        left join territory_nodes n on n.id = b.node_id where u.username = ${username} limit 1`,
  );
  return u!;
}

/** Run after seedDemo (and seedServiceDemo, which puts resident1 in the registry, if it runs). Idempotent per database: once. */
export async function seedWishDemo(db: Db, now = new Date()): Promise<void> {
  const [done] = await rows<{ n: number }>(db, sql`select count(*)::int as n from wishes`);
  if (done!.n > 0) return;
  const resident1 = await user(db, 'resident1');
  const member1 = await user(db, 'member1');
  const grid1 = await user(db, 'grid1');
  const volunteer1 = await user(db, 'volunteer1');
  const community1 = await user(db, 'community1');
  await db.transaction(async (tx) => {
    const [community] = await rows<Node & { name: string }>(
      tx,
      sql`select id, path, name from territory_nodes where kind = 'community' and ${resident1.path} like path || '%' limit 1`,
    );
    const [memberHome] = await rows<Node>(tx, sql`select id, path from territory_nodes where path = ${member1.path}`);
    const [elderHome] = await rows<Node>(
      tx,
      sql`select id, path from territory_nodes where kind = 'household' and path like ${grid1.path + '%'}
          and path <> ${resident1.path} and path <> ${member1.path} order by path limit 1`,
    );
    const existing = await rows<{ id: number }>(tx, sql`select id from residents where user_id = ${member1.id}`);
    if (existing.length)
      await tx.execute(
        sql`update residents set tags = array_append(tags, 'party_member') where user_id = ${member1.id}
            and not ('party_member' = any(tags))`,
      );
    else
      await tx.insert(residents).values({
        name: '黄志刚',
        namePinyin: 'huangzhigang',
        nameInitials: 'hzg',
        idKind: 'none',
        noIdReason: '演示数据',
        sex: 'male',
        birthDate: '1979-03-12',
        residenceType: 'registered',
        householdNodeId: memberHome!.id,
        nodePath: memberHome!.path,
        tags: ['party_member'],
        userId: member1.id,
      });
    const [elder] = await tx
      .insert(residents)
      .values({
        name: '王秀英',
        namePinyin: 'wangxiuying',
        nameInitials: 'wxy',
        idKind: 'none',
        noIdReason: '演示数据',
        sex: 'female',
        birthDate: '1941-08-20',
        residenceType: 'registered',
        householdNodeId: elderHome!.id,
        nodePath: elderHome!.path,
        tags: ['elderly_alone', 'elderly_80'],
      })
      .returning();
    const [r1] = await rows<{ id: number }>(tx, sql`select id from residents where user_id = ${resident1.id}`);

    type Demo = {
      who: 'resident1' | 'member1' | 'elder';
      category: string;
      text: string;
      value: number;
      status: 'pending' | 'refused' | 'open' | 'claimed' | 'delivered' | 'fulfilled';
      daysAgo: number;
      claimer?: typeof volunteer1;
      reason?: string;
      fulfilDays?: number;
    };
    const demo: Demo[] = [
      {
        who: 'resident1',
        category: 'daily_goods',
        text: '想要一个带靠背的淋浴椅，洗澡更安全',
        value: 120,
        status: 'pending',
        daysAgo: 1,
      },
      {
        who: 'member1',
        category: 'other',
        text: '希望有人帮忙买一台新手机',
        value: 1500,
        status: 'refused',
        daysAgo: 9,
        reason: '超出微心愿范围，建议申请临时救助',
      },
      {
        who: 'elder',
        category: 'companionship',
        text: '希望每周有人陪我聊聊天、读读报',
        value: 0,
        status: 'open',
        daysAgo: 4,
      },
      {
        who: 'resident1',
        category: 'study',
        text: '给上小学的孙子买一套课外读物',
        value: 80,
        status: 'open',
        daysAgo: 3,
      },
      {
        who: 'elder',
        category: 'repair',
        text: '厨房水龙头一直滴水，想请人修一下',
        value: 50,
        status: 'claimed',
        daysAgo: 6,
        claimer: volunteer1,
      },
      {
        who: 'resident1',
        category: 'health',
        text: '想要一台电子血压计，方便在家测量',
        value: 150,
        status: 'delivered',
        daysAgo: 8,
        claimer: member1,
      },
      {
        who: 'elder',
        category: 'daily_goods',
        text: '冬天到了，想要一床厚棉被',
        value: 180,
        status: 'fulfilled',
        daysAgo: 20,
        claimer: volunteer1,
        fulfilDays: 5,
      },
      {
        who: 'resident1',
        category: 'daily_goods',
        text: '希望有一个助行器，下楼买菜更方便',
        value: 160,
        status: 'fulfilled',
        daysAgo: 30,
        claimer: member1,
        fulfilDays: 9,
      },
    ];
    for (const d of demo) {
      const created = new Date(now.getTime() - d.daysAgo * DAY);
      const decided = new Date(created.getTime() + DAY / 2);
      const claimed = d.claimer ? new Date(decided.getTime() + DAY) : null;
      const fulfilled = d.fulfilDays ? new Date(created.getTime() + d.fulfilDays * DAY) : null;
      const delivered =
        d.status === 'delivered'
          ? new Date(now.getTime() - DAY / 2)
          : fulfilled
            ? new Date(fulfilled.getTime() - DAY / 4)
            : null;
      const who =
        d.who === 'elder'
          ? { residentId: elder!.id, userId: null, name: '王秀英', path: elderHome!.path, by: grid1 }
          : d.who === 'member1'
            ? { residentId: null, userId: member1.id, name: '黄志刚', path: member1.path!, by: member1 }
            : { residentId: r1?.id ?? null, userId: resident1.id, name: '陈晨', path: resident1.path!, by: resident1 };
      const [w] = await tx
        .insert(wishes)
        .values({
          nodeId: community!.id,
          nodePath: who.path,
          residentId: who.residentId,
          residentUserId: who.userId,
          residentName: who.name,
          postedByUserId: who.by.id,
          postedByName: who.by.display_name,
          onBehalf: d.who === 'elder',
          category: d.category,
          text: d.text,
          value: d.value,
          status: d.status,
          refuseReason: d.reason ?? null,
          decidedAt: d.status === 'pending' ? null : decided,
          approvedAt: ['pending', 'refused'].includes(d.status) ? null : decided,
          claimerUserId: d.claimer?.id ?? null,
          claimerName: d.claimer?.display_name ?? null,
          claimedAt: claimed,
          firstClaimedAt: claimed,
          leaseUntil: d.status === 'claimed' ? new Date(claimed!.getTime() + 7 * DAY) : null,
          deliveredAt: delivered,
          deliveryNote: delivered ? '已送到家中' : null,
          fulfilledAt: fulfilled,
          confirmedByUserId: fulfilled ? (who.userId ?? grid1.id) : null,
          createdAt: created,
          updatedAt: fulfilled ?? delivered ?? claimed ?? decided,
        })
        .returning();
      const ev = (
        at: Date,
        actor: { id: number; display_name: string } | null,
        action: string,
        from: string | null,
        to: string,
        note: string | null = null,
      ) => ({
        wishId: w!.id,
        at,
        actorId: actor?.id ?? null,
        actorName: actor?.display_name ?? null,
        action,
        fromStatus: from,
        toStatus: to,
        note,
      });
      const events = [ev(created, who.by, d.who === 'elder' ? 'post_for' : 'post', 'pending', 'pending')];
      if (d.status === 'refused') events.push(ev(decided, community1, 'refuse', 'pending', 'refused', d.reason));
      else if (d.status !== 'pending') events.push(ev(decided, community1, 'approve', 'pending', 'open'));
      if (claimed) events.push(ev(claimed, d.claimer!, 'claim', 'open', 'claimed'));
      if (delivered) events.push(ev(delivered, d.claimer!, 'deliver', 'claimed', 'delivered', '已送到家中'));
      if (fulfilled) events.push(ev(fulfilled, who.userId ? who.by : grid1, 'confirm', 'delivered', 'fulfilled'));
      await tx.insert(wishEvents).values(events);
    }
  });
}
