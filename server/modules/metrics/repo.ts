// SQL for case metrics: grouped counts, stage-time medians, unit names, and keyset batches of the case ledger.
import { and, asc, eq, gt, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { STAGES, type Counts, type Stage } from '../../../contracts/metrics';
import { rows, type Exec } from '../../platform/db';
import { caseCategories, cases } from '../cases';
import { organisations } from '../organisations';
import { territoryNodes } from '../territory';
import { countedInPeriod, countPredicates, stageMedians, type Period } from './formulas';

/** The columns the metrics policy filters cases on. */
export const metricsColumns = { path: cases.nodePath, organisationId: cases.assigneeOrganisationId };

/** Grouping keys, as text: one expression per way of cutting the figures. */
export const groupKeys = {
  all: sql`''`,
  /** The id of the case's ancestor at a depth of the territory tree (paths are '/1/4/17/', the root at depth 0). */
  nodeAtDepth: (depth: number) => sql`nullif(split_part(${cases.nodePath}, '/', ${depth + 2}::int), '')`,
  organisation: sql`${cases.assigneeOrganisationId}::text`,
  categoryClass: sql`substr(${cases.categoryCode}, 1, 3)`,
  category: sql`${cases.categoryCode}`,
  channel: sql`${cases.channel}`,
};

export type CountRow = Counts & { key: string | null } & Record<`hours_${Stage}`, number | null>;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

const assigneeNode = alias(territoryNodes, 'assignee_node');
const ledgerSelect = {
  id: cases.id,
  number: cases.number,
  channel: cases.channel,
  categoryCode: cases.categoryCode,
  categoryName: caseCategories.name,
  description: cases.description,
  gridName: territoryNodes.name,
  status: cases.status,
  organisationName: organisations.name,
  assigneeNodeName: assigneeNode.name,
  createdAt: cases.createdAt,
  registeredAt: cases.registeredAt,
  dispatchedAt: cases.dispatchedAt,
  closedAt: cases.closedAt,
  closedOnTime: cases.closedOnTime,
  reworkCount: cases.reworkCount,
  extensionCount: cases.extensionCount,
  rating: cases.rating,
};

export const metricsRepo = {
  /** Every count and stage median of the period per group key, over the cases matching `where` (already scoped by the caller). */
  async counts(exec: Exec, where: SQL[], key: SQL, p: Period): Promise<CountRow[]> {
    const preds = countPredicates(p);
    const medians = stageMedians(p);
    const cols = sql.join(
      [
        ...(Object.keys(preds) as (keyof Counts)[]).map(
          (k) => sql`count(*) filter (where ${preds[k]})::int as ${sql.identifier(k)}`,
        ),
        ...STAGES.map((s) => sql`${medians[s]} as ${sql.identifier(`hours_${s}`)}`),
      ],
      sql`, `,
    );
    return rows<CountRow>(
      exec,
      sql`select ${key} as key, ${cols} from ${cases} where ${and(...where, countedInPeriod(p))} group by 1`,
    );
  },

  /**
   * One batch of the ledger in id order: ids in (afterId, upToId], at most `limit`. The id window bounds the work of
   * each query whatever plan is chosen (the embedded database never gathers statistics, so a plan may read and sort
   * everything left before applying the limit).
   */
  async ledgerBatch(exec: Exec, where: SQL[], afterId: number, upToId: number, limit: number) {
    return exec
      .select(ledgerSelect)
      .from(cases)
      .innerJoin(territoryNodes, eq(territoryNodes.id, cases.gridId))
      .leftJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
      .leftJoin(organisations, eq(organisations.id, cases.assigneeOrganisationId))
      .leftJoin(assigneeNode, eq(assigneeNode.id, cases.assigneeNodeId))
      .where(and(...where, gt(cases.id, afterId), lte(cases.id, upToId)))
      .orderBy(asc(cases.id))
      .limit(limit);
  },

  /** The highest case id now: the ledger stops there, so cases reported during a long download wait for the next one. */
  async maxCaseId(exec: Exec): Promise<number> {
    const r = await rows<{ id: number | null }>(exec, sql`select max(${cases.id})::float8 as id from ${cases}`);
    return r[0]?.id ?? 0;
  },

  async childrenOf(exec: Exec, nodeId: number) {
    return exec
      .select()
      .from(territoryNodes)
      .where(and(eq(territoryNodes.parentId, nodeId), isNull(territoryNodes.retiredAt)))
      .orderBy(asc(territoryNodes.code));
  },

  /** The top of the territory tree. */
  async root(exec: Exec) {
    const r = await exec
      .select()
      .from(territoryNodes)
      .where(isNull(territoryNodes.parentId))
      .orderBy(asc(territoryNodes.id))
      .limit(1);
    return r[0] ?? null;
  },

  /** The depth at which nodes of a kind sit (communities: 2, under district and street). */
  async depthOfKind(exec: Exec, kind: string): Promise<number | null> {
    const r = await rows<{ d: number | null }>(
      exec,
      sql`select min(${territoryNodes.depth})::int as d from ${territoryNodes} where ${territoryNodes.kind} = ${kind}`,
    );
    return r[0]?.d ?? null;
  },

  async organisationNames(exec: Exec, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const r = await exec
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, ids));
    return new Map(r.map((x) => [x.id, x.name]));
  },

  async categoryNames(exec: Exec, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const r = await exec
      .select({ code: caseCategories.code, name: caseCategories.name })
      .from(caseCategories)
      .where(inArray(caseCategories.code, codes));
    return new Map(r.map((x) => [x.code, x.name]));
  },

  under: (path: string) => sql`${cases.nodePath} like ${path.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`,
  statusIs: (status: string) => eq(cases.status, status),
  /** The ledger's period: cases reported (created) in it. */
  reportedWithin: (p: Period) => sql`(${cases.createdAt} >= ${ts(p.from)} and ${cases.createdAt} < ${ts(p.to)})`,
  assigneeKindIs: (kind: string) =>
    sql`${cases.assigneeOrganisationId} in (select ${organisations.id} from ${organisations} where ${organisations.kind} = ${kind})`,
};
export type LedgerRow = Awaited<ReturnType<typeof metricsRepo.ledgerBatch>>[number];
