// The points ledger (积分台账), declared to the platform's ledger writer: every entry to a holder's account (a person
// or a partner merchant) in a community's movements over a [from, to) day range; persons' names masked.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PointsLedgerQuery } from '../../../contracts/points';
import type { AuditContext } from '../../platform/audit/service';
import { rows, type Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { LedgerColumn, LedgerDeclaration, Ledgers } from '../../platform/ledgers';
import { maskName } from '../../platform/mask';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { pointsPolicy } from './policy';
import { pointsRepo } from './repo';

type Row = Record<string, string | number | null>;

const KIND: Record<string, string> = {
  award: '奖励',
  grant: '参与积分',
  redeem: '兑换',
  transfer: '家庭互转',
  reversal: '冲正',
  expiry: '到期',
};
const HOLDER: Record<string, string> = { user: '个人', merchant: '商户' };

const col = (header: string, key: string, width: number, named?: Record<string, string>): LedgerColumn<Row> => ({
  header,
  width,
  value: (r) => (r[key] == null ? null : named ? (named[String(r[key])] ?? r[key]) : r[key]),
});

/** A person's name masked to the family name (张**); a merchant's name as it is. */
const holder: LedgerColumn<Row> = {
  header: '持有人',
  width: 16,
  personal: 'name',
  value: (r) => (r.holder == null ? null : r.holder_kind === 'user' ? maskName(String(r.holder)) : r.holder),
};

export const POINTS_LEDGER: LedgerDeclaration = {
  id: 'points',
  module: 'points',
  title: '积分台账',
  path: '/api/points/ledger.xlsx',
  node: { param: 'nodeId', kinds: ['district', 'street', 'community'], required: true },
  period: { kind: 'range', from: 'from', to: 'to' },
  audit: { action: 'points.ledger', entityKind: 'points_ledger' },
  may: (actor: Actor, node?: { path: string }) =>
    node ? can(actor, pointsPolicy, 'manage', node) : canAnywhere(actor, pointsPolicy, 'manage'),
  sheets: [
    {
      name: '积分台账',
      titleRow: true,
      columns: [
        col('流水号', 'movement_id', 10),
        col('时间', 'at', 18),
        col('社区', 'community', 16),
        col('类型', 'kind', 10, KIND),
        col('摘要', 'memo', 32),
        col('账户类别', 'holder_kind', 10, HOLDER),
        holder,
        col('积分', 'amount', 10),
        col('冲正流水', 'reverses_id', 10),
      ],
    },
  ],
};

export function createPointsLedgers(deps: { db: Db; ledgers: Pick<Ledgers, 'write'> }) {
  return {
    async export(actor: Actor, ctx: AuditContext, q: z.infer<typeof PointsLedgerQuery>) {
      const node = await pointsRepo.node(deps.db, q.nodeId);
      if (!node || !can(actor, pointsPolicy, 'manage', { path: node.path })) throw new AppError('not_found');
      const path = node.path;
      async function* batch(): AsyncGenerator<Row[]> {
        yield await rows<Row>(
          deps.db,
          sql`select m.id as movement_id, to_char(m.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at,
                n.name as community, m.kind, m.memo, a.kind as holder_kind,
                coalesce(u.display_name, o.name) as holder, e.amount::float8 as amount, m.reverses_id
              from points_movements m join territory_nodes n on n.id = m.node_id
                join points_entries e on e.movement_id = m.id
                join points_accounts a on a.id = e.account_id and a.kind in ('user', 'merchant')
                left join users u on u.id = a.user_id left join organisations o on o.id = a.organisation_id
              where n.path like ${path + '%'} and m.at >= ${q.from}::date and m.at < ${q.to}::date
              order by m.id, e.id`,
        );
      }
      return deps.ledgers.write(POINTS_LEDGER, actor, ctx, {
        node,
        period: `${q.from} 至 ${q.to}`,
        filename: `积分台账_${node.name}_${q.from}_${q.to}.xlsx`,
        rows: [batch()],
        audit: { entityId: `points:${q.nodeId}:${q.from}:${q.to}`, after: { from: q.from, to: q.to } },
      });
    },
  };
}
export type PointsLedgers = ReturnType<typeof createPointsLedgers>;
