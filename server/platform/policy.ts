// Policy core: deny by default. Modules declare who may do what as a table of grants; this file turns a
// table into `can(actor, action, record)` for one record and `scope(actor, action)` as a SQL predicate for lists.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { NodeKind, Role } from '../../contracts/domain';
import { AppError } from './errors';

export type Binding = {
  id: number;
  role: Role;
  nodeId: number | null;
  organisationId: number | null;
  /**
   * Materialised territory path of the bound node, or of the organisation's seat; null for a binding to no node (a
   * resident who signed up and whose household is not confirmed yet), which reaches no node: only 'self' grants apply.
   */
  path: string | null;
};

export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  bindings: Binding[];
  sessionId: string;
  csrfToken: string;
  /** Set on a first or reset password: until it is changed, only the password change and what its page needs answer. */
  mustChangePassword?: boolean;
};

/**
 * How far a grant reaches from the binding's node:
 * - subtree: the node and everything under it;
 * - below: strictly under it (a street officer edits communities, not the street itself);
 * - subtree_and_ancestors: also the nodes above (a community sees district departments);
 * - own_org: only records of the bound organisation (or that the organisation takes part in);
 * - self: only records that belong to the actor (a resident's own reports);
 * - assigned: only records handed to the actor in person (a mediator's private matters).
 */
export type Reach = 'subtree' | 'below' | 'subtree_and_ancestors' | 'own_org' | 'self' | 'assigned';
export type Grant = { reach: Reach; kinds?: readonly NodeKind[] };
export type PolicyTable<A extends string> = Record<A, Partial<Record<Role, Grant>>>;

/** The fields of a record that policies look at. */
export type Scoped = {
  path: string;
  kind?: string | null;
  organisationId?: number | null;
  organisationIds?: number[];
  userId?: number | null;
  assigneeUserId?: number | null;
};

/**
 * Columns of a table that a scope predicate filters on. `organisationId` may be a column or an `any(subquery)`
 * expression, since the predicate is written `<value> = <organisationId>`.
 */
export type ScopeColumns = {
  path: AnyPgColumn | SQL;
  kind?: AnyPgColumn | SQL;
  organisationId?: AnyPgColumn | SQL;
  userId?: AnyPgColumn | SQL;
  /** The person a record is handed to, for the `assigned` reach. */
  assigneeUserId?: AnyPgColumn | SQL;
  /**
   * Roles bound to the nodes the records hang on (cases hang on grids): for those bindings the subtree is the node
   * itself, so the predicate is `path = node path`, which an index on (path, id) reads in id order instead of a
   * prefix range that must be sorted.
   */
  leafRoles?: readonly Role[];
};

/**
 * The grants of `action` the actor holds through their bindings. A binding to no node reaches no node, so through
 * it only 'self' grants apply (and it counts as no grant at all for `canAnywhere`, menus and permissions).
 */
function grants<A extends string>(actor: Actor, table: PolicyTable<A>, action: A): { b: Binding; g: Grant }[] {
  const out: { b: Binding; g: Grant }[] = [];
  for (const b of actor.bindings) {
    const g = table[action][b.role];
    if (g && (b.path != null || g.reach === 'self')) out.push({ b, g });
  }
  return out;
}

function reaches(b: Binding, g: Grant, r: Scoped, actorId: number): boolean {
  if (g.kinds && (!r.kind || !g.kinds.includes(r.kind as NodeKind))) return false;
  const at = b.path;
  switch (g.reach) {
    case 'subtree':
      return at != null && r.path.startsWith(at);
    case 'below':
      return at != null && r.path.startsWith(at) && r.path !== at;
    case 'subtree_and_ancestors':
      return at != null && (r.path.startsWith(at) || at.startsWith(r.path));
    case 'own_org':
      return (
        b.organisationId != null &&
        (r.organisationId === b.organisationId || (r.organisationIds ?? []).includes(b.organisationId))
      );
    case 'self':
      return r.userId != null && r.userId === actorId;
    case 'assigned':
      return r.assigneeUserId != null && r.assigneeUserId === actorId;
  }
}

/** Whether the actor may take `action` on `record`. */
export function can<A extends string>(actor: Actor, table: PolicyTable<A>, action: A, record: Scoped): boolean {
  return grants(actor, table, action).some(({ b, g }) => reaches(b, g, record, actor.userId));
}

/** Whether the actor holds `action` anywhere at all (menus, coarse route guards). */
export function canAnywhere<A extends string>(actor: Actor, table: PolicyTable<A>, action: A): boolean {
  return grants(actor, table, action).length > 0;
}

/** Throws `forbidden` unless `can`. */
export function authorize<A extends string>(actor: Actor, table: PolicyTable<A>, action: A, record: Scoped): void {
  if (!can(actor, table, action, record)) throw new AppError('forbidden');
}

/** The SQL predicate selecting exactly the rows the actor may take `action` on; FALSE when none. */
export function scope<A extends string>(actor: Actor, table: PolicyTable<A>, action: A, cols: ScopeColumns): SQL {
  const parts: SQL[] = [];
  for (const { b, g } of grants(actor, table, action)) {
    const at = b.path;
    let p: SQL;
    switch (g.reach) {
      case 'subtree':
        if (at == null) continue;
        p = cols.leafRoles?.includes(b.role) ? sql`${cols.path} = ${at}` : sql`${cols.path} like ${at + '%'}`;
        break;
      case 'below':
        if (at == null) continue;
        p = sql`(${cols.path} like ${at + '%'} and ${cols.path} <> ${at})`;
        break;
      case 'subtree_and_ancestors':
        if (at == null) continue;
        p = sql`(${cols.path} like ${at + '%'} or ${at} like ${cols.path} || '%')`;
        break;
      case 'own_org':
        if (!cols.organisationId || b.organisationId == null) continue;
        p = sql`${b.organisationId} = ${cols.organisationId}`;
        break;
      case 'self':
        if (!cols.userId) continue;
        p = sql`${cols.userId} = ${actor.userId}`;
        break;
      case 'assigned':
        if (!cols.assigneeUserId) continue;
        p = sql`${cols.assigneeUserId} = ${actor.userId}`;
        break;
    }
    if (g.kinds && cols.kind)
      p = sql`(${p} and ${cols.kind} in (${sql.join(
        g.kinds.map((k) => sql`${k}`),
        sql`, `,
      )}))`;
    parts.push(p);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}
