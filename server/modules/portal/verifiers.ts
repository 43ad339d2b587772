// Who checked a resident's report on the spot, by role, so the plain-words timeline names them truly.
import type { Exec } from '../../platform/db';
import type { CaseEventRow } from '../cases';
import { userRepo } from '../users';

/** The roles that verify a case (cases policy `verify`), as the resident's timeline names them. */
export type VerifierRole = 'grid_worker' | 'community_worker';
const VERIFIERS: readonly string[] = ['grid_worker', 'community_worker'];

/**
 * For each verify step, the role in which its actor could verify this case: their binding of a verifying role
 * nearest the case (the longest path above it). Events recorded no role, so today's bindings decide; a verifier
 * who has since lost the role gives null and the timeline says only that the report was checked.
 */
export async function verifierRoles(
  exec: Exec,
  events: CaseEventRow[],
  casePath: string,
): Promise<Map<number, VerifierRole>> {
  const steps = events.filter((e) => e.action === 'verify' && e.actorId != null);
  const bindings = await userRepo.bindingsOf(exec, [...new Set(steps.map((e) => e.actorId!))]);
  const out = new Map<number, VerifierRole>();
  for (const e of steps) {
    const best = bindings
      .filter(
        (b) => b.userId === e.actorId && VERIFIERS.includes(b.role) && b.path != null && casePath.startsWith(b.path),
      )
      .sort((x, y) => (y.path?.length ?? 0) - (x.path?.length ?? 0))[0];
    if (best) out.set(e.id, best.role as VerifierRole);
  }
  return out;
}
