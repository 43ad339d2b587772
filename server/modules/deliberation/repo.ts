// SQL of deliberation: proposals with the overdue-for-agenda test, supports and follows, councils, meetings, agenda,
// the roll and the ballots, resolutions.
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { cases } from '../cases';
import { territoryNodes } from '../territory';
import {
  agendaItems,
  ballots,
  councilMembers,
  councils,
  meetings,
  openChoices,
  proposalFollows,
  proposals,
  proposalSupports,
  proxyRecords,
  resolutionProgress,
  resolutions,
  voteRoll,
  votes,
} from './tables';

export type ProposalRow = typeof proposals.$inferSelect & { nodeName: string; path: string; overdue: boolean };
export type CouncilRow = typeof councils.$inferSelect & { nodeName: string; path: string; nodeKind: string };
export type VoteRow = typeof votes.$inferSelect;

/** A council over the proposal's place whose threshold its supports have passed. */
const overdue = sql<boolean>`(${proposals.status} = 'open' and exists (
  select 1 from ${councils} c join ${territoryNodes} cn on cn.id = c.node_id
  where ${territoryNodes.path} like cn.path || '%' and ${proposals.supports} >= c.support_threshold))`;

export const deliberationRepo = {
  async nodeById(exec: Exec, id: number) {
    const [n] = await exec.select().from(territoryNodes).where(eq(territoryNodes.id, id));
    return n ?? null;
  },

  async proposals(
    exec: Exec,
    where: SQL,
    f: { status?: string; queue?: boolean; mineUserId?: number; before?: number; limit: number },
  ): Promise<ProposalRow[]> {
    const conds = [where];
    if (f.status) conds.push(eq(proposals.status, f.status));
    if (f.queue) conds.push(eq(proposals.status, 'open'));
    if (f.mineUserId)
      conds.push(
        sql`(${proposals.authorUserId} = ${f.mineUserId} or exists (select 1 from ${proposalFollows} f where f.proposal_id = ${proposals.id} and f.user_id = ${f.mineUserId}))`,
      );
    if (f.before) conds.push(lt(proposals.id, f.before));
    const q = exec
      .select({ p: proposals, nodeName: territoryNodes.name, path: territoryNodes.path, overdue })
      .from(proposals)
      .innerJoin(territoryNodes, eq(territoryNodes.id, proposals.nodeId))
      .where(and(...conds))
      .orderBy(...(f.queue ? [desc(overdue), desc(proposals.id)] : [desc(proposals.id)]))
      .limit(f.limit);
    return (await q).map((r) => ({ ...r.p, nodeName: r.nodeName, path: r.path, overdue: !!r.overdue }));
  },

  async proposal(exec: Exec, id: number): Promise<ProposalRow | null> {
    const [r] = await exec
      .select({ p: proposals, nodeName: territoryNodes.name, path: territoryNodes.path, overdue })
      .from(proposals)
      .innerJoin(territoryNodes, eq(territoryNodes.id, proposals.nodeId))
      .where(eq(proposals.id, id));
    return r ? { ...r.p, nodeName: r.nodeName, path: r.path, overdue: !!r.overdue } : null;
  },

  async insertProposal(exec: Exec, v: typeof proposals.$inferInsert) {
    const [r] = await exec.insert(proposals).values(v).returning();
    return r!;
  },

  async updateProposal(exec: Exec, id: number, v: Partial<typeof proposals.$inferInsert>) {
    await exec.update(proposals).set(v).where(eq(proposals.id, id));
  },

  /** Adds a household's support once; true when it was new (the count goes up in the same statement batch). */
  async support(exec: Exec, v: typeof proposalSupports.$inferInsert): Promise<boolean> {
    const made = await exec.insert(proposalSupports).values(v).onConflictDoNothing().returning();
    if (!made.length) return false;
    await exec
      .update(proposals)
      .set({ supports: sql`${proposals.supports} + 1` })
      .where(eq(proposals.id, v.proposalId));
    return true;
  },

  async follow(exec: Exec, proposalId: number, userId: number) {
    await exec.insert(proposalFollows).values({ proposalId, userId }).onConflictDoNothing();
  },

  async marks(exec: Exec, ids: number[], userId: number, householdId: number | null) {
    if (!ids.length) return { supported: new Set<number>(), followed: new Set<number>() };
    const s = householdId
      ? await exec
          .select({ id: proposalSupports.proposalId })
          .from(proposalSupports)
          .where(and(inArray(proposalSupports.proposalId, ids), eq(proposalSupports.householdId, householdId)))
      : [];
    const f = await exec
      .select({ id: proposalFollows.proposalId })
      .from(proposalFollows)
      .where(and(inArray(proposalFollows.proposalId, ids), eq(proposalFollows.userId, userId)));
    return { supported: new Set(s.map((x) => x.id)), followed: new Set(f.map((x) => x.id)) };
  },

  async councils(exec: Exec, where: SQL): Promise<CouncilRow[]> {
    const r = await exec
      .select({ c: councils, nodeName: territoryNodes.name, path: territoryNodes.path, nodeKind: territoryNodes.kind })
      .from(councils)
      .innerJoin(territoryNodes, eq(territoryNodes.id, councils.nodeId))
      .where(where)
      .orderBy(asc(territoryNodes.path), asc(councils.id));
    return r.map((x) => ({ ...x.c, nodeName: x.nodeName, path: x.path, nodeKind: x.nodeKind }));
  },

  async council(exec: Exec, id: number): Promise<CouncilRow | null> {
    return (await this.councils(exec, eq(councils.id, id)))[0] ?? null;
  },

  async insertCouncil(exec: Exec, v: typeof councils.$inferInsert) {
    const [r] = await exec.insert(councils).values(v).returning();
    return r!;
  },

  async members(exec: Exec, councilIds: number[]) {
    if (!councilIds.length) return [];
    return exec
      .select()
      .from(councilMembers)
      .where(inArray(councilMembers.councilId, councilIds))
      .orderBy(asc(councilMembers.id));
  },

  async insertMember(exec: Exec, v: typeof councilMembers.$inferInsert) {
    const [r] = await exec.insert(councilMembers).values(v).returning();
    return r!;
  },

  async meetings(exec: Exec, councilIds: number[]) {
    if (!councilIds.length) return [];
    return exec.select().from(meetings).where(inArray(meetings.councilId, councilIds)).orderBy(desc(meetings.startsAt));
  },

  async meeting(exec: Exec, id: number) {
    const [m] = await exec.select().from(meetings).where(eq(meetings.id, id));
    return m ?? null;
  },

  async insertMeeting(exec: Exec, v: typeof meetings.$inferInsert) {
    const [r] = await exec.insert(meetings).values(v).returning();
    return r!;
  },

  async updateMeeting(exec: Exec, id: number, v: Partial<typeof meetings.$inferInsert>) {
    await exec.update(meetings).set(v).where(eq(meetings.id, id));
  },

  async agenda(exec: Exec, councilIds: number[]) {
    if (!councilIds.length) return [];
    return exec
      .select()
      .from(agendaItems)
      .where(inArray(agendaItems.councilId, councilIds))
      .orderBy(asc(agendaItems.id));
  },

  async agendaItem(exec: Exec, id: number) {
    const [a] = await exec.select().from(agendaItems).where(eq(agendaItems.id, id));
    return a ?? null;
  },

  async insertAgendaItem(exec: Exec, v: typeof agendaItems.$inferInsert) {
    const [r] = await exec.insert(agendaItems).values(v).returning();
    return r!;
  },

  async updateAgendaItem(exec: Exec, id: number, v: Partial<typeof agendaItems.$inferInsert>) {
    await exec.update(agendaItems).set(v).where(eq(agendaItems.id, id));
  },

  async votes(exec: Exec, councilIds: number[]) {
    if (!councilIds.length) return [];
    return exec.select().from(votes).where(inArray(votes.councilId, councilIds)).orderBy(desc(votes.id));
  },

  async vote(exec: Exec, id: number, lock = false): Promise<VoteRow | null> {
    const q = exec.select().from(votes).where(eq(votes.id, id));
    const [v] = lock ? await q.for('update') : await q;
    return v ?? null;
  },

  async insertVote(exec: Exec, v: typeof votes.$inferInsert) {
    const [r] = await exec.insert(votes).values(v).returning();
    return r!;
  },

  async updateVote(exec: Exec, id: number, v: Partial<typeof votes.$inferInsert>) {
    await exec.update(votes).set(v).where(eq(votes.id, id));
  },

  async rollEntry(exec: Exec, voteId: number, voterKey: string) {
    const [r] = await exec
      .select()
      .from(voteRoll)
      .where(and(eq(voteRoll.voteId, voteId), eq(voteRoll.voterKey, voterKey)));
    return r ?? null;
  },

  /** Puts the voter on the roll; false when they are on it already (the roll's key is vote and voter). */
  async enrol(exec: Exec, v: typeof voteRoll.$inferInsert): Promise<boolean> {
    return (await exec.insert(voteRoll).values(v).onConflictDoNothing().returning()).length > 0;
  },

  async castBallot(exec: Exec, voteId: number, choice: string) {
    await exec.insert(ballots).values({ voteId, choice });
  },

  async recordOpenChoice(exec: Exec, voteId: number, voterKey: string, choice: string) {
    await exec.insert(openChoices).values({ voteId, voterKey, choice });
  },

  async insertProxy(exec: Exec, v: typeof proxyRecords.$inferInsert) {
    const [r] = await exec.insert(proxyRecords).values(v).returning();
    return r!;
  },

  /** Counts of each choice among a vote's ballots, and the roll's length. */
  async tally(exec: Exec, voteIds: number[]) {
    if (!voteIds.length) return { ballots: [], roll: [] };
    const b = await rows<{ vote_id: number; choice: string; n: string }>(
      exec,
      sql`select vote_id, choice, count(*) as n from ${ballots} where vote_id in ${voteIds} group by vote_id, choice`,
    );
    const r = await rows<{ vote_id: number; n: string }>(
      exec,
      sql`select vote_id, count(*) as n from ${voteRoll} where vote_id in ${voteIds} group by vote_id`,
    );
    return { ballots: b, roll: r };
  },

  async roll(exec: Exec, voteId: number) {
    return rows<{ voter_label: string; by_proxy: boolean; choice: string | null }>(
      exec,
      sql`select r.voter_label, r.by_proxy, o.choice from ${voteRoll} r
          left join ${openChoices} o on o.vote_id = r.vote_id and o.voter_key = r.voter_key
          where r.vote_id = ${voteId} order by r.voter_label`,
    );
  },

  async votedKeys(exec: Exec, voteIds: number[], keys: string[]) {
    if (!voteIds.length || !keys.length) return [];
    return exec
      .select({ voteId: voteRoll.voteId, key: voteRoll.voterKey })
      .from(voteRoll)
      .where(and(inArray(voteRoll.voteId, voteIds), inArray(voteRoll.voterKey, keys)));
  },

  async resolutions(exec: Exec, councilIds: number[]) {
    if (!councilIds.length) return [];
    return exec
      .select({ r: resolutions, caseStatus: cases.status })
      .from(resolutions)
      .leftJoin(cases, eq(cases.id, resolutions.caseId))
      .where(inArray(resolutions.councilId, councilIds))
      .orderBy(desc(resolutions.id));
  },

  async resolution(exec: Exec, id: number) {
    const [r] = await exec.select().from(resolutions).where(eq(resolutions.id, id));
    return r ?? null;
  },

  async insertResolution(exec: Exec, v: typeof resolutions.$inferInsert) {
    const [r] = await exec.insert(resolutions).values(v).returning();
    return r!;
  },

  async updateResolution(exec: Exec, id: number, v: Partial<typeof resolutions.$inferInsert>) {
    await exec.update(resolutions).set(v).where(eq(resolutions.id, id));
  },

  async progress(exec: Exec, ids: number[]) {
    if (!ids.length) return [];
    return exec
      .select()
      .from(resolutionProgress)
      .where(inArray(resolutionProgress.resolutionId, ids))
      .orderBy(asc(resolutionProgress.id));
  },

  async insertProgress(exec: Exec, v: typeof resolutionProgress.$inferInsert) {
    await exec.insert(resolutionProgress).values(v);
  },

  /** Nodes under `path` down to grids and estates (places a worker may file for), and the ancestors of a node. */
  async placesUnder(exec: Exec, path: string) {
    return exec
      .select({
        id: territoryNodes.id,
        name: territoryNodes.name,
        kind: territoryNodes.kind,
        path: territoryNodes.path,
      })
      .from(territoryNodes)
      .where(
        and(
          sql`${territoryNodes.path} like ${path + '%'}`,
          inArray(territoryNodes.kind, ['street', 'community', 'grid', 'estate']),
        ),
      )
      .orderBy(asc(territoryNodes.path))
      .limit(200);
  },

  async ancestors(exec: Exec, path: string) {
    return exec
      .select({
        id: territoryNodes.id,
        name: territoryNodes.name,
        kind: territoryNodes.kind,
        path: territoryNodes.path,
      })
      .from(territoryNodes)
      .where(
        and(
          sql`${path} like ${territoryNodes.path} || '%'`,
          inArray(territoryNodes.kind, ['community', 'grid', 'estate', 'building']),
        ),
      )
      .orderBy(asc(territoryNodes.path));
  },
};
