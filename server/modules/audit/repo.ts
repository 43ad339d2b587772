// SQL for reading the audit log (writing lives in platform/audit).
import { and, desc, eq, gte, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Exec } from '../../platform/db';
import { auditLog } from '../../platform/audit/tables';

export type AuditRow = typeof auditLog.$inferSelect;
export const auditColumns = { path: auditLog.nodePath };

export const auditRepo = {
  async list(exec: Exec, where: SQL[], opts: { before: [string, number] | null; limit: number }): Promise<AuditRow[]> {
    const conds = [...where];
    if (opts.before) {
      const [at, id] = opts.before;
      conds.push(or(lt(auditLog.at, new Date(at)), and(eq(auditLog.at, new Date(at)), lt(auditLog.id, id))) as SQL);
    }
    return exec
      .select()
      .from(auditLog)
      .where(and(...conds))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(opts.limit + 1);
  },
  actorIs: (id: number) => eq(auditLog.actorId, id),
  under: (path: string) => like(auditLog.nodePath, path + '%'),
  kindIs: (k: string) => eq(auditLog.entityKind, k),
  actionIs: (a: string) => eq(auditLog.action, a),
  from: (d: string) => gte(auditLog.at, new Date(d)),
  to: (d: string) => lte(auditLog.at, new Date(d)),
  unplaced: sql`${auditLog.nodePath} is null`,
};
