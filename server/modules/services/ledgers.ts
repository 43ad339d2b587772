// The service ledger (服务台账) and the proxy-errand ledger (红色代办台账): each a declaration (title, columns, which are
// personal and how they are masked, the query for a node and period) and a minimal exceljs writer. The shared ledger
// writer in server/platform/ledgers is being built at the same time; at merge the declarations move onto it.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { LedgerQuery } from '../../../contracts/services';
import type { Audit, AuditContext } from '../../platform/audit/service';
import { rows, type Db, type Exec } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { maskName } from '../../platform/mask';
import { can, type Actor } from '../../platform/policy';
import { servicePolicy } from './policy';
import { serviceRepo } from './repo';

type Cell = string | number | null;
export type LedgerDeclaration = {
  title: string;
  columns: { key: string; header: string; width: number; mask?: (v: string) => string }[];
  query: (p: { path: string; from: string; to: string }) => ReturnType<typeof sql>;
};

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

export const SERVICE_LEDGERS: Record<'service' | 'proxy', LedgerDeclaration> = {
  service: {
    title: '服务台账',
    columns: [
      { key: 'number', header: '申请编号', width: 22 },
      { key: 'created', header: '受理时间', width: 18 },
      { key: 'item', header: '服务事项', width: 24 },
      { key: 'applicant', header: '申请人', width: 10, mask: maskName },
      { key: 'channel', header: '办理方式', width: 10 },
      { key: 'submitted_by', header: '受理人', width: 16 },
      { key: 'status', header: '状态', width: 12 },
      { key: 'organisation', header: '转办部门', width: 22 },
      { key: 'closed', header: '办结时间', width: 18 },
      { key: 'on_time', header: '是否按时', width: 10 },
      { key: 'rating', header: '满意度（星）', width: 12 },
    ],
    query: ({ path, from, to }) => sql`
      select a.number, to_char(a.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as created,
        coalesce(i.name, a.item_code) as item, a.applicant_name as applicant, a.channel, a.submitted_by_name as submitted_by,
        a.status, o.name as organisation, to_char(a.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as closed,
        case when a.closed_on_time then '是' when a.closed_on_time = false then '否' end as on_time, a.rating
      from service_applications a left join service_items i on i.code = a.item_code
        left join organisations o on o.id = a.organisation_id
      where a.node_path like ${path + '%'} and a.created_at >= ${from}::date and a.created_at < ${to}::date + 1
      order by a.id`,
  },
  proxy: {
    title: '红色代办台账',
    columns: [
      { key: 'number', header: '申请编号', width: 22 },
      { key: 'item', header: '代办事项', width: 24 },
      { key: 'applicant', header: '委托人', width: 10, mask: maskName },
      { key: 'at', header: '时间', width: 18 },
      { key: 'step', header: '环节', width: 12 },
      { key: 'party', header: '交接对象', width: 16, mask: maskName },
      { key: 'actor', header: '代办员', width: 16 },
      { key: 'signed', header: '签字/照片', width: 10 },
    ],
    query: ({ path, from, to }) => sql`
      select a.number, coalesce(i.name, a.item_code) as item, a.applicant_name as applicant,
        to_char(e.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, e.data->>'step' as step,
        e.data->>'party' as party, e.actor_name as actor,
        case when e.data->>'signatureFileId' is not null then '有' else '无' end as signed
      from service_events e join service_applications a on a.id = e.application_id
        left join service_items i on i.code = a.item_code
      where e.action = 'custody' and a.node_path like ${path + '%'}
        and e.at >= ${from}::date and e.at < ${to}::date + 1
      order by e.id`,
  },
};

function display(key: string, v: Cell): Cell {
  if (v == null) return null;
  if (key === 'status') return STATUS[String(v)] ?? v;
  if (key === 'channel') return CHANNEL[String(v)] ?? v;
  if (key === 'step') return STEP[String(v)] ?? v;
  return v;
}

/** Rows of a declaration written to a workbook (streamed into a buffer), personal columns masked. */
export async function writeLedger(
  exec: Exec,
  d: LedgerDeclaration,
  p: { path: string; from: string; to: string; nodeName: string },
) {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(d.title);
  sheet.columns = d.columns.map((c) => ({ key: c.key, width: c.width }));
  sheet.addRow([`${p.nodeName} ${d.title}（${p.from} 至 ${p.to}）`]).commit();
  sheet.addRow(d.columns.map((c) => c.header)).commit();
  for (const r of await rows<Record<string, Cell>>(exec, d.query(p))) {
    sheet
      .addRow(
        d.columns.map((c) => {
          const v = display(c.key, r[c.key] ?? null);
          return c.mask && typeof v === 'string' ? c.mask(v) : v;
        }),
      )
      .commit();
  }
  await book.commit();
  return Buffer.concat(chunks);
}

export function createServiceLedgers(deps: { db: Db; audit: Audit }) {
  return {
    async export(actor: Actor, ctx: AuditContext, q: z.infer<typeof LedgerQuery>) {
      const node = await serviceRepo.node(deps.db, q.nodeId);
      if (!node || !can(actor, servicePolicy, 'measure', { path: node.path })) throw new AppError('not_found');
      const d = SERVICE_LEDGERS[q.kind];
      const data = await writeLedger(deps.db, d, { path: node.path, from: q.from, to: q.to, nodeName: node.name });
      await deps.audit.record(deps.db, ctx, {
        action: 'service.ledger',
        entityKind: 'service_ledger',
        entityId: `${q.kind}:${q.nodeId}:${q.from}:${q.to}`,
        nodeId: q.nodeId,
      });
      return { filename: `${d.title}_${node.name}_${q.from}_${q.to}.xlsx`, data };
    },
  };
}
export type ServiceLedgers = ReturnType<typeof createServiceLedgers>;
