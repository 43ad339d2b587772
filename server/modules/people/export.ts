// Export of the current resident list filter, declared to the platform's ledger writer: streamed, masked, audited with the row count.
import type { z } from 'zod';
import { ID_KIND_ZH, RESIDENCE_TYPE_ZH, type Resident, type ResidentQuery } from '../../../contracts/people';
import type { AuditContext } from '../../platform/audit/service';
import { AppError } from '../../platform/errors';
import { maskIdNumber } from '../../platform/crypto';
import type { LedgerColumn, LedgerDeclaration, Ledgers } from '../../platform/ledgers';
import { canAnywhere, can, type Actor } from '../../platform/policy';
import { peoplePolicy } from './policy';
import { householdLabel } from './label';
import { residentDto } from './record';
import { residentRepo, tagRepo } from './repo';
import { listConditions, type PeopleDeps } from './service';

type Row = z.infer<typeof Resident> & { tagNames: string; household: string | null };
const CARE_ZH: Record<string, string> = { red: '红', yellow: '黄', blue: '蓝' };

/** The columns of the resident export, in order; the ID and phone columns are masked (the writer masks them again). */
export const EXPORT_COLUMNS: LedgerColumn<Row>[] = [
  { header: '姓名', personal: 'name', value: (d) => d.name },
  { header: '身份证号', width: 22, personal: 'id_number', value: (d) => d.idNumberMasked },
  { header: '性别', value: (d) => (d.sex === 'male' ? '男' : '女') },
  { header: '出生日期', value: (d) => d.birthDate },
  { header: '联系电话', personal: 'phone', value: (d) => d.phoneMasked },
  { header: '居住类型', value: (d) => RESIDENCE_TYPE_ZH[d.residenceType] },
  { header: '户', value: (d) => d.household },
  { header: '迁入日期', value: (d) => d.movedInOn },
  { header: '迁出日期', value: (d) => d.movedOutOn },
  { header: '标签', value: (d) => d.tagNames },
  { header: '证件类型', value: (d) => ID_KIND_ZH[d.idKind] },
  { header: '迁往', value: (d) => d.movedOutTo },
  { header: '关怀等级', value: (d) => (d.care ? CARE_ZH[d.care.level]! : null) },
];
export const EXPORT_HEADERS = EXPORT_COLUMNS.map((c) => c.header);

/** The resident list as the platform lists it (GET /api/ledgers) and writes it: community workers and above. */
export const RESIDENT_LEDGER: LedgerDeclaration = {
  id: 'residents',
  module: 'people',
  title: '居民名单',
  path: '/api/people/export.xlsx',
  node: null,
  period: null,
  sheets: [{ name: '居民', columns: EXPORT_COLUMNS }],
  audit: { action: 'resident.export', entityKind: 'resident' },
  may: (actor, node) => (node ? can(actor, peoplePolicy, 'export', node) : canAnywhere(actor, peoplePolicy, 'export')),
};

/** The search term as audited: a searched ID or phone number is stored masked, never in the clear. */
const searchTerm = (q: string | undefined) =>
  q && /\d{5,}/.test(q) ? maskIdNumber(q.replace(/\s+/g, '')) : (q ?? null);
type Filter = Omit<z.infer<typeof ResidentQuery>, 'cursor' | 'limit'>;

export function createExporter(
  deps: PeopleDeps & { ledgers: Pick<Ledgers, 'write'> },
  opts: { batchSize?: number } = {},
) {
  const { db, clock, crypto, ledgers } = deps;
  const batchSize = opts.batchSize ?? 500;

  /** Checks the right to export, then returns the workbook as a stream that fills while it is read. */
  async function exportList(actor: Actor, ctx: AuditContext, q: Filter) {
    if (!canAnywhere(actor, peoplePolicy, 'export')) throw new AppError('forbidden');
    const { where } = listConditions(crypto, actor, 'export', q);
    const tagName = new Map((await tagRepo.list(db)).map((t) => [t.code, t.name]));
    async function* batches(): AsyncGenerator<Row[]> {
      // `list` fetches limit + 1 rows (for page cursors); asking for batchSize - 1 gives batches of batchSize.
      for (let afterId: number | null = null; ;) {
        const batch = await residentRepo.list(db, where, { afterId, limit: batchSize - 1 });
        yield batch.map((r) => {
          const d = residentDto(crypto, r);
          return { ...d, tagNames: d.tags.map((t) => tagName.get(t) ?? t).join('、'), household: householdLabel(r) };
        });
        if (batch.length < batchSize) return;
        afterId = batch[batch.length - 1]!.id;
      }
    }
    return ledgers.write(RESIDENT_LEDGER, actor, ctx, {
      node: null,
      period: null,
      filename: `居民名单_${clock.now().toISOString().slice(0, 10)}.xlsx`,
      rows: [batches()],
      audit: { entityId: 'list', after: { filter: { ...q, q: searchTerm(q.q) } } },
    });
  }
  return { exportList };
}
export type Exporter = ReturnType<typeof createExporter>;
