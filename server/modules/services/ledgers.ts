// The service ledger (服务台账) and the proxy-errand ledger (红色代办台账), declared to the platform's ledger writer: their
// columns (applicants' and hand-over parties' names masked), the query for a community and a [from, to) day range.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ServiceLedgerQuery } from '../../../contracts/services';
import type { AuditContext } from '../../platform/audit/service';
import { rows, type Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { LedgerColumn, LedgerDeclaration, Ledgers } from '../../platform/ledgers';
import { maskName } from '../../platform/mask';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { servicePolicy } from './policy';
import { serviceRepo } from './repo';

type Row = Record<string, string | number | null>;
type Kind = 'service' | 'proxy';

const STATUS: Record<string, string> = {
  submitted: '已提交',
  needs_material: '待补充材料',
  handling: '办理中',
  forwarded: '已转部门',
  approved: '通过',
  refused: '不予办理',
  issued: '已出证',
};
const CHANNEL: Record<string, string> = { hall: '窗口', door: '上门', online: '网上', proxy: '代办' };
const STEP: Record<string, string> = { received: '收取材料', handed_over: '递交部门', returned: '送还居民' };

const col = (header: string, key: string, width: number, named?: Record<string, string>): LedgerColumn<Row> => ({
  header,
  width,
  value: (r) => (r[key] == null ? null : named ? (named[String(r[key])] ?? r[key]) : r[key]),
});
/** A person's name, masked to the family name (张**): these ledgers go to meetings and files. */
const person = (header: string, key: string): LedgerColumn<Row> => ({
  header,
  width: 10,
  personal: 'name',
  value: (r) => (r[key] == null ? null : maskName(String(r[key]))),
});

/** Who took the application: staff by name; a resident who applied online as '居民 张*'. */
const taker = (header: string, key: string): LedgerColumn<Row> => ({
  header,
  width: 16,
  personal: 'name',
  value: (r) => {
    const v = r[key] == null ? null : String(r[key]);
    return v?.startsWith('居民 ') ? `居民 ${maskName(v.slice(3))}` : v;
  },
});

const QUERIES: Record<Kind, (p: { path: string; from: string; to: string }) => ReturnType<typeof sql>> = {
  service: ({ path, from, to }) => sql`
    select a.number, to_char(a.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as created,
      coalesce(i.name, a.item_code) as item, a.applicant_name as applicant, a.channel, a.submitted_by_name as submitted_by,
      a.status, o.name as organisation, to_char(a.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as closed,
      case when a.closed_on_time then '是' when a.closed_on_time = false then '否' end as on_time, a.rating
    from service_applications a left join service_items i on i.code = a.item_code
      left join organisations o on o.id = a.organisation_id
    where a.node_path like ${path + '%'} and a.created_at >= ${from}::date and a.created_at < ${to}::date
    order by a.id`,
  proxy: ({ path, from, to }) => sql`
    select a.number, coalesce(i.name, a.item_code) as item, a.applicant_name as applicant,
      to_char(e.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, e.data->>'step' as step,
      e.data->>'party' as party, e.actor_name as actor,
      case when e.data->>'signatureFileId' is not null then '有' else '无' end as signed
    from service_events e join service_applications a on a.id = e.application_id
      left join service_items i on i.code = a.item_code
    where e.action = 'custody' and a.node_path like ${path + '%'}
      and e.at >= ${from}::date and e.at < ${to}::date
    order by e.id`,
};

const may = (actor: Actor, node?: { path: string }) =>
  node ? can(actor, servicePolicy, 'measure', node) : canAnywhere(actor, servicePolicy, 'measure');
const common: Omit<LedgerDeclaration, 'id' | 'title' | 'path' | 'sheets'> = {
  module: 'services',
  node: { param: 'nodeId', kinds: ['district', 'street', 'community'], required: true },
  period: { kind: 'range', from: 'from', to: 'to' },
  audit: { action: 'service.ledger', entityKind: 'service_ledger' },
  may,
};

/** The two ledgers as GET /api/ledgers lists them and the writer writes them. */
export const SERVICE_LEDGERS: Record<Kind, LedgerDeclaration> = {
  service: {
    ...common,
    id: 'services',
    title: '服务台账',
    path: '/api/services/ledger/service.xlsx',
    sheets: [
      {
        name: '服务台账',
        titleRow: true,
        columns: [
          col('申请编号', 'number', 22),
          col('受理时间', 'created', 18),
          col('服务事项', 'item', 24),
          person('申请人', 'applicant'),
          col('办理方式', 'channel', 10, CHANNEL),
          taker('受理人', 'submitted_by'),
          col('状态', 'status', 12, STATUS),
          col('转办部门', 'organisation', 22),
          col('办结时间', 'closed', 18),
          col('是否按时', 'on_time', 10),
          col('满意度（星）', 'rating', 12),
        ],
      },
    ],
  },
  proxy: {
    ...common,
    id: 'services-proxy',
    title: '红色代办台账',
    path: '/api/services/ledger/proxy.xlsx',
    sheets: [
      {
        name: '红色代办台账',
        titleRow: true,
        columns: [
          col('申请编号', 'number', 22),
          col('代办事项', 'item', 24),
          person('委托人', 'applicant'),
          col('时间', 'at', 18),
          col('环节', 'step', 12, STEP),
          person('交接对象', 'party'),
          taker('代办员', 'actor'),
          col('签字/照片', 'signed', 10),
        ],
      },
    ],
  },
};

export function createServiceLedgers(deps: { db: Db; ledgers: Pick<Ledgers, 'write'> }) {
  return {
    /** Checks the node is the actor's to measure, then streams the ledger for it and the [from, to) day range. */
    async export(actor: Actor, ctx: AuditContext, kind: Kind, q: z.infer<typeof ServiceLedgerQuery>) {
      const node = await serviceRepo.node(deps.db, q.nodeId);
      if (!node || !can(actor, servicePolicy, 'measure', { path: node.path })) throw new AppError('not_found');
      const d = SERVICE_LEDGERS[kind];
      async function* batch(): AsyncGenerator<Row[]> {
        yield await rows<Row>(deps.db, QUERIES[kind]({ path: node!.path, from: q.from, to: q.to }));
      }
      return deps.ledgers.write(d, actor, ctx, {
        node,
        period: `${q.from} 至 ${q.to}`,
        filename: `${d.title}_${node.name}_${q.from}_${q.to}.xlsx`,
        rows: [batch()],
        audit: { entityId: `${kind}:${q.nodeId}:${q.from}:${q.to}`, after: { from: q.from, to: q.to } },
      });
    },
  };
}
export type ServiceLedgers = ReturnType<typeof createServiceLedgers>;
