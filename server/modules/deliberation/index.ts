// The deliberation module (议事协商): proposals and triage, councils and meetings, votes, resolutions and 公示.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import type { Actor } from '../../platform/policy';
import { createCaseLoop, type CaseNotifier } from '../cases';
import { residentFacts } from '../people';
import { createCouncilService } from './councils';
import { createProposalService } from './proposals';
import { deliberationRepo } from './repo';
import { createResolutionService } from './resolutions';
import { deliberationRoutes } from './routes';
import { createVotingService } from './voting';

export async function deliberationModule(app: FastifyInstance, deps: PlatformDeps & { notifier: CaseNotifier }) {
  const { intake } = createCaseLoop(deps);
  const councils = createCouncilService(deps);
  const places = async (actor: Actor) => {
    const f = actor.bindings.some((b) => b.role === 'resident')
      ? await residentFacts(deps.db, { userId: actor.userId })
      : null;
    if (f) return deliberationRepo.ancestors(deps.db, f.path);
    const at = actor.bindings.find((b) => b.path && b.role !== 'resident')?.path;
    return at ? deliberationRepo.placesUnder(deps.db, at) : [];
  };
  await app.register(deliberationRoutes, {
    prefix: '/api/deliberation',
    proposals: createProposalService({ ...deps, intake }),
    councils,
    voting: createVotingService({ ...deps, councils }),
    resolutions: createResolutionService({ ...deps, councils, intake }),
    places,
  });
}

// Public surface: what other modules may import (from '../deliberation'); everything else in this folder is private.
/** Who may read, propose, triage and run councils in an area. */
export { deliberationPolicy } from './policy';
