// SQL of property supervision and the evaluation from below.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PROPERTY_CATEGORY_CLASS } from '../../../contracts/supervision';
import { rows, type Exec } from '../../platform/db';

export type ContractRow = {
  id: number;
  estate_node_id: number;
  estate_name: string;
  estate_path: string;
  community_name: string | null;
  company_id: number;
  company_name: string;
  owners_committee: string | null;
  term_start: string;
  term_end: string;
  fee_cents_per_sqm: number;
  commitments: string[];
  households: number;
};

export type SurveyRow = {
  id: number;
  kind: 'property' | 'community';
  year: number;
  title: string;
  node_id: number;
  node_name: string;
  node_path: string;
  company_id: number | null;
  company_name: string | null;
  dimensions: string[];
  opens_at: Date;
  closes_at: Date;
  answers: number;
};

export type DecisionRow = {
  id: number;
  company_id: number;
  company_name: string;
  company_path: string;
  list: 'red' | 'black';
  rule_id: number;
  period: string;
  reason: string;
  status: 'pending' | 'appealed' | 'published' | 'withdrawn';
  appeal_until: Date;
  appeal: string | null;
  published_at: Date | null;
};

export type FundRow = {
  id: number;
  estate_node_id: number;
  estate_name: string;
  kind: 'income' | 'spending';
  amount_cents: number;
  balance_cents: number;
  fee_income_cents: number | null;
  share_percent: number | null;
  project: string | null;
  council_decision: string | null;
  note: string | null;
  booked_on: string;
};

const day = (col: string) => sql.raw(`to_char(${col}, 'YYYY-MM-DD')`);

export const supervisionRepo = {
  node: async (exec: Exec, id: number) =>
    (
      await rows<{ id: number; kind: string; path: string; name: string }>(
        exec,
        sql`select id, kind, path, name from territory_nodes where id = ${id}`,
      )
    )[0] ?? null,

  organisation: async (exec: Exec, id: number) =>
    (
      await rows<{ id: number; kind: string; name: string; path: string; retired: boolean }>(
        exec,
        sql`select o.id, o.kind, o.name, n.path, o.retired_at is not null as retired
          from organisations o join territory_nodes n on n.id = o.node_id where o.id = ${id}`,
      )
    )[0] ?? null,

  async contracts(exec: Exec, where: SQL) {
    return rows<ContractRow>(
      exec,
      sql`select c.id, c.estate_node_id, e.name as estate_name, e.path as estate_path,
            (select a.name from territory_nodes a where a.kind = 'community' and e.path like a.path || '%' limit 1) as community_name,
            c.company_id, o.name as company_name, c.owners_committee, ${day('c.term_start')} as term_start,
            ${day('c.term_end')} as term_end, c.fee_cents_per_sqm, c.commitments,
            (select count(*)::int from territory_nodes h where h.kind = 'household' and h.path like e.path || '%') as households
          from estate_contracts c join territory_nodes e on e.id = c.estate_node_id join organisations o on o.id = c.company_id
          where ${where} order by e.path, c.term_start desc, c.id`,
    );
  },

  async insertContract(
    exec: Exec,
    v: {
      estateNodeId: number;
      companyId: number;
      ownersCommittee: string | null;
      termStart: string;
      termEnd: string;
      feeCentsPerSqm: number;
      commitments: string[];
    },
  ) {
    const [r] = await rows<{ id: number }>(
      exec,
      sql`insert into estate_contracts (estate_node_id, company_id, owners_committee, term_start, term_end, fee_cents_per_sqm, commitments)
          values (${v.estateNodeId}, ${v.companyId}, ${v.ownersCommittee}, ${v.termStart}, ${v.termEnd}, ${v.feeCentsPerSqm},
                  ${JSON.stringify(v.commitments)}::jsonb) returning id`,
    );
    return r!.id;
  },

  /** Overlapping contracts of one estate (an estate has one company at a time). */
  overlapping: async (exec: Exec, estateNodeId: number, start: string, end: string) =>
    (
      await rows<{ n: number }>(
        exec,
        sql`select count(*)::int as n from estate_contracts
            where estate_node_id = ${estateNodeId} and term_start <= ${end}::date and term_end >= ${start}::date`,
      )
    )[0]!.n,

  /**
   * 万户比 per company and month (Asia/Shanghai months). `companies` limits the companies (the actor's scope). See
   * COMPLAINT_RATE_FORMULA for what is counted.
   *
   * "Under an estate" is read from the path's ids ('/1/4/17/' holds 1, 4 and 17), not as `path like estate || '%'`:
   * a LIKE whose pattern comes from another row cannot use an index, and tried for every estate, month and case it
   * grew as their product (seconds at 100,000 cases). `placed` is every node under a contracted estate, with that
   * estate, found once; a case's month is computed once and joined by equality; each of the four ways a case is a
   * company's (the household's estate, the hotline order's place, the assignee, a participant) is a join of its own,
   * and their union is counted (the cases at an estate are found before their month is matched: materialised, so
   * that the planner does not pair every case with every contract of its month first). The cases' bounds are written as values (not read from \`months\`) so that the planner
   * estimates them from the index on when a case was reported.
   */
  async complaintRates(exec: Exec, from: string, to: string, companyScope: SQL) {
    type Rate = { company_id: number; company_name: string; month: string; complaints: number; households: number };
    // The year's (company, month, case) rows are de-duplicated in memory: at the default 4 MB the sort of 225,000 rows
    // spills to disk and takes half the statement (docs/benchmarks.md). Local to this read's transaction.
    return exec.transaction(async (tx) => {
      await tx.execute(sql`select set_config('work_mem', '64MB', true)`);
      return rows<Rate>(
        tx,
        sql`with months as (
            select to_char(m, 'YYYY-MM') as month, m::date as d0, (m + interval '1 month')::date as d1,
                   (m::timestamp at time zone 'Asia/Shanghai') as t0,
                   ((m + interval '1 month')::timestamp at time zone 'Asia/Shanghai') as t1
            from generate_series(${from + '-01'}::date, ${to + '-01'}::date, interval '1 month') m
          ), companies as (
            select o.id, o.name from organisations o join territory_nodes n on n.id = o.node_id
            where o.kind = 'property_company' and ${companyScope}
          ), contracted as (
            select distinct c.company_id, c.estate_node_id::text as estate, mo.month
            from estate_contracts c join companies co on co.id = c.company_id
            join months mo on c.term_start < mo.d1 and c.term_end >= mo.d0
          ), company_months as (
            select distinct company_id, month from contracted
          ), placed as (
            select n.id, n.kind, a.id as estate
            from territory_nodes n cross join lateral unnest(string_to_array(n.path, '/')) a(id)
            where a.id in (select estate from contracted)
          ), hh as (
            select ct.company_id, ct.month, count(distinct p.id)::int as n
            from placed p join contracted ct on ct.estate = p.estate
            where p.kind = 'household'
            group by 1, 2
          ), k as (
            select k.id, k.household_node_id, k.assignee_organisation_id,
                   to_char(coalesce(k.registered_at, k.created_at) at time zone 'Asia/Shanghai', 'YYYY-MM') as month
            from cases k
            where k.category_code in (select cc.code from case_categories cc
                                      where cc.code = ${PROPERTY_CATEGORY_CLASS} or cc.parent_code = ${PROPERTY_CATEGORY_CLASS})
              and coalesce(k.registered_at, k.created_at) >= (${from + '-01'}::timestamp at time zone 'Asia/Shanghai')
              and coalesce(k.registered_at, k.created_at)
                  < ((${to + '-01'}::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')
              and k.merged_into is null and k.status <> 'voided'
              and not exists (select 1 from hotline_orders u where u.case_id = k.id and u.unreasonable = 'approved')
          ), at_estate as materialized (
            select k.id, k.month, h.estate from k join placed h on h.id = k.household_node_id
            union all
            select k.id, k.month, x.estate from k join hotline_orders ho on ho.case_id = k.id join placed x on x.id = ho.node_id
          ), theirs as (
            select ct.company_id, ct.month, e.id
            from at_estate e join contracted ct on ct.estate = e.estate and ct.month = e.month
            union
            select cm.company_id, cm.month, k.id
            from k join company_months cm on cm.company_id = k.assignee_organisation_id and cm.month = k.month
            union
            select cm.company_id, cm.month, k.id
            from k join case_participants p on p.case_id = k.id and p.role <> 'whistle'
            join company_months cm on cm.company_id = p.organisation_id and cm.month = k.month
          ), complaints as (
            select company_id, month, count(*)::int as n from theirs group by 1, 2
          )
          select co.id as company_id, co.name as company_name, mo.month,
                 coalesce(cm.n, 0) as complaints, coalesce(hh.n, 0) as households
          from companies co cross join months mo
          left join hh on hh.company_id = co.id and hh.month = mo.month
          left join complaints cm on cm.company_id = co.id and cm.month = mo.month
          order by co.id, mo.month`,
      );
    });
  },

  // ---- surveys

  async surveys(exec: Exec, where: SQL) {
    return rows<SurveyRow>(
      exec,
      sql`select s.id, s.kind, s.year, s.title, s.node_id, n.name as node_name, n.path as node_path, s.company_id,
            o.name as company_name, s.dimensions, s.opens_at, s.closes_at,
            (select count(*)::int from survey_answers a where a.survey_id = s.id) as answers
          from surveys s join territory_nodes n on n.id = s.node_id left join organisations o on o.id = s.company_id
          where ${where} order by s.closes_at desc, s.id desc limit 200`,
    );
  },

  async insertSurvey(
    exec: Exec,
    v: {
      kind: string;
      year: number;
      title: string;
      nodeId: number;
      companyId: number | null;
      dimensions: string[];
      opensAt: Date;
      closesAt: Date;
    },
  ) {
    const [r] = await rows<{ id: number }>(
      exec,
      sql`insert into surveys (kind, year, title, node_id, company_id, dimensions, opens_at, closes_at)
          values (${v.kind}, ${v.year}, ${v.title}, ${v.nodeId}, ${v.companyId}, ${JSON.stringify(v.dimensions)}::jsonb,
                  ${v.opensAt.toISOString()}, ${v.closesAt.toISOString()}) returning id`,
    );
    return r!.id;
  },

  /** Puts the household on the roll; false when it is there already (the second answer). */
  async enrol(exec: Exec, surveyId: number, householdNodeId: number): Promise<boolean> {
    const r = await rows<{ survey_id: number }>(
      exec,
      sql`insert into survey_roll (survey_id, household_node_id) values (${surveyId}, ${householdNodeId})
          on conflict do nothing returning survey_id`,
    );
    return r.length === 1;
  },

  onRoll: async (exec: Exec, surveyIds: number[], householdNodeId: number) =>
    surveyIds.length
      ? (
          await rows<{ survey_id: number }>(
            exec,
            sql`select survey_id from survey_roll where household_node_id = ${householdNodeId}
                and survey_id in (${sql.join(
                  surveyIds.map((x) => sql`${x}`),
                  sql`, `,
                )})`,
          )
        ).map((r) => r.survey_id)
      : [],

  async insertAnswer(exec: Exec, surveyId: number, scores: Record<string, number>, comment: string | null) {
    await exec.execute(
      sql`insert into survey_answers (id, survey_id, scores, comment)
          values (${randomUUID()}, ${surveyId}, ${JSON.stringify(scores)}::jsonb, ${comment})`,
    );
  },

  answers: (exec: Exec, surveyIds: number[]) =>
    surveyIds.length
      ? rows<{ survey_id: number; scores: Record<string, number> }>(
          exec,
          sql`select survey_id, scores from survey_answers where survey_id in (${sql.join(
            surveyIds.map((x) => sql`${x}`),
            sql`, `,
          )})`,
        )
      : Promise.resolve([]),

  /** A random sample of the households on the roll, with their labels, for calling back. */
  callbacks: (exec: Exec, surveyId: number, size: number) =>
    rows<{ household_node_id: number; label: string }>(
      exec,
      sql`select r.household_node_id,
            (select string_agg(a.name, ' ' order by length(a.path)) from territory_nodes a
             where h.path like a.path || '%' and a.kind in ('estate', 'building', 'household')) as label
          from survey_roll r join territory_nodes h on h.id = r.household_node_id
          where r.survey_id = ${surveyId} order by random() limit ${size}`,
    ),

  // ---- rules and decisions

  rules: (exec: Exec, activeOnly = false) =>
    rows<{
      id: number;
      list: 'red' | 'black';
      metric: 'complaint_rate' | 'satisfaction';
      op: 'above' | 'below';
      threshold: number;
      months: number;
      active: boolean;
    }>(
      exec,
      sql`select id, list, metric, op, threshold, months, active from list_rules
          ${activeOnly ? sql`where active` : sql``} order by id`,
    ),

  async insertRule(exec: Exec, v: { list: string; metric: string; op: string; threshold: number; months: number }) {
    const [r] = await rows<{ id: number }>(
      exec,
      sql`insert into list_rules (list, metric, op, threshold, months)
          values (${v.list}, ${v.metric}, ${v.op}, ${v.threshold}, ${v.months}) returning id`,
    );
    return r!.id;
  },

  async decisions(exec: Exec, where: SQL) {
    return rows<DecisionRow>(
      exec,
      sql`select d.id, d.company_id, o.name as company_name, n.path as company_path, d.list, d.rule_id, d.period, d.reason,
            d.status, d.appeal_until, d.appeal, d.published_at
          from list_decisions d join organisations o on o.id = d.company_id join territory_nodes n on n.id = o.node_id
          where ${where} order by d.period desc, d.id desc limit 500`,
    );
  },

  async insertDecision(
    exec: Exec,
    v: { companyId: number; list: string; ruleId: number; period: string; reason: string; appealUntil: Date },
  ) {
    const r = await rows<{ id: number }>(
      exec,
      sql`insert into list_decisions (company_id, list, rule_id, period, reason, status, appeal_until)
          values (${v.companyId}, ${v.list}, ${v.ruleId}, ${v.period}, ${v.reason}, 'pending', ${v.appealUntil.toISOString()})
          on conflict do nothing returning id`,
    );
    return r[0]?.id ?? null;
  },

  lockDecision: async (exec: Exec, id: number) =>
    (
      await rows<DecisionRow>(
        exec,
        sql`select d.id, d.company_id, o.name as company_name, n.path as company_path, d.list, d.rule_id, d.period,
              d.reason, d.status, d.appeal_until, d.appeal, d.published_at
            from list_decisions d join organisations o on o.id = d.company_id join territory_nodes n on n.id = o.node_id
            where d.id = ${id} for update of d`,
      )
    )[0] ?? null,

  updateDecision: (exec: Exec, id: number, v: { status: string; appeal?: string; publishedAt?: Date }) =>
    exec.execute(
      sql`update list_decisions set status = ${v.status}, appeal = coalesce(${v.appeal ?? null}, appeal),
          published_at = coalesce(${v.publishedAt?.toISOString() ?? null}::timestamptz, published_at) where id = ${id}`,
    ),

  // ---- the fund

  fund: (exec: Exec, estateNodeId: number) =>
    rows<FundRow>(
      exec,
      sql`select f.id::int as id, f.estate_node_id, e.name as estate_name, f.kind, f.amount_cents::float8 as amount_cents,
            f.balance_cents::float8 as balance_cents, f.fee_income_cents::float8 as fee_income_cents, f.share_percent,
            f.project, f.council_decision, f.note, ${day('f.booked_on')} as booked_on
          from fund_entries f join territory_nodes e on e.id = f.estate_node_id
          where f.estate_node_id = ${estateNodeId} order by f.id desc limit 500`,
    ),

  /** The fund's balance, with the estate's fund locked until the transaction ends (entries are written one at a time). */
  async lockedBalance(exec: Exec, estateNodeId: number): Promise<number> {
    await exec.execute(sql`select pg_advisory_xact_lock(hashtext('fund_entries'), ${estateNodeId})`);
    const r = await rows<{ b: number }>(
      exec,
      sql`select balance_cents::float8 as b from fund_entries where estate_node_id = ${estateNodeId} order by id desc limit 1`,
    );
    return r[0]?.b ?? 0;
  },

  async insertFundEntry(
    exec: Exec,
    v: {
      estateNodeId: number;
      kind: string;
      amountCents: number;
      balanceCents: number;
      feeIncomeCents: number | null;
      sharePercent: number | null;
      project: string | null;
      councilDecision: string | null;
      note: string | null;
      bookedOn: string;
      createdBy: number;
    },
  ) {
    const [r] = await rows<{ id: number }>(
      exec,
      sql`insert into fund_entries (estate_node_id, kind, amount_cents, balance_cents, fee_income_cents, share_percent, project,
            council_decision, note, booked_on, created_by)
          values (${v.estateNodeId}, ${v.kind}, ${v.amountCents}, ${v.balanceCents}, ${v.feeIncomeCents}, ${v.sharePercent},
            ${v.project}, ${v.councilDecision}, ${v.note}, ${v.bookedOn}, ${v.createdBy}) returning id::int as id`,
    );
    return r!.id;
  },

  // ---- scorecards

  /**
   * Facts per department and partner unit from the case loop in the year, over the cases under `communityPath`
   * (every community when null): summoned (吹哨), summoned and not reported in by the due time, returns by the unit,
   * cases it held that closed in the year and of those on time.
   *
   * `k` is inlined into each use (not materialised: a year of cases, copied whole, cost more than reading it thrice,
   * and the planner cannot estimate a materialised CTE's filters). A case is held by its assignee, or when it has none
   * by each unit on it that was not only summoned: one row per case, or per case and unit (the participants' key), so
   * the two parts need no DISTINCT.
   */
  async unitFacts(exec: Exec, year: number, communityPath: string | null, now: Date) {
    const t0 = `${year}-01-01T00:00:00+08:00`;
    const t1 = `${year + 1}-01-01T00:00:00+08:00`;
    const inArea = communityPath ? sql`k.node_path like ${communityPath + '%'}` : sql`true`;
    return rows<{
      organisation_id: number;
      organisation_name: string;
      kind: string;
      summoned: number;
      not_reported_in: number;
      returns: number;
      handled: number;
      on_time: number;
    }>(
      exec,
      sql`with k as not materialized (
            select k.id, k.registered_at, k.created_at, k.status, k.closed_at, k.closed_on_time, k.assignee_organisation_id
            from cases k where ${inArea}
              and coalesce(k.registered_at, k.created_at) < ${t1}::timestamptz
              and (k.closed_at is null or k.closed_at >= ${t0}::timestamptz)
          ), w as (
            select p.organisation_id, count(*)::int as summoned,
              count(*) filter (where p.reported_in_at is null and p.report_in_due_at < ${now.toISOString()}::timestamptz)::int as not_reported_in
            from case_participants p join k on k.id = p.case_id
            where p.role = 'whistle' and coalesce(k.registered_at, k.created_at) >= ${t0}::timestamptz
            group by 1
          ), r as (
            select (e.data->>'from')::int as organisation_id, count(*)::int as returns
            from case_events e join k on k.id = e.case_id
            where e.action = 'return' and e.at >= ${t0}::timestamptz and e.at < ${t1}::timestamptz
              and e.data->>'from' ~ '^[0-9]+$'
              and exists (select 1 from case_participants p where p.case_id = k.id
                          and p.organisation_id = (e.data->>'from')::int and p.role <> 'whistle')
            group by 1
          ), h as (
            select x.organisation_id, count(*)::int as handled, count(*) filter (where x.closed_on_time)::int as on_time
            from (
              select k.assignee_organisation_id as organisation_id, k.id, k.closed_on_time from k
              where k.assignee_organisation_id is not null
                and k.status = 'closed' and k.closed_at >= ${t0}::timestamptz and k.closed_at < ${t1}::timestamptz
              union all
              select p.organisation_id, k.id, k.closed_on_time
              from k join case_participants p on p.case_id = k.id and p.role <> 'whistle'
              where k.assignee_organisation_id is null
                and k.status = 'closed' and k.closed_at >= ${t0}::timestamptz and k.closed_at < ${t1}::timestamptz
            ) x group by 1
          )
          select o.id as organisation_id, o.name as organisation_name, o.kind,
            coalesce(w.summoned, 0) as summoned, coalesce(w.not_reported_in, 0) as not_reported_in,
            coalesce(r.returns, 0) as returns, coalesce(h.handled, 0) as handled, coalesce(h.on_time, 0) as on_time
          from organisations o left join w on w.organisation_id = o.id left join r on r.organisation_id = o.id
          left join h on h.organisation_id = o.id
          where o.kind in ('department', 'partner_unit') and o.retired_at is null
            and (w.organisation_id is not null or r.organisation_id is not null or h.organisation_id is not null
                 or exists (select 1 from unit_ratings ur join territory_nodes c on c.id = ur.community_node_id
                            where ur.organisation_id = o.id and ur.year = ${year}
                            ${communityPath ? sql`and c.path like ${communityPath + '%'}` : sql``}))
          order by o.id`,
    );
  },

  /** The communities' ratings of units in the year (0–100), under `areaPath`. */
  ratings: (exec: Exec, year: number, areaPath: string) =>
    rows<{ organisation_id: number; community_node_id: number; score: number }>(
      exec,
      sql`select ur.organisation_id, ur.community_node_id, ur.score from unit_ratings ur
          join territory_nodes c on c.id = ur.community_node_id
          where ur.year = ${year} and c.path like ${areaPath + '%'}`,
    ),

  upsertRating: (
    exec: Exec,
    v: {
      communityNodeId: number;
      organisationId: number;
      year: number;
      score: number;
      note: string | null;
      by: number;
    },
  ) =>
    exec.execute(
      sql`insert into unit_ratings (community_node_id, organisation_id, year, score, note, rated_by)
          values (${v.communityNodeId}, ${v.organisationId}, ${v.year}, ${v.score}, ${v.note}, ${v.by})
          on conflict (community_node_id, organisation_id, year)
          do update set score = excluded.score, note = excluded.note, rated_by = excluded.rated_by, created_at = now()`,
    ),
};
