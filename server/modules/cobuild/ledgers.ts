// 双报到台账, declared to the platform's ledger writer: the units reported in with their agreements, the members reported
// in (names masked), and the services done in a [from, to) day range, for a community, a street or the district.
import type { z } from 'zod';
import type { CobuildLedgerQuery } from '../../../contracts/cobuild';
import type { AuditContext } from '../../platform/audit/service';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { LedgerColumn, LedgerDeclaration, Ledgers } from '../../platform/ledgers';
import { maskName } from '../../platform/mask';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { territoryRepo } from '../territory';
import { cobuildPolicy } from './policy';
import { cobuildRepo } from './repo';

type Row = Record<string, string | number | Date | null>;
const col = (header: string, key: string, width: number): LedgerColumn<Row> => ({
  header,
  width,
  value: (r) => (r[key] as string | number | null) ?? null,
});
const activity = (header: string): LedgerColumn<Row> => ({
  header,
  width: 12,
  value: (r) => (Number(r.done) > 0 ? '已开展' : '未开展服务'),
});

export const COBUILD_LEDGER: LedgerDeclaration = {
  id: 'cobuild',
  module: 'cobuild',
  title: '双报到台账',
  path: '/api/cobuild/ledger.xlsx',
  node: { param: 'nodeId', kinds: ['district', 'street', 'community'], required: true },
  period: { kind: 'range', from: 'from', to: 'to' },
  audit: { action: 'cobuild.ledger', entityKind: 'cobuild_ledger' },
  may: (actor: Actor, node?: { path: string }) =>
    node ? can(actor, cobuildPolicy, 'manage', node) : canAnywhere(actor, cobuildPolicy, 'manage'),
  sheets: [
    {
      name: '单位报到',
      titleRow: true,
      countAs: 'units',
      columns: [
        col('单位', 'unit', 24),
        col('报到社区', 'community', 16),
        col('单位党组织', 'partyOrg', 22),
        col('协议开始', 'startsOn', 12),
        col('协议结束', 'endsOn', 12),
        col('承诺资源', 'commitments', 40),
        col('完成服务（件）', 'done', 14),
        activity('开展情况'),
      ],
    },
    {
      name: '党员报到',
      countAs: 'members',
      columns: [
        {
          header: '党员',
          width: 10,
          personal: 'name', // The account's display name carries a role prefix (党员 黄志刚): the person's name is its last word.
          value: (r: Row) => (r.name ? maskName(String(r.name).split(' ').pop()!) : null),
        },
        col('居住社区', 'community', 16),
        col('工作单位', 'unit', 22),
        col('年度', 'year', 8),
        col('年度承诺（件）', 'commitment', 14),
        col('可提供', 'offers', 36),
        col('完成服务（件）', 'done', 14),
        activity('开展情况'),
        { header: '报到时间', width: 18, time: true, value: (r: Row) => r.reportedAt as Date },
      ],
    },
    {
      name: '服务记录',
      countAs: 'services',
      columns: [
        col('项目编号', 'id', 10),
        col('服务内容', 'title', 36),
        col('社区', 'community', 16),
        col('承接方', 'owner', 22),
        col('类型', 'ownerKind', 8),
        { header: '办结时间', width: 18, time: true, value: (r: Row) => r.doneAt as Date },
        col('评价（星）', 'rating', 10),
      ],
    },
  ],
};

export function createCobuildLedger(deps: { db: Db; ledgers: Pick<Ledgers, 'write'> }) {
  return {
    /** Checks the node is the actor's to manage, then streams the ledger for it and the [from, to) range. */
    async export(actor: Actor, ctx: AuditContext, q: z.infer<typeof CobuildLedgerQuery>) {
      const node = await territoryRepo.byId(deps.db, q.nodeId);
      if (!node || !can(actor, cobuildPolicy, 'manage', { path: node.path })) throw new AppError('not_found');
      const once = async function* (get: () => Promise<Row[]>) {
        yield await get();
      };
      return deps.ledgers.write(COBUILD_LEDGER, actor, ctx, {
        node,
        period: `${q.from} 至 ${q.to}`,
        filename: `双报到台账_${node.name}_${q.from}_${q.to}.xlsx`,
        rows: [
          once(() => cobuildRepo.ledgerUnits(deps.db, node.path) as Promise<Row[]>),
          once(() => cobuildRepo.ledgerMembers(deps.db, node.path) as Promise<Row[]>),
          once(() => cobuildRepo.ledgerServices(deps.db, node.path, q.from, q.to) as Promise<Row[]>),
        ],
        audit: { entityId: `${q.nodeId}:${q.from}:${q.to}`, after: { from: q.from, to: q.to } },
      });
    },
  };
}
