// SQL for residents, housing, the tag catalogue and pending imports.
import { and, asc, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { territoryNodes } from '../territory';
import { careLevels, diaryEntries, housing, peopleImports, personTags, residents, visits } from './tables';
import { users } from '../users';
import { alias } from 'drizzle-orm/pg-core';
import { householdLabel } from './label';

/** A resident with its household's name, building and estate (label.ts) and its care level (null columns when it has none). */
export type ResidentRow = typeof residents.$inferSelect & {
  householdName: string;
  buildingName: string | null;
  estateName: string | null;
  careLevel: string | null;
  careReason: string | null;
  careAssigneeUserId: number | null;
  careSetOn: string | null;
};
export type ResidentInsert = typeof residents.$inferInsert;

/** The household's building and that building's estate, for the household label. */
const buildingNode = alias(territoryNodes, 'building_node');
const estateNode = alias(territoryNodes, 'estate_node');
const select = {
  r: residents,
  householdName: territoryNodes.name,
  buildingName: buildingNode.name,
  estateName: estateNode.name,
  careLevel: careLevels.level,
  careReason: careLevels.reason,
  careAssigneeUserId: careLevels.assigneeUserId,
  careSetOn: careLevels.setOn,
};
const flat = ({
  r,
  ...x
}: { r: typeof residents.$inferSelect } & Omit<ResidentRow, keyof typeof residents.$inferSelect>): ResidentRow => ({
  ...r,
  ...x,
});
const joined = (exec: Exec) =>
  exec
    .select(select)
    .from(residents)
    .innerJoin(territoryNodes, eq(territoryNodes.id, residents.householdNodeId))
    .leftJoin(buildingNode, and(eq(buildingNode.id, territoryNodes.parentId), eq(buildingNode.kind, 'building')))
    .leftJoin(estateNode, and(eq(estateNode.id, buildingNode.parentId), eq(estateNode.kind, 'estate')))
    .leftJoin(careLevels, eq(careLevels.residentId, residents.id));
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** How a search query is matched; each branch is an indexed predicate (see tables.ts) except the contains-matches. */
export type Search =
  | { kind: 'tail'; tail: string }
  /** A whole number: exact on the blind indexes (a document under each kind it may be, a phone). */
  | { kind: 'number'; idHashes: string[]; phoneHash: string }
  | { kind: 'pinyin'; key: string }
  | { kind: 'name'; key: string; text: string }
  | { kind: 'text'; text: string };

/** The dedupe key of a resident without a document. */
export const noIdKey = (r: { householdNodeId: number; name: string; birthDate: string }) =>
  `${r.householdNodeId}|${r.name}|${r.birthDate}`;

export const residentRepo = {
  async byId(exec: Exec, id: number): Promise<ResidentRow | null> {
    const r = await joined(exec).where(eq(residents.id, id));
    return r[0] ? flat(r[0]) : null;
  },

  /** The resident record of an account (the newest, should a person have been registered twice). */
  async byUserId(exec: Exec, userId: number): Promise<ResidentRow | null> {
    const r = await joined(exec).where(eq(residents.userId, userId)).orderBy(desc(residents.id)).limit(1);
    return r[0] ? flat(r[0]) : null;
  },

  async list(exec: Exec, where: SQL[], opts: { afterId: number | null; limit: number }): Promise<ResidentRow[]> {
    const conds = [...where];
    if (opts.afterId) conds.push(gt(residents.id, opts.afterId));
    const r = await joined(exec)
      .where(and(...conds))
      .orderBy(asc(residents.id))
      .limit(opts.limit + 1);
    return r.map(flat);
  },

  byIdHashes: (exec: Exec, hashes: string[]) => exec.select().from(residents).where(inArray(residents.idHash, hashes)),
  /** Records kept as repeats of the given ones (a number registered again outside the original's area). */
  repeatsOf: (exec: Exec, ids: number[]) =>
    ids.length
      ? exec
          .select({ id: residents.id, duplicateOf: residents.duplicateOf, householdNodeId: residents.householdNodeId })
          .from(residents)
          .where(inArray(residents.duplicateOf, ids))
      : Promise.resolve([]),
  /** Residents without a document, matched by the dedupe key household + name + birth date (keys as 'household|name|birth'). */
  async withoutIdByKeys(exec: Exec, keys: { householdNodeId: number; name: string; birthDate: string }[]) {
    if (!keys.length) return [];
    const households = [...new Set(keys.map((k) => k.householdNodeId))];
    // A record kept as the repeat of a number known elsewhere has a document: it is not one of these.
    const r = await exec
      .select()
      .from(residents)
      .where(
        and(
          isNull(residents.idHash),
          isNull(residents.duplicateOf),
          inArray(residents.householdNodeId, households),
          inArray(residents.name, [...new Set(keys.map((k) => k.name))]),
        ),
      );
    const want = new Set(keys.map(noIdKey));
    return r.filter((x) => want.has(noIdKey(x)));
  },

  async insert(exec: Exec, v: ResidentInsert) {
    const [row] = await exec.insert(residents).values(v).returning();
    return row!;
  },
  async insertMany(exec: Exec, v: ResidentInsert[]) {
    await exec.insert(residents).values(v);
  },
  /** Inserts in one statement and returns the new ids in the order given. */
  async insertManyReturningIds(exec: Exec, v: ResidentInsert[]): Promise<number[]> {
    const r = await exec.insert(residents).values(v).returning({ id: residents.id });
    return r.map((x) => x.id);
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
    if (s.kind === 'pinyin')
      return or(
        sql`${residents.namePinyin} like ${likeEscape(s.key) + '%'}`,
        sql`${residents.nameInitials} like ${likeEscape(s.key) + '%'}`,
      )!;
    if (s.kind === 'name')
      return and(
        sql`${residents.namePinyin} like ${likeEscape(s.key) + '%'}`,
        sql`${residents.name} like ${'%' + likeEscape(s.text) + '%'}`,
      )!;
    if (s.kind === 'text')
      return or(
        sql`${residents.name} like ${'%' + likeEscape(s.text) + '%'}`,
        // The household label as label.ts writes it, so a label copied from a list finds that household's people.
        sql`concat_ws(' ', ${estateNode.name}, ${buildingNode.name}, ${territoryNodes.name}) like ${'%' + likeEscape(s.text) + '%'}`,
      )!;
    if (s.kind === 'number') return or(inArray(residents.idHash, s.idHashes), eq(residents.phoneHash, s.phoneHash))!;
    return or(eq(residents.idTail, s.tail), eq(residents.phoneTail, s.tail))!;
  },
};

export const housingRepo = {
  async get(exec: Exec, nodeId: number) {
    const [r] = await exec.select().from(housing).where(eq(housing.householdNodeId, nodeId));
    return r ?? null;
  },
  async put(exec: Exec, v: typeof housing.$inferInsert) {
    const [r] = await exec
      .insert(housing)
      .values(v)
      .onConflictDoUpdate({ target: housing.householdNodeId, set: { ...v } })
      .returning();
    return r!;
  },
};

/** Care levels and visits written in bulk (load.ts); the care service writes one at a time itself. */
export const careRepo = {
  async insertLevels(exec: Exec, v: (typeof careLevels.$inferInsert)[]) {
    if (v.length) await exec.insert(careLevels).values(v);
  },
  async insertVisits(exec: Exec, v: (typeof visits.$inferInsert)[]) {
    if (v.length) await exec.insert(visits).values(v);
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
  async byCode(exec: Exec, code: string): Promise<TagRow | undefined> {
    return (await exec.select().from(personTags).where(eq(personTags.code, code)))[0];
  },
  async byName(exec: Exec, name: string): Promise<TagRow | undefined> {
    return (await exec.select().from(personTags).where(eq(personTags.name, name)))[0];
  },
  /** Adds the tags whose code is not in the catalogue yet; existing rows are left untouched. */
  async insertMissing(exec: Exec, v: { code: string; name: string }[]) {
    if (v.length) await exec.insert(personTags).values(v).onConflictDoNothing({ target: personTags.code });
  },
  async update(exec: Exec, code: string, v: { name: string; retiredAt: Date | null }): Promise<TagRow> {
    const [r] = await exec.update(personTags).set(v).where(eq(personTags.code, code)).returning();
    return r!;
  },
};
export type TagRow = typeof personTags.$inferSelect;

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
    const r = await rows<{ committed_at: Date | null }>(
      exec,
      sql`select committed_at from people_imports where id = ${id} for update`,
    );
    return r[0] ?? null;
  },
  markCommitted: (exec: Exec, id: string, at: Date) =>
    exec.update(peopleImports).set({ committedAt: at }).where(eq(peopleImports.id, id)),
};

const gridNode = alias(territoryNodes, 'grid_node');
const householdNode = alias(territoryNodes, 'household_node');

export type DiaryRow = typeof diaryEntries.$inferSelect & {
  authorName: string;
  gridName: string;
  householdName: string | null;
};

/** Field diary entries and the visits that go into a grid's monthly ledger. */
export const diaryRepo = {
  async insert(exec: Exec, v: typeof diaryEntries.$inferInsert) {
    const [r] = await exec.insert(diaryEntries).values(v).returning();
    return r!;
  },
  async list(exec: Exec, where: SQL[], limit = 1000): Promise<DiaryRow[]> {
    const r = await exec
      .select({
        e: diaryEntries,
        authorName: users.displayName,
        gridName: gridNode.name,
        householdName: householdNode.name,
        buildingName: buildingNode.name,
        estateName: estateNode.name,
      })
      .from(diaryEntries)
      .innerJoin(users, eq(users.id, diaryEntries.authorUserId))
      .innerJoin(gridNode, eq(gridNode.id, diaryEntries.gridNodeId))
      .leftJoin(householdNode, eq(householdNode.id, diaryEntries.householdNodeId))
      .leftJoin(buildingNode, and(eq(buildingNode.id, householdNode.parentId), eq(buildingNode.kind, 'building')))
      .leftJoin(estateNode, and(eq(estateNode.id, buildingNode.parentId), eq(estateNode.kind, 'estate')))
      .where(and(...where))
      .orderBy(asc(diaryEntries.occurredOn), asc(diaryEntries.id))
      .limit(limit);
    return r.map(({ e, householdName, buildingName, estateName, ...x }) => ({
      ...e,
      ...x,
      householdName: householdName == null ? null : householdLabel({ estateName, buildingName, householdName }),
    }));
  },
  byId: async (exec: Exec, id: number) => (await diaryRepo.list(exec, [eq(diaryEntries.id, id)], 1))[0] ?? null,
  inMonth: (from: string, to: string) =>
    and(sql`${diaryEntries.occurredOn} >= ${from}::date`, sql`${diaryEntries.occurredOn} < ${to}::date`)!,
  grid: (gridId: number) => eq(diaryEntries.gridNodeId, gridId),
  author: (userId: number) => eq(diaryEntries.authorUserId, userId),
  /** Links the case once: a second conversion finds the first case already linked. */
  async linkCase(exec: Exec, id: number, caseId: number) {
    await exec
      .update(diaryEntries)
      .set({ caseId })
      .where(and(eq(diaryEntries.id, id), isNull(diaryEntries.caseId)));
  },
  async namesOf(exec: Exec, ids: number[]) {
    if (!ids.length) return new Map<number, string>();
    const r = await exec
      .select({ id: residents.id, name: residents.name })
      .from(residents)
      .where(inArray(residents.id, ids));
    return new Map(r.map((x) => [x.id, x.name]));
  },
  /**
   * What one person did on a China day, from the records their work left: visits, reports, steps taken on cases and
   * diary notes, in time order. Only the person's own records, so no scope predicate is needed beyond the user id.
   */
  async dayOf(exec: Exec, userId: number, day: string) {
    const from = sql`(${day}::date::timestamp at time zone 'Asia/Shanghai')`;
    const to = sql`((${day}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
    return rows<{
      kind: 'visit' | 'report' | 'case_step' | 'note';
      at: Date | string;
      action: string | null;
      title: string;
      detail: string | null;
      case_id: number | null;
      resident_id: number | null;
      entry_id: number | null;
    }>(
      exec,
      sql`select 'visit' as kind, v.created_at as at, null as action, r.name as title, v.note as detail, null::bigint as case_id, v.resident_id, null::int as entry_id
            from visits v join residents r on r.id = v.resident_id where v.visitor_user_id = ${userId} and v.visited_on = ${day}::date
          union all
          select 'report', c.created_at, null, c.number, c.description, c.id, null, null
            from cases c where c.reporter_user_id = ${userId} and c.created_at >= ${from} and c.created_at < ${to}
          union all
          select 'case_step', e.at, e.action, c.number, e.note, c.id, null, null
            from case_events e join cases c on c.id = e.case_id
            where e.actor_id = ${userId} and e.at >= ${from} and e.at < ${to} and e.action <> 'report'
          union all
          select 'note', d.created_at, null, coalesce(h.name, d.place, g.name), d.content, d.case_id, null, d.id
            from diary_entries d join territory_nodes g on g.id = d.grid_node_id left join territory_nodes h on h.id = d.household_node_id
            where d.author_user_id = ${userId} and d.occurred_on = ${day}::date
          order by at, kind
          limit 500`,
    );
  },
  /** The visits made under a grid in a month, for its ledger; the visit's path is the resident's at the time. */
  async visitsUnder(exec: Exec, gridPath: string, from: string, to: string) {
    const r = await exec
      .select({
        visitedOn: visits.visitedOn,
        note: visits.note,
        residentName: residents.name,
        householdName: territoryNodes.name,
        buildingName: buildingNode.name,
        estateName: estateNode.name,
        visitorName: users.displayName,
      })
      .from(visits)
      .innerJoin(residents, eq(residents.id, visits.residentId))
      .innerJoin(territoryNodes, eq(territoryNodes.id, residents.householdNodeId))
      .leftJoin(buildingNode, and(eq(buildingNode.id, territoryNodes.parentId), eq(buildingNode.kind, 'building')))
      .leftJoin(estateNode, and(eq(estateNode.id, buildingNode.parentId), eq(estateNode.kind, 'estate')))
      .innerJoin(users, eq(users.id, visits.visitorUserId))
      .where(
        and(
          sql`${visits.nodePath} like ${likeEscape(gridPath) + '%'}`,
          sql`${visits.visitedOn} >= ${from}::date`,
          sql`${visits.visitedOn} < ${to}::date`,
        ),
      )
      .orderBy(asc(visits.visitedOn), asc(visits.id));
    return r.map(({ buildingName, estateName, ...v }) => ({
      ...v,
      householdName: householdLabel({ estateName, buildingName, householdName: v.householdName }),
    }));
  },
};
