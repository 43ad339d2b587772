// SQL of the service hall: catalogue, switches, duty lists, applications, materials, events, idempotency keys.
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import {
  dutyEntries,
  serviceApplications,
  serviceClasses,
  serviceEvents,
  serviceIdempotency,
  serviceItems,
  serviceMaterials,
  serviceSwitches,
} from './tables';

export type ItemRow = typeof serviceItems.$inferSelect & { className: string; organisationName: string | null };
export type ApplicationRow = typeof serviceApplications.$inferSelect;
export type ApplicationListRow = ApplicationRow & {
  itemName: string;
  nodeName: string | null;
  organisationName: string | null;
  appointmentAt: Date | null;
};
export type MaterialRow = typeof serviceMaterials.$inferSelect;

const itemSelect = {
  item: serviceItems,
  className: serviceClasses.name,
  organisationName: sql<
    string | null
  >`(select o.name from organisations o where o.id = ${serviceItems.organisationId})`,
};
const listSelect = {
  a: serviceApplications,
  itemName: sql<string>`coalesce((select i.name from service_items i where i.code = ${serviceApplications.itemCode}), ${serviceApplications.itemCode})`,
  nodeName: sql<string | null>`(select n.name from territory_nodes n where n.id = ${serviceApplications.nodeId})`,
  organisationName: sql<
    string | null
  >`(select o.name from organisations o where o.id = ${serviceApplications.organisationId})`,
  // Spelled out: drizzle renders a column of a single-table select unqualified, and a bare "id" here would be h.id.
  appointmentAt:
    sql<Date | null>`(select h.starts_at from service_appointments h where h.application_id = service_applications.id)`.mapWith(
      (v: string | Date) => new Date(v),
    ),
};
const flatItem = (r: {
  item: typeof serviceItems.$inferSelect;
  className: string;
  organisationName: string | null;
}) => ({
  ...r.item,
  className: r.className,
  organisationName: r.organisationName,
});
const flatApp = (r: {
  a: ApplicationRow;
  itemName: string;
  nodeName: string | null;
  organisationName: string | null;
  appointmentAt: Date | null;
}): ApplicationListRow => ({
  ...r.a,
  itemName: r.itemName,
  nodeName: r.nodeName,
  organisationName: r.organisationName,
  appointmentAt: r.appointmentAt,
});

export const serviceRepo = {
  async departments(exec: Exec): Promise<{ id: number; name: string }[]> {
    return rows(exec, sql`select id, name from organisations where kind = 'department' order by id`);
  },
  async insertClass(exec: Exec, v: typeof serviceClasses.$inferInsert) {
    await exec.insert(serviceClasses).values(v).onConflictDoNothing();
  },
  async insertItem(exec: Exec, v: typeof serviceItems.$inferInsert) {
    await exec.insert(serviceItems).values(v).onConflictDoNothing();
  },
  /** Inserts a new item; false when the code is taken already. */
  async createItem(exec: Exec, v: typeof serviceItems.$inferInsert): Promise<boolean> {
    const r = await exec.insert(serviceItems).values(v).onConflictDoNothing().returning({ code: serviceItems.code });
    return r.length > 0;
  },
  /** Inserts a new class at the end; false when the code is taken already. */
  async createClass(exec: Exec, v: { code: string; name: string }): Promise<boolean> {
    const r = await exec
      .insert(serviceClasses)
      .values({ ...v, sort: sql`(select coalesce(max(sort), -1) + 1 from service_classes)` })
      .onConflictDoNothing()
      .returning({ code: serviceClasses.code });
    return r.length > 0;
  },
  async classes(exec: Exec) {
    return exec
      .select({ code: serviceClasses.code, name: serviceClasses.name })
      .from(serviceClasses)
      .orderBy(asc(serviceClasses.sort));
  },
  async classExists(exec: Exec, code: string): Promise<boolean> {
    const r = await exec
      .select({ code: serviceClasses.code })
      .from(serviceClasses)
      .where(eq(serviceClasses.code, code));
    return r.length > 0;
  },
  /** The next sort position of an item in its class. */
  async nextItemSort(exec: Exec, classCode: string): Promise<number> {
    const [r] = await rows<{ n: number }>(
      exec,
      sql`select coalesce(max(sort), -1)::int + 1 as n from service_items where class_code = ${classCode}`,
    );
    return r!.n;
  },

  /** Items with their class; `q` matches the name, its pinyin or initials; `enabledAt` keeps those switched on there. */
  async items(exec: Exec, f: { q?: string; classCode?: string; enabledAt?: number | null }): Promise<ItemRow[]> {
    const conds: SQL[] = [];
    if (f.classCode) conds.push(eq(serviceItems.classCode, f.classCode));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      const low = like.toLowerCase().replace(/\s+/g, '');
      conds.push(
        sql`(${serviceItems.name} like ${like} or ${serviceItems.namePinyin} like ${low} or ${serviceItems.nameInitials} like ${low})`,
      );
    }
    if (f.enabledAt != null)
      conds.push(
        sql`exists (select 1 from service_switches s where s.item_code = ${serviceItems.code} and s.node_id = ${f.enabledAt} and s.enabled)`,
      );
    const r = await exec
      .select(itemSelect)
      .from(serviceItems)
      .innerJoin(serviceClasses, eq(serviceClasses.code, serviceItems.classCode))
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(asc(serviceClasses.sort), asc(serviceItems.sort));
    return r.map(flatItem);
  },
  async item(exec: Exec, code: string): Promise<ItemRow | null> {
    const r = await exec
      .select(itemSelect)
      .from(serviceItems)
      .innerJoin(serviceClasses, eq(serviceClasses.code, serviceItems.classCode))
      .where(eq(serviceItems.code, code));
    return r[0] ? flatItem(r[0]) : null;
  },
  async updateItem(exec: Exec, code: string, v: Partial<typeof serviceItems.$inferInsert>) {
    await exec.update(serviceItems).set(v).where(eq(serviceItems.code, code));
  },
  async enabledCodes(exec: Exec, nodeId: number): Promise<Set<string>> {
    const r = await exec
      .select({ code: serviceSwitches.itemCode })
      .from(serviceSwitches)
      .where(and(eq(serviceSwitches.nodeId, nodeId), eq(serviceSwitches.enabled, true)));
    return new Set(r.map((x) => x.code));
  },
  async setSwitch(exec: Exec, nodeId: number, itemCode: string, enabled: boolean) {
    await exec
      .insert(serviceSwitches)
      .values({ nodeId, itemCode, enabled })
      .onConflictDoUpdate({ target: [serviceSwitches.nodeId, serviceSwitches.itemCode], set: { enabled } });
  },

  async node(exec: Exec, id: number): Promise<{ id: number; kind: string; name: string; path: string } | null> {
    const r = await rows<{ id: number; kind: string; name: string; path: string }>(
      exec,
      sql`select id, kind, name, path from territory_nodes where id = ${id}`,
    );
    return r[0] ?? null;
  },
  /** The community a territory path lies in (the node of kind community on it), if any. */
  async communityOf(exec: Exec, path: string): Promise<{ id: number; name: string; path: string } | null> {
    const r = await rows<{ id: number; name: string; path: string }>(
      exec,
      sql`select id, name, path from territory_nodes where kind = 'community' and ${path} like path || '%' limit 1`,
    );
    return r[0] ?? null;
  },
  async organisation(exec: Exec, id: number): Promise<{ id: number; name: string; kind: string } | null> {
    const r = await rows<{ id: number; name: string; kind: string }>(
      exec,
      sql`select id, name, kind from organisations where id = ${id}`,
    );
    return r[0] ?? null;
  },

  async duties(exec: Exec, nodeId: number) {
    return exec.select().from(dutyEntries).where(eq(dutyEntries.nodeId, nodeId)).orderBy(asc(dutyEntries.id));
  },
  async insertDuty(exec: Exec, v: typeof dutyEntries.$inferInsert) {
    const [r] = await exec.insert(dutyEntries).values(v).returning();
    return r!;
  },
  async duty(exec: Exec, id: number) {
    const r = await exec.select().from(dutyEntries).where(eq(dutyEntries.id, id));
    return r[0] ?? null;
  },
  async updateDuty(exec: Exec, id: number, v: Partial<typeof dutyEntries.$inferInsert>) {
    const [r] = await exec.update(dutyEntries).set(v).where(eq(dutyEntries.id, id)).returning();
    return r!;
  },
  async removeDuty(exec: Exec, id: number) {
    await exec.delete(dutyEntries).where(eq(dutyEntries.id, id));
  },
  /** The negative-list entry forbidding this item at this community, if any. */
  async negativeEntry(exec: Exec, nodeId: number, itemCode: string) {
    const r = await exec
      .select()
      .from(dutyEntries)
      .where(and(eq(dutyEntries.nodeId, nodeId), eq(dutyEntries.list, 'negative'), eq(dutyEntries.itemCode, itemCode)));
    return r[0] ?? null;
  },

  async insertApplication(exec: Exec, v: typeof serviceApplications.$inferInsert): Promise<ApplicationRow> {
    const [r] = await exec.insert(serviceApplications).values(v).returning();
    return r!;
  },
  async nextNumber(exec: Exec, at: Date): Promise<string> {
    const [r] = await rows<{ n: string }>(exec, sql`select nextval('service_applications_id_seq') as n`);
    return `FW${at.toISOString().slice(0, 10).replace(/-/g, '')}${String(r!.n).padStart(6, '0')}`;
  },
  async lock(exec: Exec, id: number): Promise<ApplicationRow | null> {
    const r = await exec.select().from(serviceApplications).where(eq(serviceApplications.id, id)).for('update');
    return r[0] ?? null;
  },
  async update(exec: Exec, id: number, v: Partial<typeof serviceApplications.$inferInsert>) {
    await exec.update(serviceApplications).set(v).where(eq(serviceApplications.id, id));
  },
  async application(exec: Exec, id: number): Promise<ApplicationListRow | null> {
    const r = await exec.select(listSelect).from(serviceApplications).where(eq(serviceApplications.id, id));
    return r[0] ? flatApp(r[0]) : null;
  },
  /** A page of applications newest first, under `scope` (the policy's predicate) and the filters. */
  async list(
    exec: Exec,
    where: SQL[],
    opts: { beforeId: number | null; limit: number },
  ): Promise<ApplicationListRow[]> {
    const conds = [...where];
    if (opts.beforeId) conds.push(lt(serviceApplications.id, opts.beforeId));
    const r = await exec
      .select(listSelect)
      .from(serviceApplications)
      .where(and(...conds))
      .orderBy(desc(serviceApplications.id))
      .limit(opts.limit + 1);
    return r.map(flatApp);
  },

  async materials(exec: Exec, applicationId: number): Promise<MaterialRow[]> {
    return exec
      .select()
      .from(serviceMaterials)
      .where(eq(serviceMaterials.applicationId, applicationId))
      .orderBy(asc(serviceMaterials.code));
  },
  async insertMaterials(exec: Exec, v: (typeof serviceMaterials.$inferInsert)[]) {
    if (v.length) await exec.insert(serviceMaterials).values(v);
  },
  async updateMaterial(exec: Exec, applicationId: number, code: string, v: Partial<MaterialRow>) {
    await exec
      .update(serviceMaterials)
      .set(v)
      .where(and(eq(serviceMaterials.applicationId, applicationId), eq(serviceMaterials.code, code)));
  },

  async addEvent(exec: Exec, v: typeof serviceEvents.$inferInsert) {
    await exec.insert(serviceEvents).values(v);
  },
  async events(exec: Exec, applicationId: number) {
    return exec
      .select()
      .from(serviceEvents)
      .where(eq(serviceEvents.applicationId, applicationId))
      .orderBy(asc(serviceEvents.id));
  },

  async idempotent(exec: Exec, userId: number, key: string): Promise<number | null> {
    const r = await exec
      .select({ id: serviceIdempotency.applicationId })
      .from(serviceIdempotency)
      .where(and(eq(serviceIdempotency.userId, userId), eq(serviceIdempotency.key, key)));
    return r[0]?.id ?? null;
  },
  /** Claims the key; false when another request holds it already (the caller then answers that one's application). */
  async claimKey(exec: Exec, userId: number, key: string, applicationId: number): Promise<boolean> {
    const r = await exec
      .insert(serviceIdempotency)
      .values({ userId, key, applicationId })
      .onConflictDoNothing()
      .returning();
    return r.length > 0;
  },
};
