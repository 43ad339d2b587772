// The only SQL of co-building: agreements, members, resources, needs, projects and their notes, and the counts of
// services done that make each unit's and member's record.
import { and, desc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Exec } from '../../platform/db';
import {
  cobuildAgreements as ag,
  cobuildMembers as mb,
  cobuildNeeds as nd,
  cobuildProjectNotes as pn,
  cobuildProjects as pj,
  cobuildResources as rs,
} from './tables';

const DONE = sql`('done', 'rated')`;
const nodeName = (col: SQLWrapper) => sql<string>`(select name from territory_nodes t where t.id = ${col})`;
const orgName = (col: SQLWrapper) => sql<string>`(select name from organisations o where o.id = ${col})`;

export type ProjectRow = typeof pj.$inferSelect & {
  title: string;
  detail: string | null;
  requesterUserId: number | null;
  ownerName: string;
  resourceTitle: string | null;
};

export const cobuildRepo = {
  async insertAgreement(exec: Exec, v: typeof ag.$inferInsert) {
    const [r] = await exec.insert(ag).values(v).returning();
    return r!;
  },
  async insertResources(exec: Exec, v: (typeof rs.$inferInsert)[]) {
    if (v.length) await exec.insert(rs).values(v);
  },

  /** Agreements in scope, with the unit's and community's names and the unit's services done there since it began. */
  async agreements(exec: Exec, where: SQL) {
    return exec
      .select({
        a: ag,
        organisationName: orgName(ag.organisationId),
        communityName: nodeName(ag.communityId),
        servicesDone: sql<number>`(select count(*)::int from cobuild_projects p where p.owner_organisation_id = ${ag.organisationId}
          and p.community_id = ${ag.communityId} and p.status in ${DONE} and p.done_at >= ${ag.startsOn}::date)`,
      })
      .from(ag)
      .where(where)
      .orderBy(desc(ag.id))
      .limit(500);
  },
  async agreementOf(exec: Exec, organisationId: number, communityId: number) {
    const [r] = await exec
      .select()
      .from(ag)
      .where(and(eq(ag.organisationId, organisationId), eq(ag.communityId, communityId)))
      .limit(1);
    return r ?? null;
  },

  async memberByUser(exec: Exec, userId: number) {
    const [r] = await exec.select().from(mb).where(eq(mb.userId, userId));
    return r ?? null;
  },
  async insertMember(exec: Exec, v: typeof mb.$inferInsert) {
    const [r] = await exec.insert(mb).values(v).onConflictDoNothing().returning();
    return r ?? null;
  },
  /** Members in scope, with names and services done in their commitment year. */
  async members(exec: Exec, where: SQL) {
    return exec
      .select({
        m: mb,
        name: sql<string>`(select display_name from users u where u.id = ${mb.userId})`,
        communityName: nodeName(mb.communityId),
        servicesDone: sql<number>`(select count(*)::int from cobuild_projects p where (p.owner_user_id = ${mb.userId} or p.done_by = ${mb.userId})
          and p.status in ${DONE} and extract(year from p.done_at at time zone 'Asia/Shanghai') = ${mb.year})`,
      })
      .from(mb)
      .where(where)
      .orderBy(desc(mb.id))
      .limit(500);
  },

  /** Resources of agreements and members, with who offers them. */
  async resources(exec: Exec, where: SQL) {
    return exec
      .select({
        r: rs,
        organisationId: ag.organisationId,
        memberUserId: mb.userId,
        providerName: sql<string>`coalesce(${orgName(ag.organisationId)}, (select display_name from users u where u.id = ${mb.userId}))`,
      })
      .from(rs)
      .leftJoin(ag, eq(ag.id, rs.agreementId))
      .leftJoin(mb, eq(mb.id, rs.memberId))
      .where(where)
      .orderBy(rs.id)
      .limit(1000);
  },
  async resource(exec: Exec, id: number) {
    const [r] = await exec.select().from(rs).where(eq(rs.id, id));
    return r ?? null;
  },
  async resourcesOfAgreements(exec: Exec, ids: number[]) {
    return ids.length ? exec.select().from(rs).where(inArray(rs.agreementId, ids)) : [];
  },
  async resourcesOfMembers(exec: Exec, ids: number[]) {
    return ids.length ? exec.select().from(rs).where(inArray(rs.memberId, ids)) : [];
  },

  async insertNeed(exec: Exec, v: typeof nd.$inferInsert) {
    const [r] = await exec.insert(nd).values(v).onConflictDoNothing().returning();
    return r ?? null;
  },
  async lockNeed(exec: Exec, id: number) {
    const [r] = await exec.select().from(nd).where(eq(nd.id, id)).for('update');
    return r ?? null;
  },
  async setNeedStatus(exec: Exec, id: number, status: string) {
    await exec.update(nd).set({ status }).where(eq(nd.id, id));
  },
  async needs(exec: Exec, where: SQL) {
    return exec
      .select({ n: nd, communityName: nodeName(nd.communityId), projectId: pj.id, projectStatus: pj.status })
      .from(nd)
      .leftJoin(pj, eq(pj.needId, nd.id))
      .where(where)
      .orderBy(desc(nd.id))
      .limit(500);
  },

  async insertProject(exec: Exec, v: typeof pj.$inferInsert) {
    const [r] = await exec.insert(pj).values(v).returning();
    return r!;
  },
  async lockProject(exec: Exec, id: number) {
    const [r] = await exec.select().from(pj).where(eq(pj.id, id)).for('update');
    return r ?? null;
  },
  async updateProject(exec: Exec, id: number, v: Partial<typeof pj.$inferInsert>) {
    await exec.update(pj).set(v).where(eq(pj.id, id));
  },
  /** Projects with their need's words, requester, owner's name and resource. */
  async projects(exec: Exec, where: SQL): Promise<ProjectRow[]> {
    const r = await exec
      .select({
        p: pj,
        title: nd.title,
        detail: nd.detail,
        requesterUserId: nd.requesterUserId,
        ownerName: sql<string>`coalesce(${orgName(pj.ownerOrganisationId)}, (select display_name from users u where u.id = ${pj.ownerUserId}), '')`,
        resourceTitle: rs.title,
      })
      .from(pj)
      .innerJoin(nd, eq(nd.id, pj.needId))
      .leftJoin(rs, eq(rs.id, pj.resourceId))
      .where(where)
      .orderBy(desc(pj.id))
      .limit(500);
    return r.map((x) => ({
      ...x.p,
      title: x.title,
      detail: x.detail,
      requesterUserId: x.requesterUserId,
      ownerName: x.ownerName,
      resourceTitle: x.resourceTitle,
    }));
  },
  async insertNote(exec: Exec, v: typeof pn.$inferInsert) {
    await exec.insert(pn).values(v);
  },
  async notes(exec: Exec, projectIds: number[]) {
    return projectIds.length ? exec.select().from(pn).where(inArray(pn.projectId, projectIds)).orderBy(pn.id) : [];
  },

  /** 双报到台账 rows: units, members and services done under a path in a [from, to) day range. */
  async ledgerUnits(exec: Exec, path: string) {
    return exec
      .select({
        unit: orgName(ag.organisationId),
        community: nodeName(ag.communityId),
        partyOrg: ag.partyOrgName,
        startsOn: ag.startsOn,
        endsOn: ag.endsOn,
        commitments: sql<string>`(select string_agg(r.title, '；' order by r.id) from cobuild_resources r where r.agreement_id = ${ag.id})`,
        done: sql<number>`(select count(*)::int from cobuild_projects p where p.owner_organisation_id = ${ag.organisationId}
          and p.community_id = ${ag.communityId} and p.status in ${DONE})`,
      })
      .from(ag)
      .where(sql`${ag.nodePath} like ${path + '%'}`)
      .orderBy(ag.id);
  },
  async ledgerMembers(exec: Exec, path: string) {
    return exec
      .select({
        name: sql<string>`(select display_name from users u where u.id = ${mb.userId})`,
        community: nodeName(mb.communityId),
        unit: mb.unitName,
        year: mb.year,
        commitment: mb.annualCommitment,
        offers: sql<string>`(select string_agg(r.title, '；' order by r.id) from cobuild_resources r where r.member_id = ${mb.id})`,
        done: sql<number>`(select count(*)::int from cobuild_projects p where (p.owner_user_id = ${mb.userId} or p.done_by = ${mb.userId})
          and p.status in ${DONE})`,
        reportedAt: mb.reportedAt,
      })
      .from(mb)
      .where(sql`${mb.nodePath} like ${path + '%'}`)
      .orderBy(mb.id);
  },
  async ledgerServices(exec: Exec, path: string, from: string, to: string) {
    return exec
      .select({
        id: pj.id,
        title: nd.title,
        community: nodeName(pj.communityId),
        owner: sql<string>`coalesce(${orgName(pj.ownerOrganisationId)}, (select display_name from users u where u.id = ${pj.ownerUserId}))`,
        ownerKind: sql<string>`case when ${pj.ownerOrganisationId} is not null then '单位' else '党员' end`,
        doneAt: pj.doneAt,
        rating: pj.rating,
      })
      .from(pj)
      .innerJoin(nd, eq(nd.id, pj.needId))
      .where(
        sql`${pj.nodePath} like ${path + '%'} and ${pj.status} in ${DONE} and ${pj.doneAt} >= ${from}::date and ${pj.doneAt} < ${to}::date`,
      )
      .orderBy(pj.id);
  },
};
