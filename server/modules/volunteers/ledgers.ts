// The volunteer-service ledger (志愿服务台账), declared to the platform's ledger writer: one row per person and shift
// with confirmed attendance (participants' names masked), for a community, street or district and a [from, to) range.
import type { z } from 'zod';
import type { VolunteerLedgerQuery } from '../../../contracts/volunteers';
import type { AuditContext } from '../../platform/audit/service';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { LedgerColumn, LedgerDeclaration, Ledgers } from '../../platform/ledgers';
import { maskName } from '../../platform/mask';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { volunteerPolicy } from './policy';
import { volunteerRepo } from './repo';

type Row = Record<string, string | number | null>;

const TYPE: Record<string, string> = {
  elderly_care: '助老服务',
  environment: '环境整治',
  safety_patrol: '平安巡防',
  culture: '文化活动',
  mediation: '矛盾调解',
  other: '其他',
};

const col = (header: string, key: string, width: number, named?: Record<string, string>): LedgerColumn<Row> => ({
  header,
  width,
  value: (r) => (r[key] == null ? null : named ? (named[String(r[key])] ?? r[key]) : r[key]),
});

/** A person's name, masked to the family name (张**): the ledger goes to meetings and files. */
const person = (header: string, key: string): LedgerColumn<Row> => ({
  header,
  width: 12,
  personal: 'name',
  value: (r) => (r[key] == null ? null : maskName(String(r[key]))),
});

export const VOLUNTEER_LEDGER: LedgerDeclaration = {
  module: 'volunteers',
  id: 'volunteers',
  title: '志愿服务台账',
  path: '/api/volunteers/ledger.xlsx',
  node: { param: 'nodeId', kinds: ['district', 'street', 'community'], required: true },
  period: { kind: 'range', from: 'from', to: 'to' },
  audit: { action: 'volunteer.ledger', entityKind: 'volunteer_ledger' },
  may: (actor: Actor, node?: { path: string }) =>
    node ? can(actor, volunteerPolicy, 'manage', node) : canAnywhere(actor, volunteerPolicy, 'manage'),
  sheets: [
    {
      name: '志愿服务台账',
      titleRow: true,
      columns: [
        col('活动编号', 'activity_id', 10),
        col('活动名称', 'title', 26),
        col('社区', 'community', 14),
        col('服务类型', 'activity_type', 12, TYPE),
        col('开始时间', 'starts', 18),
        col('结束时间', 'ends', 10),
        col('组织者', 'organiser', 16),
        person('参与志愿者', 'participant'),
        col('到场', 'attended', 8),
        col('服务时长（小时）', 'hours', 14),
        col('更正记录', 'corrected', 12),
      ],
    },
  ],
};

export function createVolunteerLedger(deps: { db: Db; ledgers: Pick<Ledgers, 'write'> }) {
  return {
    async export(actor: Actor, ctx: AuditContext, q: z.infer<typeof VolunteerLedgerQuery>) {
      const node = await volunteerRepo.node(deps.db, q.nodeId);
      if (!node || !can(actor, volunteerPolicy, 'manage', node)) throw new AppError('not_found');
      async function* batch(): AsyncGenerator<Row[]> {
        yield await volunteerRepo.ledgerRows(deps.db, node!.path, q.from, q.to);
      }
      return deps.ledgers.write(VOLUNTEER_LEDGER, actor, ctx, {
        node,
        period: `${q.from} 至 ${q.to}`,
        filename: `${VOLUNTEER_LEDGER.title}_${node.name}_${q.from}_${q.to}.xlsx`,
        rows: [batch()],
        audit: { entityId: `${q.nodeId}:${q.from}:${q.to}`, after: { from: q.from, to: q.to } },
      });
    },
  };
}
export type VolunteerLedger = ReturnType<typeof createVolunteerLedger>;
