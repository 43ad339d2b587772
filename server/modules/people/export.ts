// Export of the current resident list filter as a streamed, masked workbook, audited with the row count.
import { PassThrough } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import type { z } from 'zod';
import { ID_KIND_ZH, RESIDENCE_TYPE_ZH, type ResidentQuery } from '../../../contracts/people';
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import { maskIdNumber } from '../../platform/crypto';
import { canAnywhere, type Actor } from '../../platform/policy';
import { peoplePolicy } from './policy';
import { householdLabel } from './label';
import { residentDto } from './record';
import { residentRepo, tagRepo } from './repo';
import { listConditions, type PeopleDeps } from './service';
import { writeWorkbook } from './workbook';

export const EXPORT_HEADERS = [
  '姓名',
  '身份证号',
  '性别',
  '出生日期',
  '联系电话',
  '居住类型',
  '户',
  '迁入日期',
  '迁出日期',
  '标签',
  '证件类型',
  '迁往',
  '关怀等级',
];
const CARE_ZH: Record<string, string> = { red: '红', yellow: '黄', blue: '蓝' };
/** The search term as audited: a searched ID or phone number is stored masked, never in the clear. */
const searchTerm = (q: string | undefined) =>
  q && /\d{5,}/.test(q) ? maskIdNumber(q.replace(/\s+/g, '')) : (q ?? null);
type Filter = Omit<z.infer<typeof ResidentQuery>, 'cursor' | 'limit'>;

export function createExporter(deps: PeopleDeps, opts: { batchSize?: number } = {}) {
  const { db, clock, audit, crypto } = deps;
  const batchSize = opts.batchSize ?? 500;

  /** Checks the right to export, then returns the workbook as a stream that fills while it is read. */
  async function exportList(actor: Actor, ctx: AuditContext, q: Filter) {
    if (!canAnywhere(actor, peoplePolicy, 'export')) throw new AppError('forbidden');
    const { where } = listConditions(crypto, actor, 'export', q);
    const tagName = new Map((await tagRepo.list(db)).map((t) => [t.code, t.name]));
    let count = 0;
    // `list` fetches limit + 1 rows (for page cursors); asking for batchSize - 1 gives batches of batchSize. The first
    // batch is read before answering, so a failing query is a clean error response rather than a cut-off download.
    const batchAfter = (afterId: number | null) => residentRepo.list(db, where, { afterId, limit: batchSize - 1 });
    const first = await batchAfter(null);
    async function* rows() {
      for (let afterId: number | null = null; ;) {
        const batch: typeof first = afterId === null ? first : await batchAfter(afterId);
        for (const r of batch) {
          const d = residentDto(crypto, r);
          count++;
          yield [
            d.name,
            d.idNumberMasked,
            d.sex === 'male' ? '男' : '女',
            d.birthDate,
            d.phoneMasked,
            RESIDENCE_TYPE_ZH[d.residenceType],
            householdLabel(r),
            d.movedInOn,
            d.movedOutOn,
            d.tags.map((t) => tagName.get(t) ?? t).join('、'),
            ID_KIND_ZH[d.idKind],
            d.movedOutTo,
            d.care ? CARE_ZH[d.care.level]! : null,
          ];
        }
        if (batch.length < batchSize) break;
        afterId = batch[batch.length - 1]!.id;
        await setImmediate();
      }
      // Recorded before the workbook is finished: a download whose audit entry failed never becomes a complete file.
      await audit.record(db, ctx, {
        action: 'resident.export',
        entityKind: 'resident',
        entityId: 'list',
        after: { rows: count, filter: { ...q, q: searchTerm(q.q) } },
      });
    }
    const out = new PassThrough();
    writeWorkbook(out, '居民', EXPORT_HEADERS, rows()).catch((err: unknown) =>
      out.destroy(err instanceof Error ? err : new Error(String(err))),
    );
    return { filename: `居民名单_${clock.now().toISOString().slice(0, 10)}.xlsx`, stream: out };
  }
  return { exportList };
}
export type Exporter = ReturnType<typeof createExporter>;
