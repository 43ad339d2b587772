// SQL for cases: load with names, versioned updates, timeline events, inbox pages, categories, the responsibility list.
import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, lt, SQL, sql } from 'drizzle-orm';
import { rows, type Exec, type Write } from '../../platform/db';
import { compileSelect } from '../../platform/select';
import { organisations } from '../organisations';
import { type NodeRow, territoryNodes } from '../territory';
import { caseCategories, caseEvents, caseParticipants, cases, idempotencyKeys } from './tables';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CategoryRow = typeof caseCategories.$inferSelect;
export type CaseListRow = CaseRow & { categoryName: string; gridName: string; assigneeName: string | null };

/**
 * A new case as the database holds it once inserted: the given values over the columns' plain defaults. Columns whose
 * default is SQL (photos) must be given; the intake answers from this row instead of reading it back.
 */
export function newCaseRow(v: typeof cases.$inferInsert & { id: number }): CaseRow {
  const row: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(getTableColumns(cases))) {
    const given = (v as Record<string, unknown>)[k];
    row[k] = given !== undefined ? given : col.default === undefined || col.default instanceof SQL ? null : col.default;
  }
  return row as CaseRow;
}

const listColumns = {
  categoryName: sql<string>`coalesce((select name from case_categories cc where cc.code = ${cases.categoryCode}), ${cases.categoryCode})`,
  gridName: sql<string>`(select name from territory_nodes g where g.id = ${cases.gridId})`,
  assigneeName: sql<
    string | null
  >`coalesce((select name from organisations o where o.id = ${cases.assigneeOrganisationId}), (select name from territory_nodes a where a.id = ${cases.assigneeNodeId}), (select display_name from users u where u.id = ${cases.assigneeUserId}))`,
};

// The two hottest reads (a case with its names; a case's timeline), compiled once (platform/select.ts).
const caseRows = compileSelect({ ...getTableColumns(cases), ...listColumns }, sql`${cases}`);
const eventRows = compileSelect(getTableColumns(caseEvents), sql`${caseEvents}`);
const participantRows = compileSelect(getTableColumns(caseParticipants), sql`${caseParticipants}`);
const summonRows = compileSelect(
  {
    organisationId: caseParticipants.organisationId,
    organisationName: organisations.name,
    organisationKind: organisations.kind,
    reportInDueAt: sql<Date>`${caseParticipants.reportInDueAt}`.mapWith(caseParticipants.reportInDueAt),
    reportedInAt: caseParticipants.reportedInAt,
  },
  sql`${caseParticipants} inner join ${organisations} on ${organisations.id} = ${caseParticipants.organisationId}`,
);

export const caseRepo = {
  async byId(exec: Exec, id: number): Promise<CaseListRow | null> {
    const r = await caseRows.run(exec, sql`where ${cases.id} = ${id}`);
    return (r[0] as CaseListRow | undefined) ?? null;
  },

  /** Locks the case row for the rest of the transaction. */
  async lock(exec: Exec, id: number): Promise<CaseRow | null> {
    const r = await exec.select().from(cases).where(eq(cases.id, id)).for('update');
    return r[0] ?? null;
  },

  async participants(exec: Exec, caseId: number) {
    return participantRows.run(exec, sql`where ${caseParticipants.caseId} = ${caseId}`);
  },

  async addParticipant(
    exec: Exec,
    caseId: number,
    organisationId: number,
    role: 'assignee' | 'whistle',
    reportInDueAt: Date | null = null,
  ) {
    await exec
      .insert(caseParticipants)
      .values({ caseId, organisationId, role, reportInDueAt })
      .onConflictDoUpdate({
        target: [caseParticipants.caseId, caseParticipants.organisationId],
        set: {
          role: sql`case when ${caseParticipants.role} = 'whistle' then ${role} else ${caseParticipants.role} end`,
          // Summoned again: a new report-in deadline, unless the department has already reported in.
          ...(reportInDueAt
            ? {
                reportInDueAt: sql`case when ${caseParticipants.reportedInAt} is null then ${reportInDueAt.toISOString()}::timestamptz else ${caseParticipants.reportInDueAt} end`,
              }
            : {}),
        },
      });
  },

  /** The summoned department's participation, for the report-in deadline job. */
  async participant(exec: Exec, caseId: number, organisationId: number) {
    const r = await exec
      .select()
      .from(caseParticipants)
      .where(and(eq(caseParticipants.caseId, caseId), eq(caseParticipants.organisationId, organisationId)));
    return r[0] ?? null;
  },

  /** The organisations a whistle summoned to a case, with their report-in deadline and when they reported in. */
  async summons(exec: Exec, caseId: number) {
    return summonRows.run(
      exec,
      sql`where ${caseParticipants.caseId} = ${caseId} and ${caseParticipants.reportInDueAt} is not null
          order by ${caseParticipants.reportInDueAt} asc, ${organisations.name} asc`,
    );
  },

  /** Of the given cases, those whose summons still waits for one of `organisationIds`, with the earliest deadline. */
  async pendingSummons(exec: Exec, caseIds: number[], organisationIds: number[]): Promise<Map<number, Date>> {
    if (!caseIds.length || !organisationIds.length) return new Map();
    const r = await exec
      .select({
        caseId: caseParticipants.caseId,
        dueAt: sql<Date>`min(${caseParticipants.reportInDueAt})`.mapWith(caseParticipants.reportInDueAt),
      })
      .from(caseParticipants)
      .where(
        and(
          inArray(caseParticipants.caseId, caseIds),
          inArray(caseParticipants.organisationId, organisationIds),
          isNotNull(caseParticipants.reportInDueAt),
          isNull(caseParticipants.reportedInAt),
        ),
      )
      .groupBy(caseParticipants.caseId);
    return new Map(r.map((x) => [x.caseId, x.dueAt]));
  },

  /**
   * Mediators (和事佬) who may take a private matter of a case on `nodePath`: active users bound as mediator to its grid
   * (the grid's party member) or its community; the grid's own first. With `userId`, only that person.
   */
  async mediators(exec: Exec, nodePath: string, userId?: number) {
    return rows<{ id: number; name: string; nodeName: string; nodeKind: 'grid' | 'community' }>(
      exec,
      sql`select distinct on (u.id) u.id, u.display_name as name, n.name as "nodeName", n.kind as "nodeKind", n.depth
          from role_bindings b join users u on u.id = b.user_id and u.disabled_at is null
          join territory_nodes n on n.id = b.node_id and n.retired_at is null
          where b.role = 'mediator' and n.kind in ('grid', 'community') and ${nodePath} like n.path || '%'
            ${userId != null ? sql`and u.id = ${userId}` : sql``}
          order by u.id, n.depth desc`,
    ).then((r) =>
      r
        .sort((a, b) => b.nodeKind.localeCompare(a.nodeKind) || a.id - b.id)
        .map(({ id, name, nodeName, nodeKind }) => ({ id, name, nodeName, nodeKind })),
    );
  },

  async mediator(exec: Exec, userId: number, nodePath: string) {
    return (await caseRepo.mediators(exec, nodePath, userId))[0] ?? null;
  },

  async reportIn(exec: Exec, caseId: number, organisationIds: number[], at: Date) {
    for (const organisationId of organisationIds) {
      await exec
        .update(caseParticipants)
        .set({ reportedInAt: at })
        .where(and(eq(caseParticipants.caseId, caseId), eq(caseParticipants.organisationId, organisationId)));
    }
  },

  /** Applies a change only if nobody changed the case since `version`; returns null on a lost race. */
  async updateVersioned(
    exec: Exec,
    id: number,
    version: number,
    patch: Partial<typeof cases.$inferInsert>,
  ): Promise<CaseRow | null> {
    const r = await exec
      .update(cases)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(cases.id, id), eq(cases.version, version)))
      .returning();
    return r[0] ?? null;
  },

  async addEvent(exec: Exec, v: typeof caseEvents.$inferInsert): Promise<void> {
    await exec.insert(caseEvents).values(v);
  },

  /**
   * What an intake reads, in one round trip: a fresh case id (none for a retry), the case an Idempotency-Key already made, the category,
   * and the candidate grids (`grids`: those matching `gridWhere`, e.g. boxes holding the point, or the named grid).
   */
  async intakeContext(
    exec: Exec,
    q: { userId: number; key: string | null; categoryCode: string; gridWhere: SQL; shape: string },
  ) {
    const r = await exec
      .select({
        id: sql<string>`one.id`,
        seen: sql<number | null>`one.seen`,
        category: caseCategories,
        grid: territoryNodes,
      })
      // A retry (its key already made a case) takes no new id: case numbers come from ids, and a retry is no new case.
      .from(
        q.key
          ? sql`(select k.seen, case when k.seen is null then nextval(pg_get_serial_sequence('cases', 'id')) end as id
                 from (select (select case_id from idempotency_keys k where k.user_id = ${q.userId} and k.key = ${q.key}) as seen) k) one`
          : sql`(select null::bigint as seen, nextval(pg_get_serial_sequence('cases', 'id')) as id) one`,
      )
      .leftJoin(caseCategories, eq(caseCategories.code, q.categoryCode))
      .leftJoin(territoryNodes, q.gridWhere)
      // A named statement per shape of the query (with or without a key, grids by point or by id): planned once per connection.
      .prepare(`intake_context_${q.key ? 'key' : 'nokey'}_${q.shape}`)
      .execute();
    const first = r[0]!;
    return {
      id: Number(first.id),
      seen: first.seen == null ? null : Number(first.seen),
      category: first.category,
      grids: r.map((x) => x.grid).filter((g): g is NodeRow => g != null),
    };
  },

  /** The writes of a new case (the row, its first events, the remembered Idempotency-Key), for one statement; the events' ids come back under `as`. */
  newCaseWrites(
    exec: Exec,
    c: typeof cases.$inferInsert,
    events: (typeof caseEvents.$inferInsert)[],
    key: { userId: number; key: string } | null,
    as: string,
  ): Write[] {
    return [
      { sql: exec.insert(cases).values(c) },
      { sql: exec.insert(caseEvents).values(events).returning({ id: caseEvents.id }), as },
      ...(key
        ? [
            {
              sql: exec
                .insert(idempotencyKeys)
                .values({ userId: key.userId, key: key.key, caseId: c.id!, createdAt: c.createdAt! }),
            },
          ]
        : []),
    ];
  },

  async events(exec: Exec, caseId: number): Promise<CaseEventRow[]> {
    return (await eventRows.run(
      exec,
      sql`where ${caseEvents.caseId} = ${caseId} order by ${caseEvents.id} asc`,
    )) as CaseEventRow[];
  },

  /** One inbox page, newest first, keyset on id. */
  async list(
    exec: Exec,
    where: SQL[],
    opts: { beforeId: number | null; limit: number; order?: 'id' | 'due' },
  ): Promise<CaseListRow[]> {
    const conds = [...where];
    if (opts.beforeId) conds.push(lt(cases.id, opts.beforeId));
    const where_ = conds.length ? sql`where ${and(...conds)}` : sql``;
    return (await caseRows.run(
      exec,
      sql`${where_} order by ${cases.id} desc limit ${opts.limit + 1}`,
    )) as CaseListRow[];
  },

  async categories(exec: Exec): Promise<CategoryRow[]> {
    return exec.select().from(caseCategories).orderBy(asc(caseCategories.code));
  },

  async category(exec: Exec, code: string): Promise<CategoryRow | null> {
    const r = await exec.select().from(caseCategories).where(eq(caseCategories.code, code));
    return r[0] ?? null;
  },

  /** 权责清单 lookup: the rule for the sub-class or its class whose node is the nearest ancestor of the case's grid. */
  async suggestHandler(
    exec: Exec,
    categoryCode: string,
    nodePath: string,
  ): Promise<{ id: number; name: string } | null> {
    const r = await rows<{ id: number; name: string }>(
      exec,
      sql`select o.id, o.name from responsibility_rules r
          join territory_nodes n on n.id = r.node_id
          join organisations o on o.id = r.organisation_id and o.retired_at is null
          where r.category_code in (${categoryCode}, ${categoryCode.slice(0, 3)}) and ${nodePath} like n.path || '%'
          order by length(n.path) desc, length(r.category_code) desc limit 1`,
    );
    return r[0] ?? null;
  },

  async idempotent(exec: Exec, userId: number, key: string): Promise<number | null> {
    const r = await exec
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return r[0]?.caseId ?? null;
  },

  /** Open cases of the same category near a point in a time window: candidates for "me too". */
  async similar(
    exec: Exec,
    o: { categoryCode: string; lat: number; lng: number; radiusM: number; since: Date; scope: SQL },
  ) {
    const dLat = o.radiusM / 111_320;
    const dLng = o.radiusM / (111_320 * Math.cos((o.lat * Math.PI) / 180));
    return caseRepo.list(
      exec,
      [
        o.scope,
        eq(cases.categoryCode, o.categoryCode),
        sql`${cases.status} in ('reported','registered','dispatched','handling','replied')`,
        sql`${cases.lat} between ${o.lat - dLat} and ${o.lat + dLat}`,
        sql`${cases.lng} between ${o.lng - dLng} and ${o.lng + dLng}`,
        sql`${cases.createdAt} >= ${o.since}`,
      ],
      { beforeId: null, limit: 50 },
    );
  },

  organisation: async (exec: Exec, id: number) =>
    (await exec.select().from(organisations).where(eq(organisations.id, id)))[0] ?? null,
  node: async (exec: Exec, id: number) =>
    (await exec.select().from(territoryNodes).where(eq(territoryNodes.id, id)))[0] ?? null,
};
