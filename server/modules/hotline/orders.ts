// From work order to case: the order is stored once per number, placed by the address dictionary and the type mapping,
// and, when both are known, handed to the case intake as the hotline's service actor; otherwise it waits in the queue.
import type { AuditContext } from '../../platform/audit/service';
import type { Exec } from '../../platform/db';
import { sealPhoneNumber, type PersonalCrypto } from '../../platform/crypto';
import type { PlatformDeps } from '../../platform/deps';
import type { Db } from '../../platform/db';
import { createIntake, createSla, type CaseNotifier } from '../cases';
import { addressBook, gridOfPath, type AddressBook } from './address';
import { SERVICE_USERNAME, serviceActor } from './policy';
import { categoryMapRepo, dictionaryRepo, orderRepo, serviceUserRepo } from './repo';
import type { OrderRow } from './tables';

export type HotlineDeps = PlatformDeps & { notifier: CaseNotifier };

/** The hotline_orders columns that seal a caller's phone (all null without one). */
export function callerPhoneColumns(crypto: PersonalCrypto, phone: string | null | undefined) {
  const s = sealPhoneNumber(crypto, phone);
  return { callerPhoneCipher: s.cipher, callerPhoneHash: s.hash, callerPhoneTail: s.tail };
}

/** A work order as read from the webhook or a row of an export, before it is placed. */
export type NewOrder = {
  orderNo: string;
  calledAt: Date;
  callerName: string | null;
  callerPhone: string | null;
  content: string;
  address: string;
  requestType: string;
  hotlineDeadline: Date | null;
  handlerUnit: string | null;
};

/** Where an order goes: its category (null: type unknown) and its matched place (null: address unresolved). */
export type Placement = { categoryCode: string | null; nodeId: number | null; nodePath: string | null };

/**
 * Defaults for the demo categories; administrators edit the table afterwards. Only community matters: the city-management
 * event and asset classes need a map point, which a work order does not carry.
 */
export const DEFAULT_CATEGORY_MAP: Record<string, string> = {
  邻里纠纷: 'C0101',
  家庭纠纷: 'C0102',
  电梯故障: 'C0201',
  环境卫生: 'C0202',
  垃圾清运: 'C0202',
  物业服务: 'C0202',
  乱停车: 'C0203',
  停车管理: 'C0203',
  消防通道: 'C0301',
  消防通道堵塞: 'C0301',
  高空抛物: 'C0302',
  电动车充电: 'C0303',
  噪声扰民: 'C0401',
  噪音扰民: 'C0401',
  施工扰民: 'C0401',
  污水外溢: 'C0402',
  供水供暖: 'C0501',
  停水停暖: 'C0501',
  就业咨询: 'C0502',
  独居老人求助: 'C0601',
  困难救助: 'C0602',
};

export async function seedCategoryMap(exec: Exec): Promise<void> {
  if (await categoryMapRepo.isEmpty(exec))
    await categoryMapRepo.insertMissing(
      exec,
      Object.entries(DEFAULT_CATEGORY_MAP).map(([hotlineType, categoryCode]) => ({ hotlineType, categoryCode })),
    );
}

export function createOrderPipeline(deps: HotlineDeps) {
  const { db, clock, crypto } = deps;
  const sla = createSla({ ...deps, warnShare: deps.config.slaWarnShare });
  let serviceUserId: number | null = null;

  /** The hotline's account (username hotline-12345), made on first use; it cannot log in. Read through `exec`, since
   * the embedded database has one connection and a query outside an open transaction would wait for it. */
  async function serviceUser(exec: Exec = db): Promise<number> {
    if (serviceUserId != null) return serviceUserId;
    const found = await serviceUserRepo.byUsername(exec, SERVICE_USERNAME);
    // Only a row found is remembered: one inserted here may still be rolled back with the caller's transaction.
    if (found != null) serviceUserId = found;
    return found ?? serviceUserRepo.insert(exec, SERVICE_USERNAME, clock.now());
  }

  /** The dictionary and the mapping as they are now, for one import or one webhook call. */
  async function placer(exec: Exec): Promise<{ book: AddressBook; categoryOf: (type: string) => string | null }> {
    const [entries, map, usable] = await Promise.all([
      dictionaryRepo.entries(exec),
      categoryMapRepo.list(exec),
      categoryMapRepo.usableCategories(exec),
    ]);
    const byType = new Map(map.filter((m) => usable.has(m.categoryCode)).map((m) => [m.hotlineType, m.categoryCode]));
    return { book: addressBook(entries), categoryOf: (t) => byType.get(t.trim()) ?? null };
  }

  /**
   * Hands a placed order to the case intake, inside the caller's transaction, and returns the case id; the caller links
   * it to the order. No Idempotency-Key is needed: the order row (unique by number) is inserted first in the same
   * transaction, so a second delivery of the number never gets this far, and cases are unique by (channel, externalRef).
   */
  async function makeCase(exec: Exec, order: OrderRow, ctx: AuditContext): Promise<number> {
    const grid = gridOfPath(order.nodePath);
    if (!grid || !order.categoryCode) throw new Error(`order ${order.id} is not placed`);
    const intake = createIntake({ ...deps, db: exec as Db, sla });
    const actor = serviceActor(await serviceUser(exec), grid);
    const r = await intake.intake(actor, ctx, {
      channel: 'hotline',
      categoryCode: order.categoryCode,
      description: order.content,
      address: order.address.slice(0, 200),
      gridId: grid.id,
      photos: [],
      solvedOnSpot: false,
      anonymous: false,
      reporterName: order.callerName ?? undefined,
      reporterPhone: order.callerPhoneCipher ? crypto.decrypt('phone', order.callerPhoneCipher) : undefined,
      externalRef: order.orderNo,
    });
    return r.id;
  }

  /** Makes the case of one settled order and links it. */
  async function toCase(exec: Exec, order: OrderRow, ctx: AuditContext): Promise<number> {
    const caseId = await makeCase(exec, order, ctx);
    await orderRepo.linkCases(exec, [{ id: order.id, caseId }], clock.now());
    return caseId;
  }

  /**
   * Stores the orders whose numbers are new (known numbers change nothing) and turns the placed ones into cases.
   * `scopePath` is where an unplaced order waits: the importing operator's area, or the whole district for the webhook.
   */
  async function receive(
    exec: Exec,
    items: { order: NewOrder; place: Placement }[],
    source: 'webhook' | 'import',
    scopePath: string,
    ctx: AuditContext,
  ) {
    const now = clock.now();
    const inserted = await orderRepo.insertNew(
      exec,
      items.map(({ order: { callerPhone, ...order }, place }) => ({
        ...order,
        ...callerPhoneColumns(crypto, callerPhone),
        source,
        categoryCode: place.categoryCode,
        nodeId: place.nodeId,
        nodePath: place.nodePath ?? scopePath,
        // 'created' is final only once the case is linked, later in this same transaction.
        status: !place.nodeId ? 'pending_address' : !place.categoryCode ? 'pending_category' : 'created',
        createdAt: now,
        updatedAt: now,
      })),
    );
    const links: { id: number; caseId: number }[] = [];
    for (const o of inserted) {
      if (o.status !== 'created') continue;
      o.caseId = await makeCase(exec, o, ctx);
      links.push({ id: o.id, caseId: o.caseId });
    }
    await orderRepo.linkCases(exec, links, now);
    return { inserted, cases: links.length, pending: inserted.length - links.length };
  }

  return { serviceUser, placer, toCase, receive };
}
export type OrderPipeline = ReturnType<typeof createOrderPipeline>;
