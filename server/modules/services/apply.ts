// Applying for a service: online by the resident, or by a grid or community worker on a resident's behalf (or done at
// the door in one tap). Checked in order: item, community offer, negative list, channel, eligibility, materials.
import type { z } from 'zod';
import type { ApplyBody } from '../../../contracts/services';
import type { AuditContext } from '../../platform/audit/service';
import { AppError, fieldError, type Lang } from '../../platform/errors';
import { can, type Actor } from '../../platform/policy';
import type { FileService } from '../files';
import { recordNotice } from '../notifications';
import { checkEligibility } from './eligibility';
import { servicePolicy } from './policy';
import { serviceRepo } from './repo';
import { applicantFacts, TAG_NAMES, type ServiceDeps } from './service';
import type { ServiceSla } from './sla';
import type { Jobs } from '../../platform/jobs/runner';
import { takeSlot, type CheckedSlot, type Hall } from './appointments';

export type ApplyDeps = ServiceDeps & {
  sla: ServiceSla;
  files: Pick<FileService, 'ownedFacts'>;
  hall: Pick<Hall, 'check'>;
  jobs: Jobs;
};

const T = {
  noHousehold: {
    'zh-CN': '您的账号还没有关联家庭住址，请先关联家庭',
    en: 'Your account is not linked to a household yet; link your household first',
  },
  notOffered: { 'zh-CN': '本社区未开通该服务事项', en: 'Your community does not offer this service' },
  channel: { 'zh-CN': '该事项不提供此办理方式', en: 'This service is not offered through this channel' },
  negative: {
    'zh-CN': '该事项列在本社区“负面清单”（{m}）中，不能交由社区办理',
    en: 'This matter is on the community\'s negative list ("{m}") and cannot be handed to a community',
  },
  unknownMaterial: { 'zh-CN': '该事项不需要这项材料', en: 'This service does not ask for this material' },
  unknownFile: { 'zh-CN': '找不到上传的文件，请重新上传', en: 'Unknown upload; upload the file again' },
  noHall: { 'zh-CN': '该事项不提供预约到厅办理', en: 'This service cannot be booked at the hall' },
  hallOnly: {
    'zh-CN': '预约时段须选择“预约到厅办理”方式',
    en: 'A slot can only be booked with the "at the hall" channel',
  },
} satisfies Record<string, Record<Lang, string>>;

/** The files of the materials, each uploaded by the submitter; a validation error names the first that is not. */
export async function materialFiles(
  files: Pick<FileService, 'ownedFacts'>,
  uploaderId: number,
  ids: string[],
  field: string,
  lang: Lang,
): Promise<{ id: string; mime: string }[]> {
  const facts = new Map((await files.ownedFacts(uploaderId, ids)).map((f) => [f.id, f]));
  const bad = ids.findIndex((x) => !facts.has(x));
  if (bad >= 0) throw fieldError(`${field}.${bad}`, T.unknownFile[lang]);
  return ids.map((id) => ({ id, mime: facts.get(id)!.mime }));
}

/** Thrown inside the transaction so that it rolls back when a concurrent request holds the key. */
class KeyTaken extends Error {}

export function createApply(deps: ApplyDeps) {
  const { db, clock, audit, sla } = deps;

  return {
    /** Makes the application (or, with the same Idempotency-Key, answers the first one's id). */
    async apply(actor: Actor, ctx: AuditContext, body: z.infer<typeof ApplyBody>, key: string | undefined, lang: Lang) {
      if (key) {
        const first = await serviceRepo.idempotent(db, actor.userId, key);
        if (first) return { id: first };
      }
      const item = await serviceRepo.item(db, body.itemCode);
      if (!item) throw fieldError('itemCode', 'unknown item');
      const onBehalf = body.residentId != null;
      const facts = await applicantFacts(db, actor, body.residentId);
      const path = facts?.path ?? actor.bindings.find((b) => b.role === 'resident' && b.path)?.path ?? null;
      if (!path) throw fieldError('itemCode', T.noHousehold[lang]);
      const community = await serviceRepo.communityOf(db, path);
      if (!community) throw fieldError('itemCode', T.noHousehold[lang]);
      if (onBehalf && !can(actor, servicePolicy, 'apply_for', { path })) throw new AppError('forbidden');
      if (body.doneAtDoor && !onBehalf) throw fieldError('doneAtDoor', 'only staff record a service done at the door');
      if (!(await serviceRepo.enabledCodes(db, community.id)).has(item.code))
        throw fieldError('itemCode', T.notOffered[lang]);
      const negative = await serviceRepo.negativeEntry(db, community.id, item.code);
      if (negative) throw fieldError('itemCode', T.negative[lang].replace('{m}', negative.matter));
      const channel = body.doneAtDoor ? 'door' : body.channel;
      if (body.appointment && !item.channels.includes('hall')) throw fieldError('appointment', T.noHall[lang]);
      if (!item.channels.includes(channel)) throw fieldError('channel', T.channel[lang]);
      if (body.appointment && channel !== 'hall') throw fieldError('channel', T.hallOnly[lang]);
      const failures = checkEligibility(item.eligibility, facts, { now: clock.now(), lang, tagNames: TAG_NAMES });
      if (failures.length)
        throw new AppError(
          'validation_failed',
          failures.map((f) => ({ path: `eligibility.${f.fact}`, message: f.message })),
        );
      const given = new Map<string, { id: string; mime: string }[]>();
      for (const [i, m] of body.materials.entries()) {
        if (!item.materials.some((s) => s.code === m.code))
          throw fieldError(`materials.${i}.code`, T.unknownMaterial[lang]);
        given.set(m.code, await materialFiles(deps.files, actor.userId, m.fileIds, `materials.${i}.fileIds`, lang));
      }

      // The slot is checked against the hours and the calendar here; its seat is taken inside the transaction.
      const slot: CheckedSlot | null = body.appointment
        ? await deps.hall.check(community.id, new Date(body.appointment.startsAt), lang)
        : null;

      const now = clock.now();
      const done = body.doneAtDoor === true;
      const due = done ? null : sla.dueFor(item, now);
      const id = await db
        .transaction(async (tx): Promise<number | null> => {
          const number = await serviceRepo.nextNumber(tx, now);
          const a = await serviceRepo.insertApplication(tx, {
            number,
            itemCode: item.code,
            nodeId: community.id,
            nodePath: path,
            residentId: facts?.residentId ?? null,
            applicantUserId: onBehalf ? (facts?.userId ?? null) : actor.userId,
            applicantName: facts?.name ?? actor.displayName,
            submittedByUserId: actor.userId,
            submittedByName: actor.displayName,
            onBehalf,
            channel,
            status: done ? 'approved' : 'submitted',
            note: body.note ?? null,
            dueAt: due,
            closedAt: done ? now : null,
            closedOnTime: done ? true : null,
            createdAt: now,
            updatedAt: now,
          });
          // The key before the seat: a retry waits on the first request's key, not on its seat, and then answers it.
          if (key && !(await serviceRepo.claimKey(tx, actor.userId, key, a.id))) throw new KeyTaken();
          const seat = slot ? await takeSlot(tx, deps.jobs, slot, a.id, actor.userId, now, lang) : null;
          const appointmentAt = slot?.startsAt.toISOString() ?? null;
          await serviceRepo.insertMaterials(
            tx,
            item.materials.map((s) => ({
              applicationId: a.id,
              code: s.code,
              name: s.name,
              status: done ? 'accepted' : 'pending',
              files: given.get(s.code) ?? [],
            })),
          );
          await serviceRepo.addEvent(tx, {
            applicationId: a.id,
            at: now,
            actorId: actor.userId,
            actorName: actor.displayName,
            action: done ? 'done_at_door' : 'apply',
            fromStatus: null,
            toStatus: a.status,
            note: body.note ?? null,
            data: { channel, onBehalf, ...(slot ? { appointmentAt, seat } : {}) },
          });
          await sla.schedule(tx, a.id, due);
          if (!done)
            await tx.execute(
              recordNotice(
                { path, roles: ['community_worker'] },
                { kind: 'service_submitted', title: number, createdAt: now },
                actor.userId,
              ),
            );
          await audit.record(tx, ctx, {
            action: 'service.apply',
            entityKind: 'service_application',
            entityId: String(a.id),
            nodeId: community.id,
            after: { itemCode: item.code, channel, onBehalf, status: a.status, appointmentAt },
          });
          return a.id;
        })
        .catch((err: unknown) => {
          if (err instanceof KeyTaken) return null;
          throw err;
        });
      if (id == null) {
        // Another request with the same key won the race: answer its application (this transaction was rolled back).
        const first = await serviceRepo.idempotent(db, actor.userId, key!);
        return { id: first! };
      }
      return { id };
    },
  };
}
export type Apply = ReturnType<typeof createApply>;
