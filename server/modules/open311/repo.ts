// SQL of the Open311 module: API keys and their service accounts, Open311 request rows, places from addresses, public notes.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { caseEvents } from '../cases';
import { territoryNodes } from '../territory';
import { users } from '../users';
import { PUBLIC_NOTE_ACTIONS } from './statuses';
import { open311ApiKeys, open311Requests } from './tables';

export type ApiKeyRow = typeof open311ApiKeys.$inferSelect;
export type PlaceRow = { id: number; kind: string; path: string };

export const open311Repo = {
  async insertKey(exec: Exec, v: typeof open311ApiKeys.$inferInsert): Promise<ApiKeyRow> {
    const [row] = await exec.insert(open311ApiKeys).values(v).returning();
    return row!;
  },

  async listKeys(exec: Exec) {
    return exec
      .select({ k: open311ApiKeys, createdByName: users.displayName })
      .from(open311ApiKeys)
      .leftJoin(users, eq(users.id, open311ApiKeys.createdBy))
      .orderBy(desc(open311ApiKeys.id));
  },

  async keyById(exec: Exec, id: number): Promise<ApiKeyRow | null> {
    return (await exec.select().from(open311ApiKeys).where(eq(open311ApiKeys.id, id)))[0] ?? null;
  },

  /** The key with this hash and its service account's name, revoked or not. */
  async keyByHash(exec: Exec, keyHash: string) {
    const r = await exec
      .select({ k: open311ApiKeys, displayName: users.displayName, username: users.username })
      .from(open311ApiKeys)
      .innerJoin(users, eq(users.id, open311ApiKeys.userId))
      .where(eq(open311ApiKeys.keyHash, keyHash));
    return r[0] ?? null;
  },

  async revokeKey(exec: Exec, id: number, at: Date): Promise<ApiKeyRow | null> {
    const r = await exec
      .update(open311ApiKeys)
      .set({ revokedAt: at })
      .where(and(eq(open311ApiKeys.id, id), isNull(open311ApiKeys.revokedAt)))
      .returning();
    return r[0] ?? null;
  },

  async touchKey(exec: Exec, id: number, at: Date): Promise<void> {
    await exec.update(open311ApiKeys).set({ lastUsedAt: at }).where(eq(open311ApiKeys.id, id));
  },

  /** District nodes: each deployment serves one district, whose code is the default jurisdiction_id. */
  async districts(exec: Exec): Promise<(PlaceRow & { code: string })[]> {
    return exec
      .select({
        id: territoryNodes.id,
        kind: territoryNodes.kind,
        path: territoryNodes.path,
        code: territoryNodes.code,
      })
      .from(territoryNodes)
      .where(and(eq(territoryNodes.kind, 'district'), isNull(territoryNodes.retiredAt)));
  },

  /** address_id is a territory code (grid, estate, building or household): the master address list is the territory tree. */
  async placeByCode(exec: Exec, code: string): Promise<PlaceRow | null> {
    const r = await exec
      .select({ id: territoryNodes.id, kind: territoryNodes.kind, path: territoryNodes.path })
      .from(territoryNodes)
      .where(and(eq(territoryNodes.code, code), isNull(territoryNodes.retiredAt)));
    return r[0] ?? null;
  },

  /** The estate or grid whose name the address mentions; the longest name wins ("锦绣小区12期" over "锦绣小区1期"). */
  async placeByAddress(exec: Exec, address: string): Promise<PlaceRow | null> {
    const r = await rows<PlaceRow>(
      exec,
      sql`select id, kind, path from territory_nodes
          where kind in ('estate', 'grid') and retired_at is null and length(name) >= 3 and strpos(${address}, name) > 0
          order by length(name) desc, id limit 1`,
    );
    return r[0] ?? null;
  },

  async insertRequest(exec: Exec, v: typeof open311Requests.$inferInsert): Promise<void> {
    await exec.insert(open311Requests).values(v).onConflictDoNothing({ target: open311Requests.caseId });
  },

  async requestByCase(exec: Exec, caseId: number) {
    return (await exec.select().from(open311Requests).where(eq(open311Requests.caseId, caseId)))[0] ?? null;
  },

  async requestByToken(exec: Exec, token: string) {
    return (await exec.select().from(open311Requests).where(eq(open311Requests.token, token)))[0] ?? null;
  },

  async mediaUrls(exec: Exec, caseIds: number[]): Promise<Map<number, string | null>> {
    if (!caseIds.length) return new Map();
    const r = await exec
      .select({ caseId: open311Requests.caseId, mediaUrl: open311Requests.mediaUrl })
      .from(open311Requests)
      .where(inArray(open311Requests.caseId, caseIds));
    return new Map(r.map((x) => [x.caseId, x.mediaUrl]));
  },

  /** The newest public note of each case (see PUBLIC_NOTE_ACTIONS). */
  async publicNotes(exec: Exec, caseIds: number[]): Promise<Map<number, string>> {
    if (!caseIds.length) return new Map();
    const r = await exec
      .selectDistinctOn([caseEvents.caseId], { caseId: caseEvents.caseId, note: caseEvents.note })
      .from(caseEvents)
      .where(
        and(
          inArray(caseEvents.caseId, caseIds),
          inArray(caseEvents.action, [...PUBLIC_NOTE_ACTIONS]),
          sql`${caseEvents.note} is not null and ${caseEvents.note} <> ''`,
        ),
      )
      .orderBy(caseEvents.caseId, desc(caseEvents.id));
    return new Map(r.map((x) => [x.caseId, x.note!]));
  },
};
