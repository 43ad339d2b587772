// Councils at grid/estate, community and street level: members and roles, meeting days (RRULE), meetings with
// agenda, attendance and minutes, and matters passed up to a council above with their record.
import type { z } from 'zod';
import type {
  AddAgendaBody,
  AddMemberBody,
  CreateCouncilBody,
  CreateMeetingBody,
  MeetingBody,
  PassUpBody,
} from '../../../contracts/deliberation';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { authorize, can, scope, type Actor } from '../../platform/policy';
import { territoryNodes } from '../territory';
import { deliberationPolicy } from './policy';
import { deliberationRepo as repo, type CouncilRow } from './repo';
import { councilLevel, LEVEL_OF_KIND, nextMeetingDays, tallyOf, validMeetingRule } from './views';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'>;

export function createCouncilService(deps: Deps) {
  const { db, clock, audit } = deps;

  async function visible(actor: Actor, id: number): Promise<CouncilRow> {
    const c = await repo.council(db, id);
    if (!c || !can(actor, deliberationPolicy, 'read', { path: c.path })) throw new AppError('not_found');
    return c;
  }
  async function managed(actor: Actor, id: number): Promise<CouncilRow> {
    const c = await visible(actor, id);
    authorize(actor, deliberationPolicy, 'manage', { path: c.path });
    return c;
  }

  async function toCouncils(actor: Actor, list: CouncilRow[]) {
    const members = await repo.members(
      db,
      list.map((c) => c.id),
    );
    const now = clock.now();
    return list.map((c) => ({
      id: c.id,
      nodeId: c.nodeId,
      nodeName: c.nodeName,
      level: councilLevel(c),
      kind: c.kind as 'residents',
      name: c.name,
      voteRule: c.voteRule as 'household',
      openToResidents: c.openToResidents,
      quorum: c.quorum,
      supportThreshold: c.supportThreshold,
      meetingRule: c.meetingRule,
      nextMeetingDays: nextMeetingDays(c.meetingRule, now),
      members: members
        .filter((m) => m.councilId === c.id)
        .map((m) => ({
          id: m.id,
          role: m.role as 'member',
          name: m.name,
          userId: m.userId,
          organisationId: m.organisationId,
        })),
      canManage: can(actor, deliberationPolicy, 'manage', { path: c.path }),
    }));
  }

  async function meetingsOf(councils: CouncilRow[]) {
    const ids = councils.map((c) => c.id);
    const [ms, items] = await Promise.all([repo.meetings(db, ids), repo.agenda(db, ids)]);
    const name = new Map(councils.map((c) => [c.id, c.name]));
    const fromNames = new Map<number, string>();
    for (const i of items) if (i.passedFromItemId) fromNames.set(i.id, await passedFromName(i.passedFromItemId));
    const toItem = (i: (typeof items)[number]) => ({
      id: i.id,
      councilId: i.councilId,
      meetingId: i.meetingId,
      proposalId: i.proposalId,
      title: i.title,
      status: i.status as 'pending',
      passedFrom: i.passedFromItemId ? { councilName: fromNames.get(i.id) ?? '', record: i.passedRecord ?? '' } : null,
    });
    return {
      meetings: ms.map((m) => ({
        id: m.id,
        councilId: m.councilId,
        councilName: name.get(m.councilId) ?? '',
        startsAt: m.startsAt.toISOString(),
        place: m.place,
        status: m.status as 'planned',
        minutes: m.minutes,
        attendance: m.attendance,
        agenda: items.filter((i) => i.meetingId === m.id).map(toItem),
      })),
      pending: items.filter((i) => i.meetingId == null && i.status === 'pending').map(toItem),
    };
  }

  async function passedFromName(itemId: number) {
    const i = await repo.agendaItem(db, itemId);
    const c = i ? await repo.council(db, i.councilId) : null;
    return c?.name ?? '';
  }

  return {
    visible,
    managed,

    async list(actor: Actor) {
      const where = scope(actor, deliberationPolicy, 'read', { path: territoryNodes.path });
      return { items: await toCouncils(actor, await repo.councils(db, where)) };
    },

    async get(actor: Actor, id: number) {
      return (await toCouncils(actor, [await visible(actor, id)]))[0]!;
    },

    async create(actor: Actor, ctx: AuditContext, body: CreateCouncilBody) {
      const node = await repo.nodeById(db, body.nodeId);
      if (!node || !LEVEL_OF_KIND[node.kind])
        throw fieldError('nodeId', 'a council sits at a street, community, grid or estate');
      authorize(actor, deliberationPolicy, 'manage', { path: node.path });
      if (body.meetingRule && !validMeetingRule(body.meetingRule))
        throw fieldError('meetingRule', 'not a recurrence rule (e.g. FREQ=MONTHLY;BYMONTHDAY=6,16,26)');
      if (body.openToResidents && body.voteRule !== 'household')
        throw fieldError('openToResidents', 'residents vote by household');
      const c = await db.transaction(async (tx) => {
        const c = await repo.insertCouncil(tx, {
          ...body,
          meetingRule: body.meetingRule ?? null,
          createdAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'deliberation.council_create',
          entityKind: 'council',
          entityId: c.id,
          nodeId: node.id,
          nodePath: node.path,
          after: body,
        });
        return c;
      });
      return this.get(actor, c.id);
    },

    async addMember(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof AddMemberBody>) {
      const c = await managed(actor, id);
      await db.transaction(async (tx) => {
        const m = await repo
          .insertMember(tx, {
            councilId: id,
            role: body.role,
            name: body.name,
            userId: body.userId ?? null,
            residentId: body.residentId ?? null,
            organisationId: body.organisationId ?? null,
          })
          .catch((err: { cause?: { code?: string }; code?: string }) => {
            if ((err.cause?.code ?? err.code) === '23505') throw fieldError('userId', 'already a member');
            throw err;
          });
        await audit.record(tx, ctx, {
          action: 'deliberation.member_add',
          entityKind: 'council',
          entityId: id,
          nodePath: c.path,
          after: { memberId: m.id, role: body.role },
        });
      });
      return this.get(actor, id);
    },

    async meetings(actor: Actor, councilId?: number) {
      const list = councilId
        ? [await visible(actor, councilId)]
        : await repo.councils(db, scope(actor, deliberationPolicy, 'read', { path: territoryNodes.path }));
      return meetingsOf(list);
    },

    async createMeeting(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof CreateMeetingBody>) {
      const c = await managed(actor, id);
      const m = await db.transaction(async (tx) => {
        const m = await repo.insertMeeting(tx, { councilId: id, startsAt: new Date(body.startsAt), place: body.place });
        await audit.record(tx, ctx, {
          action: 'deliberation.meeting_create',
          entityKind: 'council_meeting',
          entityId: m.id,
          nodePath: c.path,
          after: body,
        });
        return m;
      });
      return (await meetingsOf([c])).meetings.find((x) => x.id === m.id)!;
    },

    async updateMeeting(actor: Actor, ctx: AuditContext, meetingId: number, body: z.infer<typeof MeetingBody>) {
      const m = await repo.meeting(db, meetingId);
      if (!m) throw new AppError('not_found');
      const c = await managed(actor, m.councilId);
      if (body.attendance) {
        const ids = new Set((await repo.members(db, [c.id])).map((x) => x.id));
        const bad = body.attendance.findIndex((x) => !ids.has(x));
        if (bad >= 0) throw fieldError(`attendance.${bad}`, 'not a member of this council');
      }
      await db.transaction(async (tx) => {
        await repo.updateMeeting(tx, meetingId, {
          ...(body.attendance ? { attendance: [...new Set(body.attendance)] } : {}),
          ...(body.minutes !== undefined ? { minutes: body.minutes } : {}),
          ...(body.status ? { status: body.status } : {}),
        });
        await audit.record(tx, ctx, {
          action: 'deliberation.meeting_update',
          entityKind: 'council_meeting',
          entityId: meetingId,
          nodePath: c.path,
          after: { attendance: body.attendance?.length, minutes: body.minutes != null, status: body.status },
        });
      });
      return (await meetingsOf([c])).meetings.find((x) => x.id === meetingId)!;
    },

    /** Puts a matter on a meeting's agenda: a new one, a proposal, or a pending item of the council. */
    async addAgenda(actor: Actor, ctx: AuditContext, meetingId: number, body: z.infer<typeof AddAgendaBody>) {
      const m = await repo.meeting(db, meetingId);
      if (!m) throw new AppError('not_found');
      const c = await managed(actor, m.councilId);
      await db.transaction(async (tx) => {
        let itemId: number;
        if (body.itemId) {
          const i = await repo.agendaItem(tx, body.itemId);
          if (!i || i.councilId !== c.id || i.status !== 'pending')
            throw fieldError('itemId', 'not a pending matter of this council');
          await repo.updateAgendaItem(tx, i.id, { meetingId });
          itemId = i.id;
        } else {
          if (body.proposalId) {
            const p = await repo.proposal(tx, body.proposalId);
            if (!p || !p.path.startsWith(c.path) || p.status !== 'open')
              throw fieldError('proposalId', 'not an open proposal of this council’s area');
            await repo.updateProposal(tx, p.id, { status: 'agenda', councilId: c.id, updatedAt: clock.now() });
          }
          itemId = (
            await repo.insertAgendaItem(tx, {
              councilId: c.id,
              meetingId,
              proposalId: body.proposalId ?? null,
              title: body.title,
            })
          ).id;
        }
        await audit.record(tx, ctx, {
          action: 'deliberation.agenda_add',
          entityKind: 'agenda_item',
          entityId: itemId,
          nodePath: c.path,
          after: { meetingId, proposalId: body.proposalId ?? null },
        });
      });
      return (await meetingsOf([c])).meetings.find((x) => x.id === meetingId)!;
    },

    /** A matter this level cannot settle goes to a council above, carrying its record (minutes and tallies). */
    async passUp(actor: Actor, ctx: AuditContext, itemId: number, body: z.infer<typeof PassUpBody>) {
      const item = await repo.agendaItem(db, itemId);
      if (!item) throw new AppError('not_found');
      const from = await managed(actor, item.councilId);
      if (item.status !== 'pending') throw new AppError('action_not_allowed', undefined, ['pending']);
      const to = await repo.council(db, body.councilId);
      if (!to || !can(actor, deliberationPolicy, 'read', { path: to.path }))
        throw fieldError('councilId', 'unknown council');
      if (!(from.path.startsWith(to.path) && from.path !== to.path))
        throw fieldError('councilId', 'a matter is passed up to a council above');
      const closed = (await repo.votes(db, [from.id])).filter(
        (v) => v.agendaItemId === itemId && v.status === 'closed',
      );
      const t = await repo.tally(
        db,
        closed.map((v) => v.id),
      );
      const lines = closed.map((v) => {
        const r = tallyOf(
          t.ballots.filter((b) => b.vote_id === v.id),
          from.quorum,
        );
        return `表决「${v.question}」：同意 ${r.yes}，反对 ${r.no}，弃权 ${r.abstain}${r.quorumMet ? '' : '（未达法定人数）'}`;
      });
      const record = [body.record, ...lines].join('\n');
      await db.transaction(async (tx) => {
        const up = await repo.insertAgendaItem(tx, {
          councilId: to.id,
          proposalId: item.proposalId,
          title: item.title,
          passedFromItemId: item.id,
          passedRecord: record,
        });
        await repo.updateAgendaItem(tx, item.id, { status: 'passed_up' });
        if (item.proposalId)
          await repo.updateProposal(tx, item.proposalId, { councilId: to.id, updatedAt: clock.now() });
        await audit.record(tx, ctx, {
          action: 'deliberation.pass_up',
          entityKind: 'agenda_item',
          entityId: item.id,
          nodePath: from.path,
          after: { toCouncilId: to.id, newItemId: up.id },
        });
      });
      return meetingsOf([to]);
    },
  };
}
export type CouncilService = ReturnType<typeof createCouncilService>;
