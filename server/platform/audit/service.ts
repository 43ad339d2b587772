// Writing to the audit log, always inside the transaction of the change it records.
import { writeAll, type Exec, type Write } from '../db';
import type { Clock } from '../clock';
import { auditLog } from './tables';

export type AuditContext = { actorId: number | null; actorName: string | null; requestId: string | null };

export type AuditRecord = {
  action: string;
  entityKind: string;
  entityId: string | number;
  nodeId?: number | null;
  nodePath?: string | null;
  before?: unknown;
  after?: unknown;
};

export type Audit = {
  record(exec: Exec, ctx: AuditContext, rec: AuditRecord): Promise<void>;
  /** The same entry as a write for the caller's one-statement batch (`writeAll`). */
  entry(exec: Exec, ctx: AuditContext, rec: AuditRecord): Write;
};

/** Builds the audit writer; fields named in `redact` are stored as '***'. */
export function createAudit(clock: Clock, redact: readonly string[] = ['passwordHash', 'password']): Audit {
  const clean = (v: unknown): unknown => {
    if (v == null || typeof v !== 'object') return v ?? null;
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = redact.includes(k) ? '***' : x;
    return o;
  };
  const entry: Audit['entry'] = (exec, ctx, rec) => ({
    sql: exec.insert(auditLog).values({
        at: clock.now(),
        actorId: ctx.actorId,
        actorName: ctx.actorName,
        action: rec.action,
        entityKind: rec.entityKind,
        entityId: String(rec.entityId),
        nodeId: rec.nodeId ?? null,
        nodePath: rec.nodePath ?? null,
        before: clean(rec.before),
        after: clean(rec.after),
        requestId: ctx.requestId,
      }),
  });
  return {
    entry,
    async record(exec, ctx, rec) {
      await writeAll(exec, [entry(exec, ctx, rec)]);
    },
  };
}
