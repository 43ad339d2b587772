// Votes of a council: opened, cast (one per household or per member, proxies on a paper record), closed, tallied
// from the ballots. A secret ballot's roll (who voted) and ballots (what) are apart: nothing links one to the other.
import type { z } from 'zod';
import type { CastBody, CreateVoteBody } from '../../../contracts/deliberation';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { can, type Actor } from '../../platform/policy';
import { residentFacts } from '../people';
import type { CouncilService } from './councils';
import { householdOf } from './proposals';
import { deliberationPolicy } from './policy';
import { deliberationRepo as repo, type CouncilRow, type VoteRow } from './repo';
import { tallyOf } from './views';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'> & { councils: Pick<CouncilService, 'visible' | 'managed'> };

const ageOn = (birth: string, now: Date) => {
  const b = new Date(`${birth}T00:00:00Z`);
  let a = now.getUTCFullYear() - b.getUTCFullYear();
  if (now.getUTCMonth() * 100 + now.getUTCDate() < b.getUTCMonth() * 100 + b.getUTCDate()) a--;
  return a;
};
export const PROXY_MIN_AGE = 60;

export function createVotingService(deps: Deps) {
  const { db, clock, audit, councils } = deps;

  /** The voter the actor is on this council's vote: their household or their membership; null when none. */
  async function voterOf(actor: Actor, c: CouncilRow): Promise<{ key: string; label: string } | null> {
    const member = (await repo.members(db, [c.id])).find((m) => m.userId === actor.userId);
    if (c.voteRule === 'household') {
      const f = await residentFacts(db, { userId: actor.userId });
      if (f && f.path.startsWith(c.path) && (c.openToResidents || member))
        return { key: `h:${f.householdNodeId}`, label: `户 ${f.householdNodeId}` };
    }
    return member ? { key: `m:${member.id}`, label: member.name } : null;
  }

  async function voteOf(actor: Actor, id: number) {
    const v = await repo.vote(db, id);
    if (!v) throw new AppError('not_found');
    return { v, c: await councils.visible(actor, v.councilId) };
  }

  async function toVotes(actor: Actor, c: CouncilRow, list: VoteRow[]) {
    const t = await repo.tally(
      db,
      list.map((v) => v.id),
    );
    const me = await voterOf(actor, c);
    const voted = me
      ? new Set(
          (
            await repo.votedKeys(
              db,
              list.map((v) => v.id),
              [me.key],
            )
          ).map((x) => x.voteId),
        )
      : new Set<number>();
    return list.map((v) => ({
      id: v.id,
      councilId: v.councilId,
      agendaItemId: v.agendaItemId,
      question: v.question,
      ballot: v.ballot as 'open',
      status: v.status as 'open',
      voteRule: c.voteRule as 'household',
      openToResidents: c.openToResidents,
      turnout: Number(t.roll.find((r) => r.vote_id === v.id)?.n ?? 0),
      // Results stay hidden until the vote closes.
      result:
        v.status === 'closed'
          ? tallyOf(
              t.ballots.filter((b) => b.vote_id === v.id),
              c.quorum,
            )
          : null,
      votedByMe: voted.has(v.id),
      canVote: v.status === 'open' && me != null && !voted.has(v.id),
      openedAt: v.openedAt?.toISOString() ?? null,
      closedAt: v.closedAt?.toISOString() ?? null,
    }));
  }

  async function one(actor: Actor, id: number) {
    const { v, c } = await voteOf(actor, id);
    return (await toVotes(actor, c, [v]))[0]!;
  }

  return {
    one,

    async list(actor: Actor, councilId: number) {
      const c = await councils.visible(actor, councilId);
      return { items: await toVotes(actor, c, await repo.votes(db, [c.id])) };
    },

    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateVoteBody>) {
      const item = await repo.agendaItem(db, body.agendaItemId);
      if (!item) throw fieldError('agendaItemId', 'unknown agenda item');
      const c = await councils.managed(actor, item.councilId);
      if (item.status !== 'pending') throw fieldError('agendaItemId', 'the matter is no longer pending');
      const v = await db.transaction(async (tx) => {
        const v = await repo.insertVote(tx, { councilId: c.id, ...body });
        await audit.record(tx, ctx, {
          action: 'deliberation.vote_create',
          entityKind: 'council_vote',
          entityId: v.id,
          nodePath: c.path,
          after: body,
        });
        return v;
      });
      return one(actor, v.id);
    },

    async open(actor: Actor, ctx: AuditContext, id: number) {
      const { v, c } = await voteOf(actor, id);
      await councils.managed(actor, c.id);
      if (v.status !== 'draft') throw new AppError('action_not_allowed', undefined, ['draft']);
      await db.transaction(async (tx) => {
        await repo.updateVote(tx, id, { status: 'open', openedAt: clock.now() });
        await audit.record(tx, ctx, {
          action: 'deliberation.vote_open',
          entityKind: 'council_vote',
          entityId: id,
          nodePath: c.path,
        });
      });
      return one(actor, id);
    },

    async close(actor: Actor, ctx: AuditContext, id: number) {
      const { v, c } = await voteOf(actor, id);
      await councils.managed(actor, c.id);
      if (v.status !== 'open') throw new AppError('action_not_allowed', undefined, ['open']);
      await db.transaction(async (tx) => {
        await repo.updateVote(tx, id, { status: 'closed', closedAt: clock.now() });
        const t = await repo.tally(tx, [id]);
        await audit.record(tx, ctx, {
          action: 'deliberation.vote_close',
          entityKind: 'council_vote',
          entityId: id,
          nodePath: c.path,
          after: tallyOf(t.ballots, c.quorum),
        });
      });
      return one(actor, id);
    },

    /**
     * Casts a ballot: the voter goes on the roll (its key is vote + voter, so a second ballot of the same household
     * or member is refused) and the choice into the ballots with nothing of the voter. A retry with the same
     * Idempotency-Key answers as the first did.
     */
    async cast(actor: Actor, ctx: AuditContext, id: number, body: CastBody, key?: string) {
      const { v, c } = await voteOf(actor, id);
      let voter: { key: string; label: string } | null;
      let proxy: { residentId: number; proxyName: string; record: string } | null = null;
      if (body.proxy) {
        if (!can(actor, deliberationPolicy, 'manage', { path: c.path })) throw new AppError('forbidden');
        if (c.voteRule !== 'household') throw fieldError('proxy', 'proxies are by household');
        if (!body.proxy.record) throw fieldError('proxy.record', 'a proxy vote needs its written record (委托书)');
        const f = await householdOf(db, actor, body.proxy.residentId, 'proxy.residentId');
        if (!f || !f.path.startsWith(c.path)) throw fieldError('proxy.residentId', 'not a resident of this area');
        if (ageOn(f.birthDate, clock.now()) < PROXY_MIN_AGE)
          throw fieldError('proxy.residentId', `proxy votes are for residents aged ${PROXY_MIN_AGE} and over`);
        voter = { key: `h:${f.householdNodeId}`, label: `户 ${f.householdNodeId}` };
        proxy = body.proxy;
      } else {
        voter = await voterOf(actor, c);
        if (!voter) throw new AppError('forbidden', [{ path: 'voter', message: 'not a voter of this council' }]);
      }
      const answer = { voteId: id, recorded: true as const, byProxy: proxy != null };
      const seen = await repo.rollEntry(db, id, voter.key);
      if (seen) {
        if (key && seen.requestKey === key) return answer;
        throw new AppError('conflict', [{ path: 'voter', message: 'this household or member has already voted' }]);
      }
      if (v.status !== 'open')
        throw new AppError('action_not_allowed', [
          { path: 'status', message: v.status === 'draft' ? 'the vote is not open yet' : 'the vote is closed' },
        ]);
      const made = await db.transaction(async (tx) => {
        const locked = await repo.vote(tx, id, true);
        if (locked?.status !== 'open') throw new AppError('action_not_allowed');
        const fresh = await repo.enrol(tx, {
          voteId: id,
          voterKey: voter.key,
          voterLabel: voter.label,
          byProxy: proxy != null,
          requestKey: key ?? null,
        });
        if (!fresh) return false;
        await repo.castBallot(tx, id, body.choice);
        if (v.ballot === 'open') await repo.recordOpenChoice(tx, id, voter.key, body.choice);
        if (proxy) {
          const p = await repo.insertProxy(tx, { voteId: id, ...proxy, recordedByUserId: actor.userId });
          await audit.record(tx, ctx, {
            action: 'deliberation.proxy_vote',
            entityKind: 'council_vote',
            entityId: id,
            nodePath: c.path,
            after: {
              proxyRecordId: p.id,
              residentId: proxy.residentId,
              proxyName: proxy.proxyName,
              record: proxy.record,
            },
          });
        } else {
          await audit.record(tx, ctx, {
            action: 'deliberation.vote_cast',
            entityKind: 'council_vote',
            entityId: id,
            nodePath: c.path,
          });
        }
        return true;
      });
      if (!made) {
        // Two requests of one household raced: the one that lost answers as a retry or as a second vote.
        const now = await repo.rollEntry(db, id, voter.key);
        if (key && now?.requestKey === key) return answer;
        throw new AppError('conflict', [{ path: 'voter', message: 'this household or member has already voted' }]);
      }
      return answer;
    },

    /** The tally, from the ballots; refused before the vote closes (the result stays hidden, a secret one above all). */
    async tally(actor: Actor, id: number) {
      const { v, c } = await voteOf(actor, id);
      if (v.status !== 'closed')
        throw new AppError('action_not_allowed', [
          { path: 'status', message: 'the tally is shown when the vote closes' },
        ]);
      return tallyOf((await repo.tally(db, [id])).ballots, c.quorum);
    },

    /** Who voted (and, on an open ballot after close, what); staff of the council only. */
    async roll(actor: Actor, id: number) {
      const { v, c } = await voteOf(actor, id);
      await councils.managed(actor, c.id);
      const r = await repo.roll(db, id);
      return {
        items: r.map((x) => ({
          voter: x.voter_label,
          byProxy: x.by_proxy,
          choice: v.ballot === 'open' && v.status === 'closed' ? ((x.choice as 'yes') ?? null) : null,
        })),
      };
    },
  };
}
export type VotingService = ReturnType<typeof createVotingService>;
