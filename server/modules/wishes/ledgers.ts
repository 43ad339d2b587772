// The micro-wish ledger (微心愿台账), declared to the platform's ledger writer: one row per wish posted under a node in
// [from, to), residents' and claimers' names masked, free text with numbers masked; a second sheet of the figures.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { WishFiguresQuery } from '../../../contracts/wishes';
import type { AuditContext } from '../../platform/audit/service';
import { rows, type Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { LedgerColumn, LedgerDeclaration, Ledgers } from '../../platform/ledgers';
import { maskName } from '../../platform/mask';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { figuresQuery } from './measures';
import { wishPolicy } from './policy';
import { wishRepo } from './repo';

type Row = Record<string, string | number | null>;

export const CATEGORY_ZH: Record<string, string> = {
  daily_goods: '生活用品',
  study: '学习用品',
  repair: '维修帮办',
  companionship: '陪伴关爱',
  health: '健康护理',
  other: '其他',
};
const STATUS_ZH: Record<string, string> = {
  pending: '待审核',
  refused: '未通过',
  open: '待认领',
  claimed: '已认领',
  delivered: '已送达待确认',
  fulfilled: '已实现',
};

const col = (header: string, key: string, width: number, named?: Record<string, string>): LedgerColumn<Row> => ({
  header,
  width,
  value: (r) => (r[key] == null ? null : named ? (named[String(r[key])] ?? r[key]) : r[key]),
});
const person = (header: string, key: string): LedgerColumn<Row> => ({
  header,
  width: 12,
  personal: 'name',
  value: (r) => (r[key] == null ? null : maskName(String(r[key]).trim().split(/\s+/).pop()!)),
});

/** The wish's words, with any phone, ID or card number typed into them masked. */
const wishText: LedgerColumn<Row> = {
  header: '心愿内容',
  width: 36,
  personal: 'text',
  value: (r) => (r.text == null ? null : String(r.text)),
};

export const WISH_LEDGER: LedgerDeclaration = {
  id: 'wishes',
  module: 'wishes',
  title: '微心愿台账',
  path: '/api/wishes/ledger.xlsx',
  node: { param: 'nodeId', kinds: ['district', 'street', 'community'], required: true },
  period: { kind: 'range', from: 'from', to: 'to' },
  audit: { action: 'wish.ledger', entityKind: 'wish_ledger' },
  may: (actor, node) => (node ? can(actor, wishPolicy, 'measure', node) : canAnywhere(actor, wishPolicy, 'measure')),
  sheets: [
    {
      name: '微心愿台账',
      titleRow: true,
      columns: [
        col('编号', 'id', 8),
        col('社区', 'community', 16),
        col('发布时间', 'created', 18),
        col('类别', 'category', 12, CATEGORY_ZH),
        wishText,
        col('价值（元）', 'value', 10),
        person('心愿人', 'resident'),
        col('代为发布', 'on_behalf', 10),
        col('状态', 'status', 12, STATUS_ZH),
        person('认领人', 'claimer'),
        col('认领时间', 'claimed', 18),
        col('送达时间', 'delivered', 18),
        col('确认实现时间', 'fulfilled', 18),
        col('用时（天）', 'days', 10),
      ],
    },
    {
      name: '统计',
      countAs: 'figures',
      columns: [
        col('发布', 'posted', 10),
        col('通过审核', 'approved', 10),
        col('被认领', 'claimed', 10),
        col('已实现', 'fulfilled', 10),
        col('实现用时中位数（天）', 'median', 20),
      ],
    },
  ],
};

const at = (c: string) => sql.raw(`to_char(w.${c} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`);

export function createWishLedgers(deps: { db: Db; ledgers: Pick<Ledgers, 'write'> }) {
  return {
    async export(actor: Actor, ctx: AuditContext, q: z.infer<typeof WishFiguresQuery>) {
      const node = await wishRepo.node(deps.db, q.nodeId);
      if (!node || !can(actor, wishPolicy, 'measure', { path: node.path })) throw new AppError('not_found');
      const p = { path: node.path, from: q.from, to: q.to };
      async function* list(): AsyncGenerator<Row[]> {
        yield await rows<Row>(
          deps.db,
          sql`select w.id, n.name as community, ${at('created_at')} as created, w.category, w.text, w.value,
                w.resident_name as resident, case when w.on_behalf then '是' else '否' end as on_behalf, w.status,
                w.claimer_name as claimer, ${at('claimed_at')} as claimed, ${at('delivered_at')} as delivered,
                ${at('fulfilled_at')} as fulfilled,
                round((extract(epoch from w.fulfilled_at - w.created_at) / 86400)::numeric, 1)::float8 as days
              from wishes w join territory_nodes n on n.id = w.node_id
              where w.node_path like ${p.path + '%'}
                and w.created_at >= (${p.from}::date)::timestamp at time zone 'Asia/Shanghai'
                and w.created_at < (${p.to}::date)::timestamp at time zone 'Asia/Shanghai'
              order by w.id`,
        );
      }
      async function* figures(): AsyncGenerator<Row[]> {
        const r = await rows<Row>(deps.db, figuresQuery(p));
        yield r.map((x) => ({ ...x, median: x.median == null ? null : Math.round(Number(x.median) * 10) / 10 }));
      }
      return deps.ledgers.write(WISH_LEDGER, actor, ctx, {
        node,
        period: `${q.from} 至 ${q.to}`,
        filename: `${WISH_LEDGER.title}_${node.name}_${q.from}_${q.to}.xlsx`,
        rows: [list(), figures()],
        audit: { entityId: `${q.nodeId}:${q.from}:${q.to}`, after: { from: q.from, to: q.to } },
      });
    },
  };
}
export type WishLedgers = ReturnType<typeof createWishLedgers>;
