// The SQL of units' records: which units a reader sees, and what each did — projects handed to it, micro-wishes its
// people claimed and fulfilled, their volunteer hours. It reads the wishes' and volunteers' tables (their own modules
// write them) only to count; `where` is the reader's scope over the place of each thing counted.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import { cobuildRepo } from './repo';
import { cobuildAgreements as ag, cobuildMembers as mb, cobuildProjects as pj } from './tables';

/** The unit's people: its members who reported in, and its staff (accounts bound to the organisation). */
const people = (org: number) =>
  sql`(select m.user_id from cobuild_members m where m.unit_organisation_id = ${org}
       union select b.user_id from role_bindings b where b.organisation_id = ${org})`;

export type ScopeAt = (cols: { path: SQL; organisationId: SQL }) => SQL;

export const unitsRepo = {
  /** Units the reader sees (`only`: whether they see that one): with an agreement or a member in scope, or a partner unit registered in scope. */
  async unitIds(exec: Exec, at: ScopeAt, limit: number, only?: number) {
    const r = await rows<{ id: number }>(
      exec,
      sql`select id from (
            select a.organisation_id as id from cobuild_agreements a
              where ${at({ path: sql`a.node_path`, organisationId: sql`a.organisation_id` })}
            union select m.unit_organisation_id from cobuild_members m
              where m.unit_organisation_id is not null
                and ${at({ path: sql`m.node_path`, organisationId: sql`m.unit_organisation_id` })}
            union select o.id from organisations o join territory_nodes n on n.id = o.node_id
              where o.kind = 'partner_unit' and o.retired_at is null
                and ${at({ path: sql`n.path`, organisationId: sql`o.id` })}
          ) x ${only != null ? sql`where id = ${only}` : sql``} order by id limit ${limit}`,
    );
    return r.map((x) => x.id);
  },

  async organisation(exec: Exec, id: number) {
    const [o] = await rows<{ id: number; name: string; kind: string; path: string }>(
      exec,
      sql`select o.id, o.name, o.kind, n.path from organisations o join territory_nodes n on n.id = o.node_id
          where o.id = ${id}`,
    );
    return o ?? null;
  },

  /** Projects handed to the unit, in scope. */
  projects(exec: Exec, org: number, at: ScopeAt) {
    return cobuildRepo.projects(
      exec,
      and(
        eq(pj.ownerOrganisationId, org),
        at({ path: sql`${pj.nodePath}`, organisationId: sql`${pj.ownerOrganisationId}` }),
      )!,
    );
  },

  /** Names of the communities of projects (one query for a record's list). */
  async communityNames(exec: Exec, ids: number[]) {
    if (!ids.length) return new Map<number, string>();
    const r = await rows<{ id: number; name: string }>(
      exec,
      sql`select id, name from territory_nodes where id in (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
    return new Map(r.map((x) => [x.id, x.name]));
  },

  /** Wishes claimed by the unit's people (every claim, lapsed ones too) and fulfilled by them, in scope. */
  async wishes(exec: Exec, org: number, at: ScopeAt) {
    const where = at({ path: sql`w.node_path`, organisationId: sql`${org}::int` });
    const [r] = await rows<{ claims: number; fulfilled: number; last: Date | string | null }>(
      exec,
      sql`select
            (select count(*)::int from wish_events e join wishes w on w.id = e.wish_id
              where e.action = 'claim' and e.actor_id in ${people(org)} and ${where}) as claims,
            (select count(*)::int from wishes w
              where w.status = 'fulfilled' and w.claimer_user_id in ${people(org)} and ${where}) as fulfilled,
            (select max(e.at) from wish_events e join wishes w on w.id = e.wish_id
              where e.action = 'claim' and e.actor_id in ${people(org)} and ${where}) as last`,
    );
    return r!;
  },

  /** Volunteer hours of the unit's people: the latest attendance record per shift and person, in scope. */
  async hours(exec: Exec, org: number, at: ScopeAt) {
    const [r] = await rows<{ hours: number; last: Date | string | null }>(
      exec,
      sql`select coalesce(sum(x.hours), 0)::float8 as hours, max(x.recorded_at) as last from (
            select distinct on (va.shift_id, va.user_id) va.hours, va.attended, va.recorded_at, n.path
            from volunteer_attendance va join volunteer_shifts s on s.id = va.shift_id
            join volunteer_activities a on a.id = s.activity_id join territory_nodes n on n.id = a.node_id
            where va.user_id in ${people(org)}
            order by va.shift_id, va.user_id, va.id desc) x
          where x.attended and x.hours > 0 and ${at({ path: sql`x.path`, organisationId: sql`${org}::int` })}`,
    );
    return r!;
  },

  /** The unit's agreements and members, as the records' predicates for the service's list readers. */
  agreementsOf: (org: number) => eq(ag.organisationId, org),
  membersOf: (org: number) => eq(mb.unitOrganisationId, org),
};
