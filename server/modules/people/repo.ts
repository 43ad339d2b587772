// SQL for residents, housing, the tag catalogue and pending imports.
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { territoryNodes } from '../territory/tables';
import { housing, peopleImports, personTags, residents } from './tables';

export type ResidentRow = typeof residents.$inferSelect & { householdName: string };
export type ResidentInsert = typeof residents.$inferInsert;

const select = { r: residents, householdName: territoryNodes.name };
const flat = (x: { r: typeof residents.$inferSelect; householdName: string }): ResidentRow => ({ ...x.r, householdName: x.householdName });
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** How a search query is matched; each branch is an indexed predicate (see tables.ts) except the contains-matches. */
export type Search =
  | { kind: 'tail'; tail: string; idHash?: string; phoneHash?: string }
  | { kind: 'pinyin'; key: string }
  | { kind: 'text'; text: string };

export const residentRepo = {
  async byId(exec: Exec, id: number): Promise<ResidentRow | null> {
    const r = await exec.select(select).from(residents).innerJoin(territoryNodes, eq(territoryNodes.id, residents.householdNodeId)).where(eq(residents.id, id));
    return r[0] ? flat(r[0]) : null;
  },

  async list(exec: Exec, where: SQL[], opts: { afterId: number | null; limit: number }): Promise<ResidentRow[]> {
    const conds = [...where];
    if (opts.afterId) conds.push(gt(residents.id, opts.afterId));
    const r = await exec
      .select(select)
      .from(residents)
      .innerJoin(territoryNodes, eq(territoryNodes.id, residents.householdNodeId))
      .where(and(...conds))
      .orderBy(asc(residents.id))
      .limit(opts.limit + 1);
    return r.map(flat);
  },

  byIdHashes: (exec: Exec, hashes: string[]) => exec.select().from(residents).where(inArray(residents.idHash, hashes)),

  async insert(exec: Exec, v: ResidentInsert) {
    const [row] = await exec.insert(residents).values(v).returning();
    return row!;
  },
  async insertMany(exec: Exec, v: ResidentInsert[]) {
    await exec.insert(residents).values(v);
  },
  async update(exec: Exec, id: number, v: Partial<ResidentInsert>) {
    const [row] = await exec.update(residents).set(v).where(eq(residents.id, id)).returning();
    return row!;
  },

  household: (id: number) => eq(residents.householdNodeId, id),
  tag: (code: string) => sql`${residents.tags} @> array[${code}]::text[]`,
  residenceType: (t: string) => eq(residents.residenceType, t),
  living: () => isNull(residents.movedOutOn),
  search(s: Search): SQL {
    if (s.kind === 'pinyin') return or(sql`${residents.namePinyin} like ${likeEscape(s.key) + '%'}`, sql`${residents.nameInitials} like ${likeEscape(s.key) + '%'}`)!;
    if (s.kind === 'text') return or(sql`${residents.name} like ${'%' + likeEscape(s.text) + '%'}`, sql`${territoryNodes.name} like ${'%' + likeEscape(s.text) + '%'}`)!;
    const parts = [eq(residents.idTail, s.tail), eq(residents.phoneTail, s.tail)];
    if (s.idHash) parts.push(eq(residents.idHash, s.idHash));
    if (s.phoneHash) parts.push(eq(residents.phoneHash, s.phoneHash));
    return or(...parts)!;
  },
};

export const housingRepo = {
  async get(exec: Exec, nodeId: number) {
    const [r] = await exec.select().from(housing).where(eq(housing.householdNodeId, nodeId));
    return r ?? null;
  },
  async put(exec: Exec, v: typeof housing.$inferInsert) {
    const [r] = await exec.insert(housing).values(v).onConflictDoUpdate({ target: housing.householdNodeId, set: { ...v } }).returning();
    return r!;
  },
};

export const tagRepo = {
  list: (exec: Exec) => exec.select().from(personTags).orderBy(asc(personTags.code)),
  async activeCodes(exec: Exec): Promise<Set<string>> {
    const r = await exec.select({ code: personTags.code }).from(personTags).where(isNull(personTags.retiredAt));
    return new Set(r.map((x) => x.code));
  },
  async insert(exec: Exec, v: typeof personTags.$inferInsert) {
    const [r] = await exec.insert(personTags).values(v).returning();
    return r!;
  },
};

export const importRepo = {
  async insert(exec: Exec, v: typeof peopleImports.$inferInsert) {
    await exec.insert(peopleImports).values(v);
  },
  async get(exec: Exec, id: string) {
    const [r] = await exec.select().from(peopleImports).where(eq(peopleImports.id, id));
    return r ?? null;
  },
  /** Locks the import row for the committing transaction, so two commits of one import cannot interleave. */
  async lock(exec: Exec, id: string) {
    const r = await rows<{ committed_at: Date | null }>(exec, sql`select committed_at from people_imports where id = ${id} for update`);
    return r[0] ?? null;
  },
  markCommitted: (exec: Exec, id: string, at: Date) => exec.update(peopleImports).set({ committedAt: at }).where(eq(peopleImports.id, id)),
};
