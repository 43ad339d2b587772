// Writing to the audit log, always inside the transaction of the change it records.
import { writeAll, type Exec, type Write } from '../db';
import type { Clock } from '../clock';
import { maskPersonal } from './redact';
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

/**
 * Builds the audit writer. Before and after go through `maskPersonal` (redact.ts): secrets and ciphertexts become
 * '***', phones and document numbers are masked by key and inside any text; fields named in `redact` are '***' too.
 */
export function createAudit(clock: Clock, redact: readonly string[] = ['passwordHash', 'password']): Audit {
  const clean = (v: unknown): unknown => (v == null ? null : maskPersonal(v, redact));
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
