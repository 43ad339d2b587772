// Property supervision (contracts, 万户比, red/black list, the special fund) and the evaluation from below (surveys,
// scorecards of departments and partner units, the December annual review).
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  COMMUNITY_DIMENSIONS,
  COMPLAINT_RATE_FORMULA,
  PROPERTY_DIMENSIONS,
  SCORE_MAX,
  type AnswerBody,
  type CreateContractBody,
  type CreateRuleBody,
  type CreateSurveyBody,
  type Estimate,
  type FundEntryBody,
  type RateUnitBody,
} from '../../../contracts/supervision';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { can, canAnywhere, scope, type Actor } from '../../platform/policy';
import { supervisionPolicy, STAFF_ROLES } from './policy';
import { supervisionRepo as repo, type DecisionRow, type SurveyRow } from './repo';
import { grade, moments, shrinkGroups, shrinkRate } from './shrink';

/** Below this many answers (or handled cases) a unit gets no rank and a rule does not fire on satisfaction. */
export const MIN_SAMPLE = 5;
const APPEAL_DAYS = 7;
const DAY = 86_400_000;

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
const pathOf = (a: Actor) => a.bindings.find((b) => b.path)?.path ?? '/';
const toPercent = (s: number) => ((s - 1) / (SCORE_MAX - 1)) * 100;
const monthsBack = (period: string, k: number) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = k - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
};
const shanghaiMonth = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);

export function createSupervisionService(deps: Pick<PlatformDeps, 'db' | 'clock' | 'audit'>) {
  const { db, clock, audit } = deps;

  const readScope = (actor: Actor, path: SQL, org: SQL) =>
    scope(actor, supervisionPolicy, 'read', { path, organisationId: org });

  function requireAnywhere(actor: Actor, action: 'read' | 'manage' | 'rules') {
    if (!canAnywhere(actor, supervisionPolicy, action)) throw new AppError('forbidden');
  }

  async function rates(actor: Actor, from: string, to: string) {
    if (to < from) throw fieldError('to', 'the last month comes after the first');
    const [fy, fm] = from.split('-').map(Number) as [number, number];
    const [ty, tm] = to.split('-').map(Number) as [number, number];
    if ((ty - fy) * 12 + tm - fm > 35) throw fieldError('to', 'at most 36 months at once');
    requireAnywhere(actor, 'read');
    const r = await repo.complaintRates(db, from, to, readScope(actor, sql`n.path`, sql`o.id`));
    return r.map((x) => ({
      companyId: x.company_id,
      companyName: x.company_name,
      month: x.month,
      complaints: x.complaints,
      households: x.households,
      perTenThousand: x.households ? Math.round((x.complaints / x.households) * 10_000 * 100) / 100 : null,
    }));
  }

  const surveyDto = (s: SurveyRow, answered?: boolean) => ({
    id: s.id,
    kind: s.kind,
    year: s.year,
    title: s.title,
    nodeId: s.node_id,
    nodeName: s.node_name,
    companyId: s.company_id,
    companyName: s.company_name,
    dimensions: s.dimensions,
    opensAt: iso(s.opens_at)!,
    closesAt: iso(s.closes_at)!,
    answers: s.answers,
    ...(answered === undefined ? {} : { answered }),
  });

  /** The household the resident answers for: their binding to a household node. */
  async function householdOf(actor: Actor) {
    if (actor.bindings.some((b) => STAFF_ROLES.includes(b.role)))
      throw new AppError('forbidden', [{ path: 'rule', message: 'staff cannot answer a residents’ survey' }]);
    for (const b of actor.bindings) {
      if (b.role !== 'resident' || b.nodeId == null) continue;
      const n = await repo.node(db, b.nodeId);
      if (n?.kind === 'household') return n;
    }
    throw new AppError('forbidden', [{ path: 'rule', message: 'only a resident of a confirmed household can answer' }]);
  }

  /** Estimates of each survey's overall score and its dimensions, shrunk across the surveys given. */
  async function estimates(list: SurveyRow[]) {
    const answers = await repo.answers(
      db,
      list.map((s) => s.id),
    );
    const bySurvey = new Map<number, Record<string, number>[]>();
    for (const a of answers) bySurvey.set(a.survey_id, [...(bySurvey.get(a.survey_id) ?? []), a.scores]);
    const overallOf = (sc: Record<string, number>) => {
      const v = Object.values(sc);
      return toPercent(v.reduce((s, x) => s + x, 0) / v.length);
    };
    const overall = shrinkGroups(list.map((s) => moments((bySurvey.get(s.id) ?? []).map(overallOf))));
    const dims = new Map<number, { dimension: string; estimate: Estimate }[]>(list.map((s) => [s.id, []]));
    const allDims = [...new Set(list.flatMap((s) => s.dimensions))];
    for (const d of allDims) {
      const est = shrinkGroups(
        list.map((s) => moments((bySurvey.get(s.id) ?? []).flatMap((sc) => (sc[d] != null ? [toPercent(sc[d])] : [])))),
      );
      list.forEach((s, i) => {
        if (s.dimensions.includes(d)) dims.get(s.id)!.push({ dimension: d, estimate: est[i]! });
      });
    }
    return new Map(list.map((s, i) => [s.id, { overall: overall[i]!, dimensions: dims.get(s.id)! }]));
  }

  const decisionDto = (d: DecisionRow) => ({
    id: d.id,
    companyId: d.company_id,
    companyName: d.company_name,
    list: d.list,
    ruleId: d.rule_id,
    period: d.period,
    reason: d.reason,
    status: d.status,
    appealUntil: iso(d.appeal_until)!,
    appeal: d.appeal,
    publishedAt: iso(d.published_at),
  });

  async function lockedDecision(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], actor: Actor, id: number) {
    const d = await repo.lockDecision(tx, id);
    if (!d || !can(actor, supervisionPolicy, 'read', { path: d.company_path, organisationId: d.company_id }))
      throw new AppError('not_found');
    return d;
  }

  async function unitRows(actor: Actor, year: number, communityPath: string | null) {
    const now = clock.now();
    const facts = await repo.unitFacts(db, year, communityPath, now);
    const ratings = await repo.ratings(db, year, communityPath ?? pathOf(actor));
    const byOrg = new Map<number, number[]>();
    for (const r of ratings)
      byOrg.set(r.organisation_id, [...(byOrg.get(r.organisation_id) ?? []), toPercent(r.score)]);
    const ratingEst = shrinkGroups(facts.map((f) => moments(byOrg.get(f.organisation_id) ?? [])));
    const handled = facts.reduce((s, f) => s + f.handled, 0);
    const p0 = handled ? facts.reduce((s, f) => s + f.on_time, 0) / handled : 0.8;
    const items = facts.map((f, i) => {
      const onTimeRate = shrinkRate(f.on_time, f.handled, p0);
      const rating = ratingEst[i]!;
      const reportIn = f.summoned ? (100 * (f.summoned - f.not_reported_in)) / f.summoned : 100;
      const noReturns = 100 * (1 - f.returns / Math.max(f.handled + f.returns, 1));
      const parts: [number | null, number][] = [
        [f.handled ? onTimeRate.shrunk : null, 0.4],
        [reportIn, 0.2],
        [noReturns, 0.1],
        [rating.n ? rating.shrunk : null, 0.3],
      ];
      const have = parts.filter((p): p is [number, number] => p[0] != null);
      const w = have.reduce((s, p) => s + p[1], 0);
      const score = w ? Math.round((have.reduce((s, p) => s + p[0] * p[1], 0) / w) * 10) / 10 : null;
      return {
        organisationId: f.organisation_id,
        organisationName: f.organisation_name,
        kind: f.kind,
        summoned: f.summoned,
        notReportedIn: f.not_reported_in,
        returns: f.returns,
        handled: f.handled,
        onTime: f.on_time,
        onTimeRate,
        rating,
        score,
        rank: null as number | null,
      };
    });
    const rankable = items
      .filter((x) => x.score != null && x.handled >= MIN_SAMPLE)
      .sort((a, b) => b.score! - a.score!);
    rankable.forEach((x, i) => (x.rank = i + 1));
    return items;
  }

  return {
    // ---- contracts

    async contracts(actor: Actor) {
      requireAnywhere(actor, 'read');
      const r = await repo.contracts(db, readScope(actor, sql`e.path`, sql`c.company_id`));
      return {
        items: r.map((c) => ({
          id: c.id,
          estateNodeId: c.estate_node_id,
          estateName: c.estate_name,
          communityName: c.community_name,
          companyId: c.company_id,
          companyName: c.company_name,
          ownersCommittee: c.owners_committee,
          termStart: c.term_start,
          termEnd: c.term_end,
          feeCentsPerSqm: c.fee_cents_per_sqm,
          commitments: c.commitments,
          households: c.households,
        })),
      };
    },

    async createContract(actor: Actor, ctx: AuditContext, b: z.infer<typeof CreateContractBody>) {
      const estate = await repo.node(db, b.estateNodeId);
      if (!estate || estate.kind !== 'estate') throw fieldError('estateNodeId', 'choose an estate');
      if (!can(actor, supervisionPolicy, 'manage', { path: estate.path })) throw new AppError('forbidden');
      const company = await repo.organisation(db, b.companyId);
      if (!company || company.kind !== 'property_company' || company.retired)
        throw fieldError('companyId', 'choose a property company');
      return db.transaction(async (tx) => {
        if (await repo.overlapping(tx, estate.id, b.termStart, b.termEnd))
          throw fieldError('termStart', 'the estate already has a contract in this term');
        const id = await repo.insertContract(tx, {
          estateNodeId: estate.id,
          companyId: company.id,
          ownersCommittee: b.ownersCommittee ?? null,
          termStart: b.termStart,
          termEnd: b.termEnd,
          feeCentsPerSqm: b.feeCentsPerSqm,
          commitments: b.commitments,
        });
        await audit.record(tx, ctx, {
          action: 'supervision.contract_create',
          entityKind: 'estate_contract',
          entityId: id,
          nodeId: estate.id,
          nodePath: estate.path,
          after: b,
        });
        return { id };
      });
    },

    complaintRates: async (actor: Actor, q: { from: string; to: string }) => ({
      formula: COMPLAINT_RATE_FORMULA,
      items: await rates(actor, q.from, q.to),
    }),

    // ---- surveys

    async surveys(actor: Actor) {
      const isResident = !actor.bindings.some((b) => STAFF_ROLES.includes(b.role));
      if (isResident) {
        const paths = actor.bindings.filter((b) => b.role === 'resident' && b.path).map((b) => b.path!);
        if (!paths.length) return { items: [] };
        const now = clock.now().toISOString();
        const r = await repo.surveys(
          db,
          sql`s.opens_at <= ${now}::timestamptz and s.closes_at > ${now}::timestamptz and (${sql.join(
            paths.map((p) => sql`${p} like n.path || '%'`),
            sql` or `,
          )})`,
        );
        const hh = actor.bindings.find((b) => b.role === 'resident' && b.nodeId != null)?.nodeId;
        const done = hh
          ? await repo.onRoll(
              db,
              r.map((s) => s.id),
              hh,
            )
          : [];
        return { items: r.map((s) => surveyDto(s, done.includes(s.id))) };
      }
      requireAnywhere(actor, 'read');
      const r = await repo.surveys(db, readScope(actor, sql`n.path`, sql`s.company_id`));
      return { items: r.map((s) => surveyDto(s)) };
    },

    async createSurvey(actor: Actor, ctx: AuditContext, b: z.infer<typeof CreateSurveyBody>) {
      const node = await repo.node(db, b.nodeId);
      if (!node || !['community', 'estate'].includes(node.kind))
        throw fieldError('nodeId', 'choose a community or an estate');
      if (!can(actor, supervisionPolicy, 'manage', { path: node.path })) throw new AppError('forbidden');
      if (b.companyId != null) {
        const c = await repo.organisation(db, b.companyId);
        if (!c || c.kind !== 'property_company') throw fieldError('companyId', 'choose a property company');
      }
      return db.transaction(async (tx) => {
        const id = await repo.insertSurvey(tx, {
          kind: b.kind,
          year: b.year,
          title: b.title,
          nodeId: node.id,
          companyId: b.kind === 'property' ? b.companyId! : null,
          dimensions: [...(b.kind === 'property' ? PROPERTY_DIMENSIONS : COMMUNITY_DIMENSIONS)],
          opensAt: new Date(b.opensAt),
          closesAt: new Date(b.closesAt),
        });
        await audit.record(tx, ctx, {
          action: 'supervision.survey_create',
          entityKind: 'survey',
          entityId: id,
          nodeId: node.id,
          nodePath: node.path,
          after: b,
        });
        return { id };
      });
    },

    /** One anonymous answer per household: the roll gets the household, the answers table the scores, nothing links them. */
    async answer(actor: Actor, id: number, b: z.infer<typeof AnswerBody>) {
      const household = await householdOf(actor);
      const [s] = await repo.surveys(db, sql`s.id = ${id}`);
      if (!s || !household.path.startsWith(s.node_path)) throw new AppError('not_found');
      const now = clock.now();
      if (now < new Date(s.opens_at) || now >= new Date(s.closes_at))
        throw new AppError('action_not_allowed', [{ path: 'rule', message: 'the survey is not open' }]);
      const keys = Object.keys(b.scores);
      const missing = s.dimensions.filter((d) => !keys.includes(d));
      if (missing.length) throw fieldError(`scores.${missing[0]}`, 'rate every dimension');
      const extra = keys.find((k) => !s.dimensions.includes(k));
      if (extra) throw fieldError(`scores.${extra}`, 'not a dimension of this survey');
      await db.transaction(async (tx) => {
        if (!(await repo.enrol(tx, s.id, household.id)))
          throw new AppError('conflict', [{ path: 'household', message: 'this household has already answered' }]);
        await repo.insertAnswer(tx, s.id, b.scores, b.comment ?? null);
      });
      return { ok: true as const };
    },

    async results(actor: Actor, id: number) {
      const [s] = await repo.surveys(db, sql`s.id = ${id}`);
      if (!s || !can(actor, supervisionPolicy, 'read', { path: s.node_path, organisationId: s.company_id }))
        throw new AppError('not_found');
      const peers = await repo.surveys(db, sql`s.kind = ${s.kind} and s.year = ${s.year}`);
      const e = (await estimates(peers)).get(s.id)!;
      return { surveyId: s.id, answers: s.answers, overall: e.overall, dimensions: e.dimensions };
    },

    async callbacks(actor: Actor, id: number, size: number) {
      const [s] = await repo.surveys(db, sql`s.id = ${id}`);
      if (!s || !can(actor, supervisionPolicy, 'manage', { path: s.node_path })) throw new AppError('not_found');
      const r = await repo.callbacks(db, s.id, size);
      return { items: r.map((x) => ({ householdNodeId: x.household_node_id, label: x.label })) };
    },

    // ---- rules and decisions

    async rules(actor: Actor) {
      requireAnywhere(actor, 'read');
      return { items: await repo.rules(db) };
    },

    async createRule(actor: Actor, ctx: AuditContext, b: z.infer<typeof CreateRuleBody>) {
      requireAnywhere(actor, 'rules');
      if (!Number.isFinite(b.threshold)) throw fieldError('threshold', 'a number');
      if (b.metric === 'complaint_rate' && (b.threshold < 0 || b.threshold > 10_000))
        throw fieldError('threshold', 'complaints per 10,000 households lie between 0 and 10,000');
      if (b.metric === 'satisfaction' && (b.threshold <= 0 || b.threshold >= 100))
        throw fieldError('threshold', 'a satisfaction floor lies between 0 and 100 (exclusive)');
      if (b.months < 1 || b.months > 12) throw fieldError('months', 'between 1 and 12 months running');
      if (b.metric === 'satisfaction' && b.months !== 1)
        throw fieldError('months', 'satisfaction is yearly: months must be 1');
      return db.transaction(async (tx) => {
        const id = await repo.insertRule(tx, b);
        await audit.record(tx, ctx, {
          action: 'supervision.rule_create',
          entityKind: 'list_rule',
          entityId: id,
          nodePath: pathOf(actor),
          after: b,
        });
        return { id };
      });
    },

    /** Applies the active rules to a month: a decision (pending, with an appeal window) per company a rule catches. */
    async evaluate(actor: Actor, ctx: AuditContext, period: string) {
      requireAnywhere(actor, 'manage');
      if (period > shanghaiMonth(clock.now())) throw fieldError('period', 'a month that has begun');
      const rules = await repo.rules(db, true);
      const longest = Math.max(1, ...rules.map((r) => r.months));
      const months = monthsBack(period, longest);
      const rateRows = await rates(actor, months[0]!, period);
      const year = Number(period.slice(0, 4));
      const surveys = await repo.surveys(
        db,
        sql`s.kind = 'property' and s.year = ${year} and ${readScope(actor, sql`n.path`, sql`s.company_id`)}`,
      );
      const answers = await repo.answers(
        db,
        surveys.map((s) => s.id),
      );
      const satisfaction = new Map<number, number[]>();
      for (const a of answers) {
        const s = surveys.find((x) => x.id === a.survey_id)!;
        const v = Object.values(a.scores);
        const pct = toPercent(v.reduce((p, x) => p + x, 0) / v.length);
        satisfaction.set(s.company_id!, [...(satisfaction.get(s.company_id!) ?? []), pct]);
      }
      const companies = [...new Map(rateRows.map((r) => [r.companyId, r.companyName])).entries()];
      const appealUntil = new Date(clock.now().getTime() + APPEAL_DAYS * DAY);
      const created: number[] = [];
      await db.transaction(async (tx) => {
        for (const rule of rules) {
          const beyond = (v: number) => (rule.op === 'above' ? v > rule.threshold : v < rule.threshold);
          for (const [companyId] of companies) {
            let reason: string | null = null;
            if (rule.metric === 'complaint_rate') {
              const span = monthsBack(period, rule.months);
              const vals = span.map(
                (m) => rateRows.find((r) => r.companyId === companyId && r.month === m)?.perTenThousand,
              );
              if (vals.every((v): v is number => v != null && beyond(v)))
                reason = `万户比连续${rule.months}个月${rule.op === 'above' ? '高于' : '低于'}${rule.threshold}（${span
                  .map((m, i) => `${m}: ${vals[i]}`)
                  .join('，')}）`;
            } else {
              const xs = satisfaction.get(companyId) ?? [];
              if (xs.length >= MIN_SAMPLE) {
                const mean = Math.round((xs.reduce((p, x) => p + x, 0) / xs.length) * 10) / 10;
                if (beyond(mean))
                  reason = `${year}年物业满意度 ${mean} 分${rule.op === 'above' ? '高于' : '低于'}${rule.threshold}（${xs.length} 户作答）`;
              }
            }
            if (!reason) continue;
            const id = await repo.insertDecision(tx, {
              companyId,
              list: rule.list,
              ruleId: rule.id,
              period,
              reason,
              appealUntil,
            });
            if (id) created.push(id);
          }
        }
        await audit.record(tx, ctx, {
          action: 'supervision.decision_evaluate',
          entityKind: 'list_decision',
          entityId: period,
          nodePath: pathOf(actor),
          after: { period, created },
        });
      });
      return { created: created.length };
    },

    async decisions(actor: Actor) {
      requireAnywhere(actor, 'read');
      const r = await repo.decisions(db, readScope(actor, sql`n.path`, sql`d.company_id`));
      return { items: r.map(decisionDto) };
    },

    async appeal(actor: Actor, ctx: AuditContext, id: number, reason: string) {
      return db.transaction(async (tx) => {
        const d = await lockedDecision(tx, actor, id);
        if (!can(actor, supervisionPolicy, 'appeal', { path: d.company_path, organisationId: d.company_id }))
          throw new AppError('forbidden');
        if (d.status !== 'pending')
          throw new AppError('action_not_allowed', [
            { path: 'status', message: 'only a pending decision can be appealed' },
          ]);
        if (clock.now() >= new Date(d.appeal_until))
          throw new AppError('action_not_allowed', [{ path: 'appealUntil', message: 'the appeal window has closed' }]);
        await repo.updateDecision(tx, id, { status: 'appealed', appeal: reason });
        await audit.record(tx, ctx, {
          action: 'supervision.decision_appeal',
          entityKind: 'list_decision',
          entityId: id,
          nodePath: d.company_path,
          after: { reason },
        });
        return decisionDto((await repo.lockDecision(tx, id))!);
      });
    },

    async resolve(actor: Actor, ctx: AuditContext, id: number, uphold: boolean) {
      return db.transaction(async (tx) => {
        const d = await lockedDecision(tx, actor, id);
        if (!can(actor, supervisionPolicy, 'manage', { path: d.company_path })) throw new AppError('forbidden');
        if (d.status !== 'appealed')
          throw new AppError('action_not_allowed', [
            { path: 'status', message: 'only an appealed decision is resolved' },
          ]);
        const now = clock.now();
        await repo.updateDecision(tx, id, uphold ? { status: 'published', publishedAt: now } : { status: 'withdrawn' });
        await audit.record(tx, ctx, {
          action: 'supervision.decision_resolve',
          entityKind: 'list_decision',
          entityId: id,
          nodePath: d.company_path,
          after: { uphold },
        });
        return decisionDto((await repo.lockDecision(tx, id))!);
      });
    },

    async publish(actor: Actor, ctx: AuditContext, id: number) {
      return db.transaction(async (tx) => {
        const d = await lockedDecision(tx, actor, id);
        if (!can(actor, supervisionPolicy, 'manage', { path: d.company_path })) throw new AppError('forbidden');
        if (d.status !== 'pending')
          throw new AppError('action_not_allowed', [
            { path: 'status', message: 'only a pending decision is published' },
          ]);
        const now = clock.now();
        if (now < new Date(d.appeal_until))
          throw new AppError('action_not_allowed', [
            { path: 'appealUntil', message: 'the appeal window is still open' },
          ]);
        await repo.updateDecision(tx, id, { status: 'published', publishedAt: now });
        await audit.record(tx, ctx, {
          action: 'supervision.decision_publish',
          entityKind: 'list_decision',
          entityId: id,
          nodePath: d.company_path,
        });
        return decisionDto((await repo.lockDecision(tx, id))!);
      });
    },

    /** The published red and black lists: company names, periods and reasons; no person. */
    async publicList() {
      const r = await repo.decisions(db, sql`d.status = 'published'`);
      return {
        items: r.map((d) => ({
          companyName: d.company_name,
          list: d.list,
          period: d.period,
          reason: d.reason,
          publishedAt: iso(d.published_at)!,
        })),
      };
    },

    // ---- the special fund

    async fund(actor: Actor, estateNodeId: number) {
      const estate = await repo.node(db, estateNodeId);
      if (!estate || estate.kind !== 'estate' || !can(actor, supervisionPolicy, 'read', { path: estate.path }))
        throw new AppError('not_found');
      const r = await repo.fund(db, estate.id);
      return {
        balanceCents: r[0]?.balance_cents ?? 0,
        items: r.map((f) => ({
          id: f.id,
          estateNodeId: f.estate_node_id,
          estateName: f.estate_name,
          kind: f.kind,
          amountCents: f.amount_cents,
          balanceCents: f.balance_cents,
          feeIncomeCents: f.fee_income_cents,
          sharePercent: f.share_percent,
          project: f.project,
          councilDecision: f.council_decision,
          note: f.note,
          bookedOn: f.booked_on,
        })),
      };
    },

    async addFundEntry(actor: Actor, ctx: AuditContext, b: z.infer<typeof FundEntryBody>) {
      const estate = await repo.node(db, b.estateNodeId);
      if (!estate || estate.kind !== 'estate') throw fieldError('estateNodeId', 'choose an estate');
      if (!can(actor, supervisionPolicy, 'manage', { path: estate.path })) throw new AppError('forbidden');
      const amount = b.kind === 'income' ? Math.round((b.feeIncomeCents * b.sharePercent) / 100) : b.amountCents;
      if (amount <= 0) throw fieldError('sharePercent', 'the share comes to nothing');
      return db.transaction(async (tx) => {
        const balance = await repo.lockedBalance(tx, estate.id);
        const next = b.kind === 'income' ? balance + amount : balance - amount;
        if (next < 0)
          throw new AppError('action_not_allowed', [
            { path: 'amountCents', message: `the fund holds ${balance} fen; spending cannot exceed the balance` },
          ]);
        const id = await repo.insertFundEntry(tx, {
          estateNodeId: estate.id,
          kind: b.kind,
          amountCents: amount,
          balanceCents: next,
          feeIncomeCents: b.kind === 'income' ? b.feeIncomeCents : null,
          sharePercent: b.kind === 'income' ? b.sharePercent : null,
          project: b.kind === 'spending' ? b.project : null,
          councilDecision: b.kind === 'spending' ? b.councilDecision : null,
          note: b.note ?? null,
          bookedOn: b.bookedOn,
          createdBy: actor.userId,
        });
        await audit.record(tx, ctx, {
          action: 'supervision.fund_entry',
          entityKind: 'fund_entry',
          entityId: id,
          nodeId: estate.id,
          nodePath: estate.path,
          after: { ...b, amountCents: amount, balanceCents: next },
        });
        return { id, balanceCents: next };
      });
    },

    // ---- scorecards

    async scorecard(actor: Actor, q: { year: number; communityId?: number }) {
      requireAnywhere(actor, 'read');
      let community: { id: number; path: string } | null = null;
      // A community worker's own community when none is named.
      const own = actor.bindings.find((b) => b.role === 'community_worker' && b.nodeId != null)?.nodeId;
      const communityId = q.communityId ?? own;
      if (communityId) {
        const n = await repo.node(db, communityId);
        if (!n || n.kind !== 'community' || !can(actor, supervisionPolicy, 'read', { path: n.path }))
          throw new AppError('not_found');
        community = n;
      }
      let communityRating: Estimate | null = null;
      if (community) {
        const peers = await repo.surveys(db, sql`s.kind = 'community' and s.year = ${q.year}`);
        const mine = peers.filter((s) => s.node_path.startsWith(community.path));
        if (mine.length) {
          const e = await estimates(peers);
          // The community's surveys of the year: the one with most answers speaks for it.
          const best = mine.sort((a, b) => b.answers - a.answers)[0]!;
          communityRating = e.get(best.id)!.overall;
        }
      }
      return {
        year: q.year,
        communityId: community?.id ?? null,
        communityRating,
        minSample: MIN_SAMPLE,
        items: await unitRows(actor, q.year, community?.path ?? pathOf(actor)),
      };
    },

    async rateUnit(actor: Actor, ctx: AuditContext, b: z.infer<typeof RateUnitBody>) {
      const c = await repo.node(db, b.communityId);
      if (!c || c.kind !== 'community') throw fieldError('communityId', 'choose a community');
      if (!can(actor, supervisionPolicy, 'rate_unit', { path: c.path })) throw new AppError('forbidden');
      const o = await repo.organisation(db, b.organisationId);
      if (!o || !['department', 'partner_unit'].includes(o.kind))
        throw fieldError('organisationId', 'choose a department or partner unit');
      await db.transaction(async (tx) => {
        await repo.upsertRating(tx, {
          communityNodeId: c.id,
          organisationId: o.id,
          year: b.year,
          score: b.score,
          note: b.note ?? null,
          by: actor.userId,
        });
        await audit.record(tx, ctx, {
          action: 'supervision.unit_rating',
          entityKind: 'unit_rating',
          entityId: `${c.id}:${o.id}:${b.year}`,
          nodeId: c.id,
          nodePath: c.path,
          after: b,
        });
      });
      return { ok: true as const };
    },

    /** The annual review per department and unit over every community in scope; generated from December on. */
    async annualReview(actor: Actor, year: number) {
      requireAnywhere(actor, 'manage');
      const now = clock.now();
      const current = shanghaiMonth(now);
      if (current < `${year}-12`)
        throw new AppError('action_not_allowed', [
          { path: 'year', message: 'the annual review is generated in December' },
        ]);
      const items = await unitRows(actor, year, pathOf(actor));
      const ratings = await repo.ratings(db, year, pathOf(actor));
      return {
        year,
        generatedAt: now.toISOString(),
        items: items.map((x) => ({
          ...x,
          communities: new Set(
            ratings.filter((r) => r.organisation_id === x.organisationId).map((r) => r.community_node_id),
          ).size,
          grade: x.handled >= MIN_SAMPLE || x.rating.n >= MIN_SAMPLE ? grade(x.score) : null,
        })),
      };
    },
  };
}
export type SupervisionService = ReturnType<typeof createSupervisionService>;
