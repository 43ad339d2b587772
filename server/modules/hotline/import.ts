// Upload of the hotline's Excel/CSV export: an explained preview kept under an import id, then a commit in one
// transaction per batch of 500 rows; numbers already on record are skipped, so importing a file twice adds nothing.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HotlineField } from '../../../contracts/hotline';
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import {
  commitInBatches,
  ownPreview,
  previewRows,
  zodIssues,
  type Checked,
  type RowIssue,
} from '../../platform/imports';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { parseChinaTime, PHONE, toNewOrder } from './fields';
import type { HotlineDeps, NewOrder, OrderPipeline, Placement } from './orders';
import { hotlinePolicy } from './policy';
import { categoryMapRepo, importRepo, orderRepo } from './repo';
import { hotlineTemplate, readHotlineRows, type SheetRow } from './workbook';

export const MAX_IMPORT_ROWS = 20_000;
const BATCH = 500;
type Issue = RowIssue;
type Good = {
  row: number;
  order: Omit<NewOrder, 'calledAt' | 'hotlineDeadline'> & { calledAt: string; hotlineDeadline: string | null };
  place: Placement;
};

/** The free-text columns' rules, in the order a row's problems are listed. */
const ORDER_TEXT = z.object({
  诉求内容: z.string().min(1, '诉求内容不能为空').max(2000, '诉求内容不能超过2000字'),
  地址: z.string().min(1, '地址不能为空'),
  联系电话: z.string().refine((p) => !p || PHONE.test(p), '电话号码格式不正确'),
  诉求人: z.string().max(50, '诉求人不能超过50个字'),
});

/** The area an operator's unplaced orders wait in: their first operating binding. */
export function operatorPath(actor: Actor): string {
  const b = actor.bindings.find((x) => x.role === 'district_admin' || x.role === 'street_officer');
  if (!b?.path) throw new AppError('forbidden');
  return b.path;
}

export function createHotlineImporter(deps: HotlineDeps, pipeline: OrderPipeline) {
  const { db, clock, audit, crypto } = deps;

  /** Reads and checks every row; nothing is stored but the preview. */
  async function preview(actor: Actor, file: Buffer, fileName: string | null) {
    if (!canAnywhere(actor, hotlinePolicy, 'operate')) throw new AppError('forbidden');
    const { book, categoryOf } = await pipeline.placer(db);
    const firstRow = new Map<string, number>();
    function checkRow(r: SheetRow): Checked<Good> {
      const issues: Issue[] = [];
      const bad = (field: HotlineField, reason: string) => issues.push({ row: r.row, field, reason });
      for (const f of r.formulas) bad(f, '不接受公式，请填写数值本身');
      const get = (f: HotlineField) => r.text[f] ?? '';
      const no = get('工单编号');
      if (!no && !r.formulas.includes('工单编号')) bad('工单编号', '工单编号不能为空');
      else if (no.length > 64) bad('工单编号', '工单编号不能超过64个字符');
      else if (firstRow.has(no)) bad('工单编号', `与第 ${firstRow.get(no)} 行的工单编号重复`);
      const calledAt = r.when['来电时间'] ? parseChinaTime(r.when['来电时间']) : parseChinaTime(get('来电时间'));
      if (!calledAt)
        bad(
          '来电时间',
          get('来电时间') ? `时间 ${get('来电时间')} 无法识别，格式应为 YYYY-MM-DD HH:mm` : '来电时间不能为空',
        );
      else if (calledAt > clock.now()) bad('来电时间', '来电时间不能晚于现在');
      const deadlineText = get('办理时限');
      const deadline = r.when['办理时限']
        ? parseChinaTime(r.when['办理时限'])
        : deadlineText
          ? parseChinaTime(deadlineText)
          : null;
      if (deadlineText && !deadline) bad('办理时限', `时间 ${deadlineText} 无法识别，格式应为 YYYY-MM-DD HH:mm`);
      const content = get('诉求内容');
      const address = get('地址');
      const phone = get('联系电话');
      issues.push(
        ...zodIssues(ORDER_TEXT, r.row, { 诉求内容: content, 地址: address, 联系电话: phone, 诉求人: get('诉求人') }),
      );
      const type = get('诉求类型');
      const categoryCode = type ? categoryOf(type) : null;
      if (!type) bad('诉求类型', '诉求类型不能为空');
      else if (!categoryCode) bad('诉求类型', `未知的诉求类型：${type}（请在类型对照表中添加）`);
      const match = address ? book.match(address) : null;
      if (match && !can(actor, hotlinePolicy, 'operate', { path: match.nodePath }))
        bad('地址', `地址属于 ${match.name}，不在您的管辖范围内`);
      if (no && !firstRow.has(no)) firstRow.set(no, r.row);
      if (issues.length || !calledAt) return { issues, good: null };
      const order = toNewOrder({
        orderNo: no,
        calledAt,
        callerName: get('诉求人'),
        callerPhone: phone,
        content,
        address,
        requestType: type,
        hotlineDeadline: deadline,
        handlerUnit: get('承办单位'),
      });
      // The preview is stored until commit: the caller's phone waits there sealed, never in the clear.
      return {
        issues,
        good: {
          row: r.row,
          order: {
            ...order,
            callerPhone: order.callerPhone && crypto.encrypt('phone', order.callerPhone),
            calledAt: calledAt.toISOString(),
            hotlineDeadline: deadline?.toISOString() ?? null,
          },
          place: { categoryCode, nodeId: match?.nodeId ?? null, nodePath: match?.nodePath ?? null },
        },
      };
    }

    const {
      totalRows: total,
      good,
      issues: errors,
    } = await previewRows(
      readHotlineRows(file),
      { maxRows: MAX_IMPORT_ROWS, requireRows: true },
      { check: (r) => checkRow(r) },
    );

    const known = await orderRepo.knownNumbers(
      db,
      good.map((g) => g.order.orderNo),
    );
    const unmatched = good.filter((g) => !known.has(g.order.orderNo) && g.place.nodeId == null).length;
    const id = randomUUID();
    await importRepo.insert(db, {
      id,
      createdBy: actor.userId,
      fileName,
      rows: good,
      errors,
      totalRows: total,
      knownRows: known.size,
      unmatchedRows: unmatched,
      createdAt: clock.now(),
    });
    return {
      id,
      totalRows: total,
      goodRows: good.length,
      knownRows: known.size,
      unmatchedRows: unmatched,
      errors,
      committedRows: 0,
      committed: false,
    };
  }

  const stored = async (actor: Actor, id: string) => ownPreview(await importRepo.get(db, id), actor.userId);

  /** Saves the good rows batch by batch; a commit that stopped half way can simply be run again. */
  async function commit(actor: Actor, ctx: AuditContext, importId: string) {
    const imp = await stored(actor, importId);
    const rows = imp.rows as Good[];
    const scopePath = operatorPath(actor);
    const counts = await commitInBatches({
      db,
      rows,
      batchSize: BATCH,
      // The import's id is its key: batches an earlier, interrupted commit saved are not sent again.
      resumeFrom: imp.committedRows,
      zero: { orders: 0, cases: 0, pending: 0 },
      async write(tx, batch) {
        // Re-checked at commit: the operator's scope may have changed since the preview.
        for (const g of batch)
          if (g.place.nodePath && !can(actor, hotlinePolicy, 'operate', { path: g.place.nodePath }))
            throw new AppError('forbidden', [{ path: `row ${g.row}`, message: '不在您的管辖范围内' }]);
        const items = batch.map((g) => ({
          order: {
            ...g.order,
            callerPhone: g.order.callerPhone && crypto.decrypt('phone', g.order.callerPhone),
            calledAt: new Date(g.order.calledAt),
            hotlineDeadline: g.order.hotlineDeadline ? new Date(g.order.hotlineDeadline) : null,
          },
          place: g.place,
        }));
        const r = await pipeline.receive(tx, items, 'import', scopePath, ctx);
        return { orders: r.inserted.length, cases: r.cases, pending: r.pending };
      },
      progress: (tx, n) => importRepo.progress(tx, importId, n),
      finish: (tx) => importRepo.markCommitted(tx, importId, clock.now()),
      audit: (tx, c) =>
        audit.record(tx, ctx, {
          action: 'hotline.import',
          entityKind: 'hotline_import',
          entityId: importId,
          after: { id: importId, ...c, skipped: rows.length - c.orders, rows: rows.length, fileName: imp.fileName },
        }),
    });
    const result = { id: importId, ...counts, skipped: rows.length - counts.orders };
    return result;
  }

  return {
    preview,
    commit,
    /** The template, its notes listing the request types the mapping table knows today. */
    template: async () => hotlineTemplate((await categoryMapRepo.list(db)).map((m) => m.hotlineType)),
    async get(actor: Actor, id: string) {
      const imp = await stored(actor, id);
      return {
        id,
        totalRows: imp.totalRows,
        goodRows: (imp.rows as unknown[]).length,
        knownRows: imp.knownRows,
        unmatchedRows: imp.unmatchedRows,
        errors: imp.errors as Issue[],
        committedRows: imp.committedRows,
        committed: imp.committedAt != null,
      };
    },
  };
}
export type HotlineImporter = ReturnType<typeof createHotlineImporter>;
