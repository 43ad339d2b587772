// Demo data of property supervision and the evaluation from below: the first two estates' contracts (安居物业, 宜家物业),
// this year's property-satisfaction and community surveys with answers from other households (the demo residents'
// households left to answer), the red/black rules, a company on each list, the special fund's ledger, and the first
// community's ratings of departments. Run after seedDemo at first start and by the journeys that need it.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { COMMUNITY_DIMENSIONS, PROPERTY_DIMENSIONS } from '../../contracts/supervision';
import { systemClock, type Clock } from '../platform/clock';
import { rows, type Db } from '../platform/db';
import { createRng } from './rng';

type Node = { id: number; path: string };

export async function seedSupervisionDemo(db: Db, clock: Clock = systemClock): Promise<void> {
  const now = clock.now();
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  const rng = createRng(16);
  await db.transaction(async (tx) => {
    const companies = await rows<{ id: number; name: string; node_id: number }>(
      tx,
      sql`select id, name, node_id from organisations where kind = 'property_company' order by id limit 2`,
    );
    if (companies.length < 2) return;
    const communities = await rows<Node>(
      tx,
      sql`select id, path from territory_nodes where kind = 'community' order by id`,
    );
    const taken = await rows<{ node_id: number }>(
      tx,
      sql`select b.node_id from role_bindings b where b.role = 'resident' and b.node_id is not null`,
    );
    const residentHouseholds = new Set(taken.map((x) => x.node_id));
    for (const [i, c] of companies.entries()) {
      await tx.execute(
        sql`insert into estate_contracts (estate_node_id, company_id, owners_committee, term_start, term_end, fee_cents_per_sqm, commitments)
            values (${c.node_id}, ${c.id}, ${i === 0 ? '锦绣小区业主委员会' : '和园小区物业管理委员会'}, ${`${year - 1}-01-01`},
              ${`${year + 1}-12-31`}, ${i === 0 ? 180 : 150},
              ${JSON.stringify(['报修30分钟内响应、24小时内修复', '公共区域每日清扫两次', '门岗24小时值守'])}::jsonb)`,
      );
    }
    const first = communities[0]!;
    const households = await rows<Node>(
      tx,
      sql`select id, path from territory_nodes where kind = 'household' and path like ${first.path + '%'} order by id`,
    );
    const others = households.filter((h) => !residentHouseholds.has(h.id));
    const opensAt = `${year}-01-01T00:00:00+08:00`;
    const closesAt = `${year + 1}-01-01T00:00:00+08:00`;
    const survey = async (
      kind: string,
      title: string,
      nodeId: number,
      companyId: number | null,
      dims: readonly string[],
    ) =>
      (
        await rows<{ id: number }>(
          tx,
          sql`insert into surveys (kind, year, title, node_id, company_id, dimensions, opens_at, closes_at)
              values (${kind}, ${year}, ${title}, ${nodeId}, ${companyId}, ${JSON.stringify(dims)}::jsonb, ${opensAt}, ${closesAt})
              returning id`,
        )
      )[0]!.id;
    const answer = async (surveyId: number, householdId: number, dims: readonly string[], base: number) => {
      await tx.execute(
        sql`insert into survey_roll (survey_id, household_node_id) values (${surveyId}, ${householdId})`,
      );
      const scores = Object.fromEntries(dims.map((d) => [d, Math.max(1, Math.min(5, base + rng.int(-1, 1)))]));
      await tx.execute(
        sql`insert into survey_answers (id, survey_id, scores) values (${randomUUID()}, ${surveyId}, ${JSON.stringify(scores)}::jsonb)`,
      );
    };
    const prop = await survey(
      'property',
      `${year}年度物业服务满意度测评`,
      first.id,
      companies[0]!.id,
      PROPERTY_DIMENSIONS,
    );
    for (const h of others.slice(0, 6)) await answer(prop, h.id, PROPERTY_DIMENSIONS, 4);
    const comm = await survey('community', `${year}年度社区服务居民评议`, first.id, null, COMMUNITY_DIMENSIONS);
    for (const h of others.slice(0, 8)) await answer(comm, h.id, COMMUNITY_DIMENSIONS, 4);
    // A second community with two answers: its score is shrunk toward the mean and not ranked.
    const second = communities[1];
    if (second) {
      const hs = await rows<Node>(
        tx,
        sql`select id, path from territory_nodes where kind = 'household' and path like ${second.path + '%'} order by id limit 2`,
      );
      const s2 = await survey('community', `${year}年度社区服务居民评议`, second.id, null, COMMUNITY_DIMENSIONS);
      for (const h of hs) await answer(s2, h.id, COMMUNITY_DIMENSIONS, 5);
    }

    const rule = async (list: string, metric: string, op: string, threshold: number, months: number) =>
      (
        await rows<{ id: number }>(
          tx,
          sql`insert into list_rules (list, metric, op, threshold, months) values (${list}, ${metric}, ${op}, ${threshold}, ${months})
              returning id`,
        )
      )[0]!.id;
    const black = await rule('black', 'complaint_rate', 'above', 2000, 2);
    await rule('black', 'satisfaction', 'below', 60, 1);
    const red = await rule('red', 'satisfaction', 'above', 85, 1);
    const last = new Date(Date.UTC(year, new Date(now.getTime() + 8 * 3600_000).getUTCMonth() - 1, 1));
    const period = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
    const published = new Date(now.getTime() - 3 * 86_400_000).toISOString();
    const appealClosed = new Date(now.getTime() - 4 * 86_400_000).toISOString();
    await tx.execute(
      sql`insert into list_decisions (company_id, list, rule_id, period, reason, status, appeal_until, published_at) values
            (${companies[0]!.id}, 'red', ${red}, ${period}, ${`${year}年物业满意度 88.5 分高于85（36 户作答）`}, 'published',
             ${appealClosed}, ${published}),
            (${companies[1]!.id}, 'black', ${black}, ${period}, '万户比连续2个月高于2000（投诉集中于停车管理和电梯故障）', 'published',
             ${appealClosed}, ${published})`,
    );

    const estate = companies[0]!.node_id;
    let balance = 0;
    const entry = async (e: {
      kind: string;
      amount: number;
      fee?: number;
      share?: number;
      project?: string;
      council?: string;
      note?: string;
      on: string;
    }) => {
      balance += e.kind === 'income' ? e.amount : -e.amount;
      await tx.execute(
        sql`insert into fund_entries (estate_node_id, kind, amount_cents, balance_cents, fee_income_cents, share_percent, project,
              council_decision, note, booked_on)
            values (${estate}, ${e.kind}, ${e.amount}, ${balance}, ${e.fee ?? null}, ${e.share ?? null}, ${e.project ?? null},
              ${e.council ?? null}, ${e.note ?? null}, ${e.on})`,
      );
    };
    await entry({
      kind: 'income',
      amount: 1_800_000,
      fee: 36_000_000,
      share: 5,
      note: '上半年物业费提取',
      on: `${year}-07-05`,
    });
    await entry({
      kind: 'spending',
      amount: 1_200_000,
      project: '1号楼、2号楼屋顶防水维修',
      council: `三方共议〔${year}〕第3号`,
      note: '惠及全部住户',
      on: `${year}-08-20`,
    });
    await entry({
      kind: 'income',
      amount: 900_000,
      fee: 18_000_000,
      share: 5,
      note: '三季度物业费提取',
      on: `${year}-10-08`,
    });
    await entry({
      kind: 'spending',
      amount: 350_000,
      project: '老年活动室适老化改造',
      council: `三方共议〔${year}〕第5号`,
      on: `${year}-11-02`,
    });

    const depts = await rows<{ id: number }>(
      tx,
      sql`select id from organisations where kind in ('department', 'partner_unit') order by id limit 4`,
    );
    for (const [i, d] of depts.entries())
      await tx.execute(
        sql`insert into unit_ratings (community_node_id, organisation_id, year, score, note)
            values (${first.id}, ${d.id}, ${year}, ${[4, 5, 3, 4][i]!}, ${i === 2 ? '吹哨后报到较慢' : null})`,
      );
  });
}
