// The only SQL of volunteers: profiles and certificates, teams, activities and shifts, sign-ups under a lock on the
// shift row (never over capacity), the append-only attendance record and the hours derived from it.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Exec } from '../../platform/db';
import {
  volunteerActivities,
  volunteerAttendance,
  volunteerCertificates,
  volunteerProfiles,
  volunteerShifts,
  volunteerSignups,
  volunteerTeamMembers,
  volunteerTeams,
} from './tables';

export type ActivityRow = {
  id: number;
  nodeId: number;
  path: string;
  nodeName: string;
  teamId: number | null;
  teamName: string | null;
  title: string;
  description: string | null;
  place: string | null;
  activityType: string;
  requiredCertificate: string | null;
  organiserUserId: number;
  organiserName: string;
};
export type ShiftRow = {
  id: number;
  activityId: number;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  taken: number;
  waitlisted: number;
  mine: 'confirmed' | 'waitlisted' | null;
  position: number | null;
};
export type CertRow = { id: number; userId: number; kind: string; number: string | null; expiresOn: string };
export type AttendanceRecord = {
  id: number;
  userId: number;
  attended: boolean;
  hours: number;
  recordedAt: Date;
  corrections: number;
  everCredited: boolean;
};

const activitySelect = sql`
  select a.id, a.node_id as "nodeId", territory_nodes.path, territory_nodes.name as "nodeName", a.team_id as "teamId", t.name as "teamName",
    a.title, a.description, a.place, a.activity_type as "activityType", a.required_certificate as "requiredCertificate",
    a.organiser_user_id as "organiserUserId", u.display_name as "organiserName"
  from volunteer_activities a join territory_nodes on territory_nodes.id = a.node_id
    join users u on u.id = a.organiser_user_id left join volunteer_teams t on t.id = a.team_id`;

const num = (v: unknown) => (v == null ? 0 : Number(v));

export const volunteerRepo = {
  async node(db: Exec, id: number) {
    const [r] = await rows<{ id: number; path: string; name: string; kind: string }>(
      db,
      sql`select id, path, name, kind from territory_nodes where id = ${id}`,
    );
    return r ?? null;
  },

  /** The user's display name if they hold a volunteer binding, with the binding's node path. */
  async volunteer(db: Exec, userId: number) {
    const [r] = await rows<{ id: number; displayName: string; path: string }>(
      db,
      sql`select u.id, u.display_name as "displayName", n.path from users u
          join role_bindings b on b.user_id = u.id and b.role = 'volunteer'
          join territory_nodes n on n.id = b.node_id
          where u.id = ${userId} and u.disabled_at is null limit 1`,
    );
    return r ?? null;
  },

  /** Volunteers (users with a volunteer binding) whose binding node matches `where` (written on territory_nodes). */
  async volunteers(db: Exec, where: SQL) {
    return rows<{ userId: number; displayName: string; skills: string[] | null; availability: string | null }>(
      db,
      sql`select distinct u.id as "userId", u.display_name as "displayName", p.skills, p.availability
          from users u join role_bindings b on b.user_id = u.id and b.role = 'volunteer'
          join territory_nodes on territory_nodes.id = b.node_id
          left join volunteer_profiles p on p.user_id = u.id
          where u.disabled_at is null and ${where} order by u.id limit 500`,
    );
  },

  async profile(db: Exec, userId: number) {
    const [r] = await db
      .select()
      .from(volunteerProfiles)
      .where(sql`${volunteerProfiles.userId} = ${userId}`);
    return r ?? null;
  },

  async upsertProfile(db: Exec, userId: number, v: { skills: string[]; availability: string | null }, now: Date) {
    await db
      .insert(volunteerProfiles)
      .values({ userId, ...v, updatedAt: now })
      .onConflictDoUpdate({ target: volunteerProfiles.userId, set: { ...v, updatedAt: now } });
  },

  async certificates(db: Exec, userIds: number[]): Promise<CertRow[]> {
    if (!userIds.length) return [];
    return rows<CertRow>(
      db,
      sql`select id, user_id as "userId", kind, number, expires_on::text as "expiresOn" from volunteer_certificates
          where user_id in (${sql.join(
            userIds.map((i) => sql`${i}`),
            sql`, `,
          )}) order by user_id, expires_on desc, id`,
    );
  },

  async addCertificate(db: Exec, v: typeof volunteerCertificates.$inferInsert) {
    const [r] = await db.insert(volunteerCertificates).values(v).returning();
    return r!;
  },

  /** Whether the user holds a certificate of `kind` still valid on `day` (expiry date inclusive). */
  async hasValidCertificate(db: Exec, userId: number, kind: string, day: string) {
    const r = await rows<{ id: number }>(
      db,
      sql`select id from volunteer_certificates where user_id = ${userId} and kind = ${kind}
          and expires_on >= ${day}::date limit 1`,
    );
    return r.length > 0;
  },

  /** Teams whose node matches `where` (written on territory_nodes), or those the user leads or belongs to. */
  async teams(db: Exec, where: SQL) {
    return rows<{
      id: number;
      nodeId: number;
      nodeName: string;
      path: string;
      name: string;
      leaderUserId: number | null;
      leaderName: string | null;
      members: { userId: number; displayName: string }[];
    }>(
      db,
      sql`select t.id, t.node_id as "nodeId", territory_nodes.name as "nodeName", territory_nodes.path, t.name,
            t.leader_user_id as "leaderUserId", l.display_name as "leaderName",
            coalesce((select json_agg(json_build_object('userId', m.user_id, 'displayName', mu.display_name) order by m.user_id)
              from volunteer_team_members m join users mu on mu.id = m.user_id where m.team_id = t.id), '[]') as members
          from volunteer_teams t join territory_nodes on territory_nodes.id = t.node_id
            left join users l on l.id = t.leader_user_id
          where ${where} order by t.id`,
    );
  },

  async team(db: Exec, id: number) {
    const [r] = await rows<{ id: number; nodeId: number; path: string; name: string; leaderUserId: number | null }>(
      db,
      sql`select t.id, t.node_id as "nodeId", n.path, t.name, t.leader_user_id as "leaderUserId"
          from volunteer_teams t join territory_nodes n on n.id = t.node_id where t.id = ${id}`,
    );
    return r ?? null;
  },

  async userTeams(db: Exec, userId: number) {
    return rows<{ id: number; name: string; leader: boolean }>(
      db,
      sql`select t.id, t.name, t.leader_user_id = ${userId} as leader from volunteer_teams t
          where t.leader_user_id = ${userId}
             or exists (select 1 from volunteer_team_members m where m.team_id = t.id and m.user_id = ${userId})
          order by t.id`,
    );
  },

  async insertTeam(db: Exec, v: typeof volunteerTeams.$inferInsert, memberIds: number[]) {
    const [t] = await db.insert(volunteerTeams).values(v).returning();
    const ids = [...new Set([...memberIds, ...(v.leaderUserId ? [v.leaderUserId] : [])])];
    if (ids.length) await db.insert(volunteerTeamMembers).values(ids.map((userId) => ({ teamId: t!.id, userId })));
    return t!;
  },

  async activity(db: Exec, id: number): Promise<ActivityRow | null> {
    const [r] = await rows<ActivityRow>(db, sql`${activitySelect} where a.id = ${id}`);
    return r ?? null;
  },

  /**
   * Activities matching `where` (written on territory_nodes): 'open' those with a shift still to start, 'mine' those
   * the user has a live sign-up or an attendance row on, 'managed' any (the caller's scope), newest first.
   */
  async activities(
    db: Exec,
    where: SQL,
    opts: { scope: 'open' | 'mine' | 'managed'; userId: number; now: Date; includePast: boolean },
  ) {
    const upcoming = opts.includePast
      ? sql`true`
      : sql`exists (select 1 from volunteer_shifts s where s.activity_id = a.id and s.ends_at > ${opts.now})`;
    const mine =
      opts.scope === 'mine'
        ? sql`(exists (select 1 from volunteer_shifts s join volunteer_signups g on g.shift_id = s.id
                 where s.activity_id = a.id and g.user_id = ${opts.userId} and g.status <> 'cancelled')
              or exists (select 1 from volunteer_shifts s join volunteer_attendance r on r.shift_id = s.id
                 where s.activity_id = a.id and r.user_id = ${opts.userId}))`
        : sql`true`;
    return rows<ActivityRow>(
      db,
      sql`${activitySelect} where ${where} and ${upcoming} and ${mine}
          order by (select min(starts_at) from volunteer_shifts s where s.activity_id = a.id) desc, a.id desc limit 200`,
    );
  },

  async insertActivity(db: Exec, v: typeof volunteerActivities.$inferInsert) {
    const [r] = await db.insert(volunteerActivities).values(v).returning();
    return r!;
  },

  async insertShifts(db: Exec, v: (typeof volunteerShifts.$inferInsert)[]) {
    return db.insert(volunteerShifts).values(v).returning();
  },

  /** Shifts of the activities with their counts and the user's own place. */
  async shifts(db: Exec, activityIds: number[], userId: number): Promise<ShiftRow[]> {
    if (!activityIds.length) return [];
    const r = await rows<ShiftRow>(
      db,
      sql`select s.id, s.activity_id as "activityId", s.starts_at as "startsAt", s.ends_at as "endsAt", s.capacity,
            (select count(*) from volunteer_signups g where g.shift_id = s.id and g.status = 'confirmed')::int as taken,
            (select count(*) from volunteer_signups g where g.shift_id = s.id and g.status = 'waitlisted')::int as waitlisted,
            me.status as mine,
            case when me.status = 'waitlisted' then (select count(*) from volunteer_signups g
              where g.shift_id = s.id and g.status = 'waitlisted' and g.id <= me.id)::int end as position
          from volunteer_shifts s
            left join volunteer_signups me on me.shift_id = s.id and me.user_id = ${userId} and me.status <> 'cancelled'
          where s.activity_id in (${sql.join(
            activityIds.map((i) => sql`${i}`),
            sql`, `,
          )}) order by s.starts_at, s.id`,
    );
    return r.map((s) => ({ ...s, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));
  },

  /** The shift row locked for the rest of the transaction: sign-ups, cancellations and confirmations queue on it. */
  async lockShift(db: Exec, id: number) {
    return this.shift(db, id, sql`for update`);
  },

  async shift(db: Exec, id: number, lock: SQL = sql``) {
    const [r] = await rows<{ id: number; activityId: number; startsAt: Date; endsAt: Date; capacity: number }>(
      db,
      sql`select id, activity_id as "activityId", starts_at as "startsAt", ends_at as "endsAt", capacity
          from volunteer_shifts where id = ${id} ${lock}`,
    );
    return r ? { ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) } : null;
  },

  async confirmedCount(db: Exec, shiftId: number) {
    const [r] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from volunteer_signups where shift_id = ${shiftId} and status = 'confirmed'`,
    );
    return r!.n;
  },

  async liveSignup(db: Exec, shiftId: number, userId: number) {
    const [r] = await rows<{ id: number; status: 'confirmed' | 'waitlisted' }>(
      db,
      sql`select id, status from volunteer_signups where shift_id = ${shiftId} and user_id = ${userId}
          and status <> 'cancelled'`,
    );
    return r ?? null;
  },

  async waitlistPosition(db: Exec, shiftId: number, signupId: number) {
    const [r] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from volunteer_signups where shift_id = ${shiftId} and status = 'waitlisted'
          and id <= ${signupId}`,
    );
    return r!.n;
  },

  async insertSignup(db: Exec, v: typeof volunteerSignups.$inferInsert) {
    const [r] = await db.insert(volunteerSignups).values(v).returning();
    return r!;
  },

  async cancelSignup(db: Exec, id: number, now: Date) {
    await db.execute(sql`update volunteer_signups set status = 'cancelled', cancelled_at = ${now} where id = ${id}`);
  },

  /** Moves the first on the waitlist (earliest sign-up) to a confirmed place; returns their user id. */
  async promoteFirst(db: Exec, shiftId: number, now: Date) {
    const [r] = await rows<{ userId: number }>(
      db,
      sql`update volunteer_signups set status = 'confirmed', promoted_at = ${now}
          where id = (select id from volunteer_signups where shift_id = ${shiftId} and status = 'waitlisted'
                      order by id limit 1)
          returning user_id as "userId"`,
    );
    return r?.userId ?? null;
  },

  /** Live sign-ups of a shift with names. */
  async signups(db: Exec, shiftId: number) {
    return rows<{ userId: number; displayName: string; status: 'confirmed' | 'waitlisted' }>(
      db,
      sql`select g.user_id as "userId", u.display_name as "displayName", g.status from volunteer_signups g
          join users u on u.id = g.user_id where g.shift_id = ${shiftId} and g.status <> 'cancelled' order by g.id`,
    );
  },

  /** The latest attendance row per person of a shift, how many corrections it has had, and whether hours were ever credited. */
  async attendance(db: Exec, shiftId: number): Promise<AttendanceRecord[]> {
    const r = await rows<AttendanceRecord>(
      db,
      sql`select distinct on (user_id) id, user_id as "userId", attended, hours, recorded_at as "recordedAt",
            (count(*) over (partition by user_id) - 1)::int as corrections,
            bool_or(hours > 0) over (partition by user_id) as "everCredited"
          from volunteer_attendance where shift_id = ${shiftId} order by user_id, id desc`,
    );
    return r.map((a) => ({ ...a, hours: num(a.hours), recordedAt: new Date(a.recordedAt) }));
  },

  async insertAttendance(db: Exec, v: typeof volunteerAttendance.$inferInsert) {
    const [r] = await db.insert(volunteerAttendance).values(v).returning();
    return r!;
  },

  /** Hours credited to each user: the sum over shifts of the latest attendance row. */
  async hours(db: Exec, userIds: number[]) {
    if (!userIds.length) return new Map<number, number>();
    const r = await rows<{ userId: number; hours: string }>(
      db,
      sql`select user_id as "userId", sum(hours) as hours from (
            select distinct on (shift_id, user_id) user_id, hours from volunteer_attendance
            where user_id in (${sql.join(
              userIds.map((i) => sql`${i}`),
              sql`, `,
            )}) order by shift_id, user_id, id desc) x group by user_id`,
    );
    return new Map(r.map((x) => [x.userId, num(x.hours)]));
  },

  /** The user's credited shifts, newest first. */
  async myHours(db: Exec, userId: number) {
    const r = await rows<{ activityId: number; title: string; shiftId: number; startsAt: Date; hours: string }>(
      db,
      sql`select a.id as "activityId", a.title, s.id as "shiftId", s.starts_at as "startsAt", x.hours from (
            select distinct on (shift_id) shift_id, hours, attended from volunteer_attendance where user_id = ${userId}
            order by shift_id, id desc) x
          join volunteer_shifts s on s.id = x.shift_id join volunteer_activities a on a.id = s.activity_id
          where x.attended and x.hours > 0 order by s.starts_at desc limit 200`,
    );
    return r.map((h) => ({ ...h, startsAt: new Date(h.startsAt).toISOString(), hours: num(h.hours) }));
  },

  /** Rows of the volunteer-service ledger: one per credited person and shift of the activities under `path`. */
  async ledgerRows(db: Exec, path: string, from: string, to: string) {
    return rows<Record<string, string | number | null>>(
      db,
      sql`select a.id as activity_id, a.title, n.name as community, a.activity_type,
            to_char(s.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as starts,
            to_char(s.ends_at at time zone 'Asia/Shanghai', 'HH24:MI') as ends, o.display_name as organiser,
            u.display_name as participant, case when x.attended then '是' else '否' end as attended, x.hours::float8 as hours,
            case when x.corrections > 0 then '已更正 ' || x.corrections || ' 次' end as corrected
          from (select distinct on (shift_id, user_id) shift_id, user_id, attended, hours,
                  count(*) over (partition by shift_id, user_id) - 1 as corrections
                from volunteer_attendance order by shift_id, user_id, id desc) x
            join volunteer_shifts s on s.id = x.shift_id join volunteer_activities a on a.id = s.activity_id
            join territory_nodes n on n.id = a.node_id join users u on u.id = x.user_id
            join users o on o.id = a.organiser_user_id
          where n.path like ${path + '%'} and s.starts_at >= ${from}::date and s.starts_at < ${to}::date
          order by s.starts_at, a.id, s.id, x.user_id`,
    );
  },
};
