// SQL for hotline work orders, the address dictionary, the category mapping, pending imports, settings, replies and rate counts.
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { RateSettings, ReplyPayload } from '../../../contracts/hotline';
import { rows, type Exec } from '../../platform/db';
import { auditLog } from '../../platform/audit/tables';
import { caseCategories, cases } from '../cases';
import { territoryNodes } from '../territory';
import { users } from '../users';
import type { Period } from '../metrics';
import type { RateCounts } from './formulas';
import { hotlineCategoryMap, hotlineImports, hotlineOrders, hotlineSettings, type OrderRow } from './tables';

export type DictEntry = { id: number; kind: string; name: string; path: string; parentId: number | null };
export type OrderInsert = typeof hotlineOrders.$inferInsert;

const listSelect = {
  order: hotlineOrders,
  nodeName: territoryNodes.name,
  caseNumber: cases.number,
  caseStatus: cases.status,
  caseOrganisationId: cases.assigneeOrganisationId,
};

export const orderRepo = {
  /** Inserts the orders whose number is new; returns only those (a known number is left untouched). */
  async insertNew(exec: Exec, values: OrderInsert[]): Promise<OrderRow[]> {
    if (!values.length) return [];
    return exec.insert(hotlineOrders).values(values).onConflictDoNothing({ target: hotlineOrders.orderNo }).returning();
  },
  async byNo(exec: Exec, orderNo: string): Promise<OrderRow | null> {
    const [r] = await exec.select().from(hotlineOrders).where(eq(hotlineOrders.orderNo, orderNo));
    return r ?? null;
  },
  async knownNumbers(exec: Exec, nos: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < nos.length; i += 1000) {
      const r = await exec
        .select({ no: hotlineOrders.orderNo })
        .from(hotlineOrders)
        .where(inArray(hotlineOrders.orderNo, nos.slice(i, i + 1000)));
      for (const x of r) out.add(x.no);
    }
    return out;
  },
  async lock(exec: Exec, id: number): Promise<OrderRow | null> {
    const r = await rows<{ id: number }>(exec, sql`select id from hotline_orders where id = ${id} for update`);
    if (!r[0]) return null;
    const [o] = await exec.select().from(hotlineOrders).where(eq(hotlineOrders.id, id));
    return o ?? null;
  },
  /** Links orders to their new cases in one statement. */
  async linkCases(exec: Exec, links: { id: number; caseId: number }[], at: Date) {
    if (!links.length) return;
    const values = sql.join(
      links.map((l) => sql`(${l.id}::int, ${l.caseId}::bigint)`),
      sql`, `,
    );
    await exec.execute(
      sql`update hotline_orders o set case_id = v.case_id, status = 'created', updated_at = ${at.toISOString()}::timestamptz from (values ${values}) as v(id, case_id) where o.id = v.id`,
    );
  },
  /** The case of an order as the rating webhook needs it. */
  async caseState(exec: Exec, orderNo: string) {
    const [r] = await exec
      .select({
        orderId: hotlineOrders.id,
        nodePath: hotlineOrders.nodePath,
        caseId: cases.id,
        version: cases.version,
        rating: cases.rating,
        casePath: cases.nodePath,
      })
      .from(hotlineOrders)
      .innerJoin(cases, eq(cases.id, hotlineOrders.caseId))
      .where(eq(hotlineOrders.orderNo, orderNo));
    return r ?? null;
  },
  update: (exec: Exec, id: number, v: Partial<OrderInsert>) =>
    exec.update(hotlineOrders).set(v).where(eq(hotlineOrders.id, id)),

  /** A keyset page (newest first) of the orders matching `where` (already scoped by the caller). */
  async list(exec: Exec, where: SQL[], beforeId: number | null, limit: number) {
    return exec
      .select(listSelect)
      .from(hotlineOrders)
      .leftJoin(territoryNodes, eq(territoryNodes.id, hotlineOrders.nodeId))
      .leftJoin(cases, eq(cases.id, hotlineOrders.caseId))
      .where(and(...where, beforeId != null ? lt(hotlineOrders.id, beforeId) : undefined))
      .orderBy(desc(hotlineOrders.id))
      .limit(limit + 1);
  },
  async view(exec: Exec, id: number) {
    const [r] = await exec
      .select(listSelect)
      .from(hotlineOrders)
      .leftJoin(territoryNodes, eq(territoryNodes.id, hotlineOrders.nodeId))
      .leftJoin(cases, eq(cases.id, hotlineOrders.caseId))
      .where(eq(hotlineOrders.id, id));
    return r ?? null;
  },
  /** The audited steps of one order (intake, settling, unreasonable proposals and decisions), oldest first. */
  history: (exec: Exec, id: number) =>
    exec
      .select({ at: auditLog.at, action: auditLog.action, actorName: auditLog.actorName, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityKind, 'hotline_order'), eq(auditLog.entityId, String(id))))
      .orderBy(asc(auditLog.id)),
};

export const dictionaryRepo = {
  /** Estates and buildings in service: the address dictionary. */
  entries: (exec: Exec): Promise<DictEntry[]> =>
    exec
      .select({
        id: territoryNodes.id,
        kind: territoryNodes.kind,
        name: territoryNodes.name,
        path: territoryNodes.path,
        parentId: territoryNodes.parentId,
      })
      .from(territoryNodes)
      .where(and(inArray(territoryNodes.kind, ['estate', 'building']), isNull(territoryNodes.retiredAt))),
  /** The top of the tree (the district): where a webhook order with an unknown address waits. */
  async rootPath(exec: Exec): Promise<string> {
    const r = await rows<{ path: string }>(
      exec,
      sql`select path from territory_nodes where parent_id is null and retired_at is null order by id limit 1`,
    );
    return r[0]?.path ?? '/';
  },
  async node(exec: Exec, id: number) {
    const [r] = await exec.select().from(territoryNodes).where(eq(territoryNodes.id, id));
    return r ?? null;
  },
};

export const categoryMapRepo = {
  list: (exec: Exec) =>
    exec
      .select({
        hotlineType: hotlineCategoryMap.hotlineType,
        categoryCode: hotlineCategoryMap.categoryCode,
        categoryName: caseCategories.name,
      })
      .from(hotlineCategoryMap)
      .leftJoin(caseCategories, eq(caseCategories.code, hotlineCategoryMap.categoryCode))
      .orderBy(asc(hotlineCategoryMap.hotlineType)),
  async isEmpty(exec: Exec) {
    const r = await rows<{ n: number }>(exec, sql`select count(*)::int as n from hotline_category_map`);
    return (r[0]?.n ?? 0) === 0;
  },
  insertMissing: (exec: Exec, v: { hotlineType: string; categoryCode: string }[]) =>
    exec.insert(hotlineCategoryMap).values(v).onConflictDoNothing(),
  upsert: (exec: Exec, v: { hotlineType: string; categoryCode: string }, at: Date) =>
    exec
      .insert(hotlineCategoryMap)
      .values({ ...v, updatedAt: at })
      .onConflictDoUpdate({
        target: hotlineCategoryMap.hotlineType,
        set: { categoryCode: v.categoryCode, updatedAt: at },
      }),
  remove: (exec: Exec, hotlineType: string) =>
    exec.delete(hotlineCategoryMap).where(eq(hotlineCategoryMap.hotlineType, hotlineType)),
  /**
   * Sub-classes a hotline order can become: active and under a class. Intake takes a hotline order's address and grid
   * in place of the map point that event and asset categories otherwise require.
   */
  async usableCategories(exec: Exec): Promise<Set<string>> {
    const r = await exec
      .select({ code: caseCategories.code, parent: caseCategories.parentCode, active: caseCategories.active })
      .from(caseCategories);
    return new Set(r.filter((c) => c.active && c.parent).map((c) => c.code));
  },
};

export const importRepo = {
  insert: (exec: Exec, v: typeof hotlineImports.$inferInsert) => exec.insert(hotlineImports).values(v),
  async get(exec: Exec, id: string) {
    const [r] = await exec.select().from(hotlineImports).where(eq(hotlineImports.id, id));
    return r ?? null;
  },
  progress: (exec: Exec, id: string, committedRows: number) =>
    exec.update(hotlineImports).set({ committedRows }).where(eq(hotlineImports.id, id)),
  markCommitted: (exec: Exec, id: string, at: Date) =>
    exec.update(hotlineImports).set({ committedAt: at }).where(eq(hotlineImports.id, id)),
};

export const settingsRepo = {
  async rates(exec: Exec): Promise<RateSettings | null> {
    const [r] = await exec.select().from(hotlineSettings).where(eq(hotlineSettings.id, 1));
    return r?.rates ?? null;
  },
  putRates: (exec: Exec, rates: RateSettings, at: Date) =>
    exec
      .insert(hotlineSettings)
      .values({ id: 1, rates, updatedAt: at })
      .onConflictDoUpdate({ target: hotlineSettings.id, set: { rates, updatedAt: at } }),
};

export const serviceUserRepo = {
  async byUsername(exec: Exec, username: string) {
    const [r] = await exec.select({ id: users.id }).from(users).where(eq(users.username, username));
    return r?.id ?? null;
  },
  /** The account cannot log in: a password hash no password matches, and disabled. */
  async insert(exec: Exec, username: string, at: Date): Promise<number> {
    const [r] = await exec
      .insert(users)
      .values({ username, displayName: '12345热线', passwordHash: '!service-account', disabledAt: at })
      .onConflictDoNothing()
      .returning({ id: users.id });
    return r?.id ?? (await serviceUserRepo.byUsername(exec, username))!;
  },
};

export type ReplyCandidate = {
  orderId: number;
  orderNo: string;
  caseId: number;
  caseNumber: string;
  status: string;
  replyKey: string;
  at: Date;
  handler: string | null;
  result: string | null;
};

export const replyRepo = {
  /**
   * Hotline cases closed or voided whose current ending has not been answered yet. The key names the ending (a reopened
   * and re-closed case is a new ending); the result is the handler's last reply note, or the reason given for voiding.
   */
  due: (exec: Exec, limit: number) =>
    rows<ReplyCandidate>(
      exec,
      sql`select o.id as "orderId", o.order_no as "orderNo", c.id as "caseId", c.number as "caseNumber", c.status,
                 c.status || ':' || coalesce(c.closed_at, c.updated_at)::text as "replyKey", coalesce(c.closed_at, c.updated_at) as at,
                 coalesce(org.name, n.name) as handler,
                 (select e.note from case_events e where e.case_id = c.id and e.action = (case when c.status = 'voided' then 'void' else 'reply' end) order by e.id desc limit 1) as result
          from hotline_orders o join cases c on c.id = o.case_id
          left join organisations org on org.id = c.assignee_organisation_id
          left join territory_nodes n on n.id = c.assignee_node_id
          where c.status in ('closed', 'voided') and o.reply_key is distinct from (c.status || ':' || coalesce(c.closed_at, c.updated_at)::text)
          order by o.id limit ${limit}`,
    ),
  markReplied: (exec: Exec, id: number, reply: ReplyPayload, key: string, at: Date) =>
    exec
      .update(hotlineOrders)
      .set({ reply, replyKey: key, replyAt: at, replyDeliveredAt: null, updatedAt: at })
      .where(eq(hotlineOrders.id, id)),
  async delivered(exec: Exec, id: number, key: string, at: Date) {
    await exec
      .update(hotlineOrders)
      .set({ replyDeliveredAt: at })
      .where(and(eq(hotlineOrders.id, id), eq(hotlineOrders.replyKey, key)));
  },
  async byId(exec: Exec, id: number) {
    const [r] = await exec.select().from(hotlineOrders).where(eq(hotlineOrders.id, id));
    return r ?? null;
  },
  /** Replies made in a period, in keyset batches, within the caller's scope. */
  batch: (exec: Exec, where: SQL, p: Period, afterId: number, limit: number) =>
    exec
      .select()
      .from(hotlineOrders)
      .where(
        and(
          where,
          sql`${hotlineOrders.replyAt} >= ${p.from.toISOString()}::timestamptz and ${hotlineOrders.replyAt} < ${p.to.toISOString()}::timestamptz`,
          gt(hotlineOrders.id, afterId),
        ),
      )
      .orderBy(asc(hotlineOrders.id))
      .limit(limit),
};

const notExcluded = sql`(${hotlineOrders.unreasonable} is distinct from 'approved')`;

export const ratesRepo = {
  /** The rate counts over hotline cases matching `where`; orders approved as unreasonable are counted apart and left out. */
  async counts(
    exec: Exec,
    where: SQL[],
    preds: Record<keyof RateCounts, SQL>,
  ): Promise<RateCounts & { excluded: number }> {
    const cols = sql.join(
      (Object.keys(preds) as (keyof RateCounts)[]).map(
        (k) => sql`(count(*) filter (where ${preds[k]} and ${notExcluded}))::int as ${sql.identifier(k)}`,
      ),
      sql`, `,
    );
    const any = sql.join(Object.values(preds), sql` or `);
    const r = await rows<RateCounts & { excluded: number }>(
      exec,
      sql`select ${cols}, (count(*) filter (where not ${notExcluded}))::int as excluded
          from ${hotlineOrders} join ${cases} on ${cases.id} = ${hotlineOrders.caseId}
          where ${and(...where, sql`(${any})`)}`,
    );
    return r[0]!;
  },
};

export const orderFilters = {
  status: (s: string) => eq(hotlineOrders.status, s),
  unreasonable: (s: string) => eq(hotlineOrders.unreasonable, s),
  text: (q: string) =>
    or(
      sql`${hotlineOrders.orderNo} like ${q.replace(/[%_\\]/g, '\\$&') + '%'}`,
      sql`${hotlineOrders.address} like ${'%' + q.replace(/[%_\\]/g, '\\$&') + '%'}`,
    )!,
  under: (path: string) => sql`${hotlineOrders.nodePath} like ${path + '%'}`,
};
