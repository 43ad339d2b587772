// Proposals: made by residents (or filed on paper by a worker for one), supported once per registry household,
// followed, and triaged: into the case loop through its own intake, onto a council's agenda, or answered.
import type { z } from 'zod';
import type { CreateProposalBody, ProposalQuery, TriageBody } from '../../../contracts/deliberation';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { authorize, can, scope, type Actor } from '../../platform/policy';
import type { Intake } from '../cases';
import { assertAttachable } from '../files';
import { canReadResident, residentFacts, type ResidentFacts } from '../people';
import { territoryNodes } from '../territory';
import { deliberationPolicy } from './policy';
import { deliberationRepo as repo, type ProposalRow } from './repo';
import { toProposal } from './views';

export type ProposalDeps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'> & { intake: Pick<Intake, 'intake'> };

const isResident = (a: Actor) => a.bindings.some((b) => b.role === 'resident');

/** The registry facts of the actor themself (a resident), or of the resident a worker acts for. */
export async function householdOf(
  db: PlatformDeps['db'],
  actor: Actor,
  onBehalfOf: number | undefined,
  field: string,
): Promise<ResidentFacts | null> {
  if (onBehalfOf == null) return isResident(actor) ? residentFacts(db, { userId: actor.userId }) : null;
  if (isResident(actor)) throw fieldError(field, 'only staff act for a resident');
  const f = await residentFacts(db, { residentId: onBehalfOf });
  if (!f || !canReadResident(actor, f)) throw fieldError(field, 'unknown resident');
  return f;
}

export function createProposalService(deps: ProposalDeps) {
  const { db, clock, audit, intake } = deps;

  async function visible(actor: Actor, id: number): Promise<ProposalRow> {
    const p = await repo.proposal(db, id);
    if (!p || !can(actor, deliberationPolicy, 'read', { path: p.path, userId: p.authorUserId })) {
      throw new AppError('not_found');
    }
    return p;
  }

  async function view(actor: Actor, list: ProposalRow[]) {
    const mine = isResident(actor) ? await residentFacts(db, { userId: actor.userId }) : null;
    const marks = await repo.marks(
      db,
      list.map((p) => p.id),
      actor.userId,
      mine?.householdNodeId ?? null,
    );
    const staff = (p: ProposalRow) => can(actor, deliberationPolicy, 'triage', { path: p.path });
    return list.map((p) => toProposal(p, actor, marks, staff(p)));
  }

  return {
    async list(actor: Actor, q: z.infer<typeof ProposalQuery>) {
      const where = scope(actor, deliberationPolicy, q.queue ? 'triage' : 'read', { path: territoryNodes.path });
      const before = q.cursor ? Number(q.cursor) : undefined;
      const list = await repo.proposals(db, where, {
        status: q.status,
        queue: q.queue,
        mineUserId: q.mine ? actor.userId : undefined,
        before: Number.isFinite(before) ? before : undefined,
        limit: q.limit + 1,
      });
      const page = list.slice(0, q.limit);
      // The queue is ordered overdue first, so its cursor would not be by id: it is one page of the oldest work.
      const next = !q.queue && list.length > q.limit ? String(page[page.length - 1]!.id) : null;
      return { items: await view(actor, page), nextCursor: next };
    },

    async get(actor: Actor, id: number) {
      return (await view(actor, [await visible(actor, id)]))[0]!;
    },

    async create(actor: Actor, ctx: AuditContext, body: CreateProposalBody) {
      const node = await repo.nodeById(db, body.nodeId);
      if (!node || node.kind === 'household') throw fieldError('nodeId', 'unknown place');
      authorize(actor, deliberationPolicy, 'propose', { path: node.path });
      const author = await householdOf(db, actor, body.onBehalfOfResidentId, 'onBehalfOfResidentId');
      if (isResident(actor) && !author) throw fieldError('household', 'your household is not confirmed yet');
      if (body.photos.length) await assertAttachable(db, actor, body.photos);
      const now = clock.now();
      const onPaper = body.onBehalfOfResidentId != null;
      const id = await db.transaction(async (tx) => {
        const p = await repo.insertProposal(tx, {
          kind: body.kind,
          category: body.category,
          title: body.title,
          text: body.text,
          photos: body.photos,
          nodeId: node.id,
          place: body.place ?? null,
          lat: body.location?.lat ?? null,
          lng: body.location?.lng ?? null,
          authorUserId: onPaper ? (author?.userId ?? null) : actor.userId,
          authorResidentId: author?.residentId ?? null,
          authorName: author?.name ?? actor.displayName,
          authorHouseholdId: author?.householdNodeId ?? null,
          filedByUserId: onPaper ? actor.userId : null,
          filedByName: onPaper ? actor.displayName : null,
          createdAt: now,
          updatedAt: now,
        });
        // The author's household supports its own proposal.
        if (author) {
          await repo.support(tx, {
            proposalId: p.id,
            householdId: author.householdNodeId,
            userId: author.userId,
            recordedByUserId: onPaper ? actor.userId : null,
            createdAt: now,
          });
        }
        if (!onPaper) await repo.follow(tx, p.id, actor.userId);
        await audit.record(tx, ctx, {
          action: 'deliberation.propose',
          entityKind: 'proposal',
          entityId: p.id,
          nodeId: node.id,
          nodePath: node.path,
          after: { kind: body.kind, category: body.category, title: body.title, onPaper },
        });
        return p.id;
      });
      return this.get(actor, id);
    },

    /** One support per registry household: a second from the same household changes nothing and says so. */
    async support(actor: Actor, ctx: AuditContext, id: number, onBehalfOf?: number) {
      const p = await visible(actor, id);
      authorize(actor, deliberationPolicy, 'propose', { path: p.path });
      const h = await householdOf(db, actor, onBehalfOf, 'onBehalfOfResidentId');
      if (!h) throw fieldError('household', 'a support is a registry household’s; yours is not confirmed');
      if (p.status !== 'open' && p.status !== 'agenda') throw new AppError('action_not_allowed');
      await db.transaction(async (tx) => {
        const fresh = await repo.support(tx, {
          proposalId: id,
          householdId: h.householdNodeId,
          userId: onBehalfOf ? h.userId : actor.userId,
          recordedByUserId: onBehalfOf ? actor.userId : null,
          createdAt: clock.now(),
        });
        if (!fresh)
          throw new AppError('conflict', [{ path: 'household', message: 'this household already supports it' }]);
        await audit.record(tx, ctx, {
          action: 'deliberation.support',
          entityKind: 'proposal',
          entityId: id,
          nodePath: p.path,
          after: { onPaper: onBehalfOf != null },
        });
      });
      return this.get(actor, id);
    },

    async follow(actor: Actor, id: number) {
      await visible(actor, id);
      await repo.follow(db, id, actor.userId);
      return this.get(actor, id);
    },

    /** Photo bytes of a proposal the actor may read (the id must be one of the proposal's). */
    async photoIds(actor: Actor, id: number) {
      return (await visible(actor, id)).photos;
    },

    async triage(actor: Actor, ctx: AuditContext, id: number, body: TriageBody) {
      const p = await visible(actor, id);
      authorize(actor, deliberationPolicy, 'triage', { path: p.path });
      if (p.status !== 'open') throw new AppError('action_not_allowed', undefined, ['open']);
      const now = clock.now();
      if (body.outcome === 'case') {
        const gridId = body.gridId ?? (p.lat == null ? await gridOf(p) : undefined);
        const made = await intake.intake(
          actor,
          ctx,
          {
            channel: 'patrol',
            categoryCode: body.categoryCode,
            description: `【居民提案】${p.title}\n${p.text}`.slice(0, 2000),
            location: p.lat != null && p.lng != null ? { lat: p.lat, lng: p.lng } : undefined,
            address: p.place ?? undefined,
            gridId,
            // Photos go along when the worker may read them (the resident's uploads stay on the proposal).
            photos: [],
            solvedOnSpot: false,
            anonymous: false,
          },
          `proposal-${id}`,
        );
        await db.transaction(async (tx) => {
          await repo.updateProposal(tx, id, { status: 'case', caseId: made.id, updatedAt: now });
          await audit.record(tx, ctx, {
            action: 'deliberation.triage',
            entityKind: 'proposal',
            entityId: id,
            nodePath: p.path,
            after: { outcome: 'case', caseId: made.id },
          });
        });
      } else if (body.outcome === 'answer') {
        await db.transaction(async (tx) => {
          await repo.updateProposal(tx, id, { status: 'answered', answer: body.answer, updatedAt: now });
          await audit.record(tx, ctx, {
            action: 'deliberation.triage',
            entityKind: 'proposal',
            entityId: id,
            nodePath: p.path,
            after: { outcome: 'answer' },
          });
        });
      } else {
        const council = await repo.council(db, body.councilId);
        if (!council || !can(actor, deliberationPolicy, 'manage', { path: council.path }))
          throw fieldError('councilId', 'unknown council');
        if (!p.path.startsWith(council.path)) throw fieldError('councilId', 'the council is not over this place');
        if (body.meetingId) {
          const m = await repo.meeting(db, body.meetingId);
          if (!m || m.councilId !== council.id) throw fieldError('meetingId', 'not a meeting of this council');
        }
        await db.transaction(async (tx) => {
          const item = await repo.insertAgendaItem(tx, {
            councilId: council.id,
            meetingId: body.meetingId ?? null,
            proposalId: id,
            title: p.title,
          });
          await repo.updateProposal(tx, id, { status: 'agenda', councilId: council.id, updatedAt: now });
          await audit.record(tx, ctx, {
            action: 'deliberation.triage',
            entityKind: 'proposal',
            entityId: id,
            nodePath: p.path,
            after: { outcome: 'agenda', councilId: council.id, agendaItemId: item.id },
          });
        });
      }
      return this.get(actor, id);
    },
  };

  /** The grid a proposal's place is in or is (no point given), for the case intake. */
  async function gridOf(p: ProposalRow): Promise<number | undefined> {
    const up = await repo.ancestors(db, p.path);
    return up.find((n) => n.kind === 'grid')?.id;
  }
}
export type ProposalService = ReturnType<typeof createProposalService>;
