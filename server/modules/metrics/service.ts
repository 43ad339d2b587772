// Case metrics: the figures of one scope, breakdowns by territory, organisation, category, channel and month, unit scores and grades.
import type { SQL } from 'drizzle-orm';
import {
  ScoreWeights,
  type BreakdownQuery,
  type BreakdownResult,
  type Counts,
  type Figures,
  type ScoresQuery,
  type ScoresResult,
  type Summary,
  type SummaryQuery,
} from '../../../contracts/metrics';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, canAnywhere, scope, type Actor } from '../../platform/policy';
import { territoryRepo, type NodeRow } from '../territory';
import { figuresOf, gradeOf, handledOf, scoreOf, volumeScoreOf, ZERO_COUNTS, type Period } from './formulas';
import { CHANNEL_NAMES, nameOf } from './labels';
import { monthsOf, periodOf } from './period';
import { mayNameNode, metricsNodePolicy, metricsPolicy } from './policy';
import { groupKeys, metricsColumns, metricsRepo as repo } from './repo';

type Row = { key: string | null; name: string | null; figures: Figures };

const byKey = (a: Row, b: Row) =>
  a.key == null ? 1 : b.key == null ? -1 : a.key.localeCompare(b.key, 'en', { numeric: true });

function weightsOf(raw: string | undefined): ScoreWeights {
  let value: unknown = {};
  if (raw) {
    try {
      value = JSON.parse(raw);
    } catch {
      throw fieldError('querystring.weights', 'weights must be a JSON object');
    }
  }
  const r = ScoreWeights.safeParse(value);
  if (!r.success) throw fieldError('querystring.weights', r.error.issues[0]?.message ?? 'invalid weights');
  return r.data;
}

export function createMetricsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The actor's cases as a SQL predicate; forbidden for roles that see no metrics at all. */
  function scoped(actor: Actor, action: 'read' | 'export'): SQL {
    if (!canAnywhere(actor, metricsPolicy, action)) throw new AppError('forbidden');
    return scope(actor, metricsPolicy, action, metricsColumns);
  }

  async function namedNode(actor: Actor, nodeId: number): Promise<NodeRow> {
    const node = await territoryRepo.byId(db, nodeId);
    if (!node || !mayNameNode(actor, node)) throw new AppError('not_found');
    return node;
  }

  /** Where a node breakdown starts when no node is named: the reader's own node, or the top of the tree. */
  async function defaultNode(actor: Actor): Promise<NodeRow> {
    const own = actor.bindings.find((b) => b.nodeId != null && metricsPolicy.read[b.role]);
    const node = own ? await territoryRepo.byId(db, own.nodeId!) : await repo.root(db);
    if (!node) throw new AppError('not_found');
    return node;
  }

  /** The figures of the period per group key: counts and stage medians, from one scan. */
  async function figuresBy(where: SQL[], key: SQL, p: Period): Promise<Map<string | null, Figures>> {
    const out = new Map<string | null, Figures>();
    for (const { key: k, hours_dispatch, hours_accept, hours_handle, hours_verify, ...c } of await repo.counts(
      db,
      where,
      key,
      p,
    )) {
      out.set(
        k,
        figuresOf(c as Counts, {
          dispatch: hours_dispatch,
          accept: hours_accept,
          handle: hours_handle,
          verify: hours_verify,
        }),
      );
    }
    return out;
  }

  async function nodeRows(actor: Actor, where: SQL[], node: NodeRow, p: Period): Promise<Row[]> {
    const [figs, children] = await Promise.all([
      figuresBy(where, groupKeys.nodeAtDepth(node.depth + 1), p),
      repo.childrenOf(db, node.id),
    ]);
    // Every child of the reader's own area gets a row, empty ones too, so a report lists all communities of a street;
    // an organisation-bound reader gets rows only where their organisation has cases.
    const out: Row[] = children
      .filter((c) => figs.has(String(c.id)) || can(actor, metricsNodePolicy, 'name', c))
      .map((c) => ({ key: String(c.id), name: c.name, figures: figs.get(String(c.id)) ?? figuresOf(ZERO_COUNTS) }));
    const listed = new Set(out.map((r) => r.key));
    const others = [...figs.keys()].filter((k) => !listed.has(k));
    const names = new Map(
      (await territoryRepo.byIds(db, others.filter((k) => k != null).map(Number))).map((n) => [String(n.id), n.name]),
    );
    // Cases recorded on the node itself (no child in their path) are keyed null and named after the node.
    for (const k of others)
      out.push({ key: k, name: k == null ? node.name : (names.get(k) ?? null), figures: figs.get(k)! });
    return out;
  }

  async function groupedRows(
    where: SQL[],
    by: Exclude<BreakdownQuery['by'], 'node' | 'month'>,
    level: BreakdownQuery['categoryLevel'],
    p: Period,
  ): Promise<Row[]> {
    const key =
      by === 'organisation'
        ? groupKeys.organisation
        : by === 'channel'
          ? groupKeys.channel
          : level === 'class'
            ? groupKeys.categoryClass
            : groupKeys.category;
    const figs = await figuresBy(where, key, p);
    const keys = [...figs.keys()].filter((k): k is string => k != null);
    const names: Map<string, string> =
      by === 'organisation'
        ? new Map([...(await repo.organisationNames(db, keys.map(Number)))].map(([id, n]) => [String(id), n]))
        : by === 'category'
          ? await repo.categoryNames(db, keys)
          : new Map(keys.map((k) => [k, nameOf(CHANNEL_NAMES, k)]));
    return [...figs]
      .map(([k, f]) => ({ key: k, name: k == null ? null : (names.get(k) ?? null), figures: f }))
      .sort(byKey);
  }

  /** The reader's cases, under `nodeId` when given: the predicates to filter on and the node named. */
  async function casesOf(actor: Actor, nodeId: number | undefined, action: 'read' | 'export') {
    const where = [scoped(actor, action)];
    const node = nodeId ? await namedNode(actor, nodeId) : null;
    if (node) where.push(repo.under(node.path));
    return { where, node };
  }

  const totals = async (where: SQL[], p: Period) =>
    (await figuresBy(where, groupKeys.all, p)).get('') ?? figuresOf(ZERO_COUNTS);

  return {
    casesOf,
    totals,

    /** The figures of the reader's cases (under `nodeId` when given) for the period. */
    async summary(actor: Actor, q: SummaryQuery): Promise<Summary> {
      const { where, node } = await casesOf(actor, q.nodeId, 'read');
      const p = periodOf(q, clock.now());
      return { from: p.fromDate, to: p.toDate, nodeId: node?.id ?? null, figures: await totals(where, p) };
    },

    /** The same figures cut into rows. */
    async breakdown(actor: Actor, q: BreakdownQuery): Promise<BreakdownResult> {
      const p = periodOf(q, clock.now());
      const { where, node: named } = await casesOf(actor, q.nodeId, 'read');
      const node = named ?? (q.by === 'node' ? await defaultNode(actor) : null);
      if (node && !named) where.push(repo.under(node.path));
      let rows: Row[];
      if (q.by === 'node') rows = await nodeRows(actor, where, node!, p);
      else if (q.by === 'month') {
        rows = [];
        for (const m of monthsOf(p)) rows.push({ key: m.key, name: m.key, figures: await totals(where, m.period) });
      } else rows = await groupedRows(where, q.by, q.categoryLevel, p);
      return { from: p.fromDate, to: p.toDate, by: q.by, nodeId: node?.id ?? null, rows };
    },

    /** Scores and grades of departments (by assignee) or communities (by territory), best first. */
    async scores(actor: Actor, q: ScoresQuery): Promise<ScoresResult> {
      const where = [scoped(actor, 'read')];
      const weights = weightsOf(q.weights);
      const p = periodOf(q, clock.now());
      const result = { from: p.fromDate, to: p.toDate, kind: q.kind, weights };
      let figs: Map<string | null, Figures>;
      let names: Map<number, string>;
      if (q.kind === 'department') {
        figs = await figuresBy([...where, repo.assigneeKindIs('department')], groupKeys.organisation, p);
        names = await repo.organisationNames(db, [...figs.keys()].filter((k) => k != null).map(Number));
      } else {
        const depth = await repo.depthOfKind(db, 'community');
        if (depth == null) return { ...result, rows: [] };
        figs = await figuresBy(where, groupKeys.nodeAtDepth(depth), p);
        const nodes = await territoryRepo.byIds(db, [...figs.keys()].filter((k) => k != null).map(Number));
        names = new Map(nodes.filter((n) => n.kind === 'community').map((n) => [n.id, n.name]));
      }
      // The units compared are those with cases in the period; the volume score is relative to the busiest of them.
      const units = [...figs].flatMap(([k, f]) =>
        k != null && names.has(Number(k)) ? [{ id: Number(k), name: names.get(Number(k))!, figures: f }] : [],
      );
      const maxHandled = Math.max(0, ...units.map((u) => handledOf(u.figures)));
      const rows = units.map((u) => {
        const volume = volumeScoreOf(handledOf(u.figures), maxHandled);
        const score = scoreOf(u.figures, volume, weights);
        return {
          ...u,
          volumeScore: Math.round(volume * 100) / 100,
          score,
          grade: score == null ? null : gradeOf(score),
        };
      });
      rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh-CN'));
      return { ...result, rows };
    },
  };
}
export type MetricsService = ReturnType<typeof createMetricsService>;
