// Resolutions of passed votes: owner, due date, progress to done; one can become a case (through the case intake)
// and is followed there; the resolution and its progress are published (公示) to the area without personal data.
import type { z } from 'zod';
import type { CreateResolutionBody, ProgressBody, ResolutionToCaseBody } from '../../../contracts/deliberation';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { scope, type Actor } from '../../platform/policy';
import { redactPersonalText } from '../../platform/redact';
import type { Intake } from '../cases';
import { territoryNodes } from '../territory';
import type { CouncilService } from './councils';
import { deliberationPolicy } from './policy';
import { deliberationRepo as repo, type CouncilRow } from './repo';
import { tallyOf } from './views';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'> & {
  councils: Pick<CouncilService, 'visible' | 'managed'>;
  intake: Pick<Intake, 'intake'>;
};

export function createResolutionService(deps: Deps) {
  const { db, clock, audit, councils, intake } = deps;

  async function view(list: CouncilRow[], publicView: boolean) {
    const ids = list.map((c) => c.id);
    const rs = await repo.resolutions(db, ids);
    const progress = await repo.progress(
      db,
      rs.map((r) => r.r.id),
    );
    const t = await repo.tally(
      db,
      rs.map((r) => r.r.voteId),
    );
    const byId = new Map(list.map((c) => [c.id, c]));
    const clean = (s: string) => (publicView ? redactPersonalText(s) : s);
    return {
      items: rs.map(({ r, caseStatus }) => {
        const c = byId.get(r.councilId)!;
        return {
          id: r.id,
          councilId: r.councilId,
          voteId: r.voteId,
          proposalId: r.proposalId,
          councilName: c.name,
          nodeName: c.nodeName,
          title: clean(r.title),
          text: clean(r.text),
          owner: clean(r.owner),
          dueOn: r.dueOn,
          status: r.status as 'open',
          percent: r.percent,
          caseId: r.caseId,
          caseStatus: caseStatus ?? null,
          result: tallyOf(
            t.ballots.filter((b) => b.vote_id === r.voteId),
            c.quorum,
          ),
          progress: progress
            .filter((p) => p.resolutionId === r.id)
            .map((p) => ({ at: p.at.toISOString(), note: clean(p.note), percent: p.percent })),
          createdAt: r.createdAt.toISOString(),
        };
      }),
    };
  }

  async function managedResolution(actor: Actor, id: number) {
    const r = await repo.resolution(db, id);
    if (!r) throw new AppError('not_found');
    return { r, c: await councils.managed(actor, r.councilId) };
  }

  return {
    /** Staff's list, or the published list (公示) of the councils over the actor's place. */
    async list(actor: Actor, publicView: boolean) {
      const where = scope(actor, deliberationPolicy, 'read', { path: territoryNodes.path });
      return view(await repo.councils(db, where), publicView);
    },

    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateResolutionBody>) {
      const v = await repo.vote(db, body.voteId);
      if (!v) throw fieldError('voteId', 'unknown vote');
      const c = await councils.managed(actor, v.councilId);
      if (v.status !== 'closed') throw fieldError('voteId', 'the vote is not closed');
      const result = tallyOf((await repo.tally(db, [v.id])).ballots, c.quorum);
      if (!result.passed) throw fieldError('voteId', 'the vote did not pass');
      const item = (await repo.agendaItem(db, v.agendaItemId))!;
      // One resolution per vote: recording the item decided is what a second click would find.
      if (item.status === 'decided')
        throw new AppError('conflict', [{ path: 'voteId', message: 'the vote already has its resolution' }]);
      const r = await db.transaction(async (tx) => {
        const r = await repo.insertResolution(tx, {
          councilId: c.id,
          voteId: v.id,
          proposalId: item.proposalId,
          title: body.title,
          text: body.text,
          owner: body.owner,
          dueOn: body.dueOn,
          createdAt: clock.now(),
        });
        await repo.updateAgendaItem(tx, item.id, { status: 'decided' });
        await audit.record(tx, ctx, {
          action: 'deliberation.resolution_create',
          entityKind: 'council_resolution',
          entityId: r.id,
          nodePath: c.path,
          after: body,
        });
        return r;
      });
      return (await view([c], false)).items.find((x) => x.id === r.id)!;
    },

    async progress(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof ProgressBody>) {
      const { r, c } = await managedResolution(actor, id);
      if (r.status === 'done') throw new AppError('action_not_allowed');
      const done = body.done || body.percent === 100;
      await db.transaction(async (tx) => {
        await repo.insertProgress(tx, {
          resolutionId: id,
          at: clock.now(),
          note: body.note,
          percent: done ? 100 : body.percent,
        });
        await repo.updateResolution(tx, id, {
          percent: done ? 100 : body.percent,
          status: done ? 'done' : 'in_progress',
        });
        if (done && r.proposalId)
          await repo.updateProposal(tx, r.proposalId, { status: 'resolved', updatedAt: clock.now() });
        await audit.record(tx, ctx, {
          action: 'deliberation.resolution_progress',
          entityKind: 'council_resolution',
          entityId: id,
          nodePath: c.path,
          after: { percent: body.percent, done },
        });
      });
      return (await view([c], false)).items.find((x) => x.id === id)!;
    },

    /** Makes the resolution a case through the one intake (its text, not retyped); a second call answers the same case. */
    async toCase(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof ResolutionToCaseBody>) {
      const { r, c } = await managedResolution(actor, id);
      if (!r.caseId) {
        // Nothing retyped: without a grid or point, the case is where the proposal it settles was made.
        const from = !body.gridId && !body.location && r.proposalId ? await repo.proposal(db, r.proposalId) : null;
        const location =
          body.location ?? (from?.lat != null && from.lng != null ? { lat: from.lat, lng: from.lng } : undefined);
        const made = await intake.intake(
          actor,
          ctx,
          {
            channel: 'patrol',
            categoryCode: body.categoryCode,
            description: `【议事决议】${r.title}\n${r.text}\n责任方：${r.owner}，期限：${r.dueOn}`.slice(0, 2000),
            gridId: body.gridId,
            location,
            photos: [],
            solvedOnSpot: false,
            anonymous: false,
          },
          `resolution-${id}`,
        );
        await db.transaction(async (tx) => {
          await repo.updateResolution(tx, id, {
            caseId: made.id,
            status: r.status === 'open' ? 'in_progress' : r.status,
          });
          await audit.record(tx, ctx, {
            action: 'deliberation.resolution_case',
            entityKind: 'council_resolution',
            entityId: id,
            nodePath: c.path,
            after: { caseId: made.id },
          });
        });
      }
      return (await view([c], false)).items.find((x) => x.id === id)!;
    },
  };
}
export type ResolutionService = ReturnType<typeof createResolutionService>;
