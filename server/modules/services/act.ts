// Steps on an application: pre-review of materials, the resident adding one, accepting, forwarding to the deciding
// department (后台转办), the outcome, custody steps of a proxy errand (代办), and the resident's rating.
import type { AuditContext } from '../../platform/audit/service';
import { AppError, fieldError, type Lang } from '../../platform/errors';
import type { Actor } from '../../platform/policy';
import type { ActionBody, ApplicationStatus } from '../../../contracts/services';
import { recordNotice } from '../notifications';
import { materialFiles, type ApplyDeps } from './apply';
import { applicationActionsFor, canReadApplication } from './policy';
import { serviceRepo } from './repo';

const STATUS_ZH: Record<ApplicationStatus, string> = {
  submitted: '已提交',
  needs_material: '待补充材料',
  handling: '办理中',
  forwarded: '已转部门办理',
  approved: '已办结（通过）',
  refused: '已办结（不予办理）',
  issued: '已办结（已出证）',
};

export function createServiceActions(deps: ApplyDeps) {
  const { db, clock, audit } = deps;

  return {
    /** Takes one step; a stale version is a conflict, a step the state or the actor's part does not allow a 409 naming the state. */
    async act(actor: Actor, ctx: AuditContext, id: number, body: ActionBody, lang: Lang) {
      const zh = lang === 'zh-CN';
      // Uploads are checked before the transaction: the file service reads through its own connection.
      const added =
        body.action === 'add_material'
          ? await materialFiles(deps.files, actor.userId, body.material.fileIds, 'material.fileIds', lang)
          : [];
      if (body.action === 'custody' && body.signatureFileId)
        await materialFiles(deps.files, actor.userId, [body.signatureFileId], 'signatureFileId', lang);
      await db.transaction(async (tx) => {
        const a = await serviceRepo.lock(tx, id);
        const status = a?.status as ApplicationStatus;
        const facts = a && { ...a, status };
        if (!a || !facts) throw new AppError('not_found');
        if (!canReadApplication(actor, facts)) throw new AppError('not_found');
        const allowed = applicationActionsFor(actor, facts);
        if (!allowed.includes(body.action))
          throw new AppError(
            'action_not_allowed',
            [
              {
                path: 'action',
                message: zh
                  ? `申请当前状态为“${STATUS_ZH[status]}”，不能进行此操作`
                  : `The application is ${status.replace('_', ' ')}; this step is not available`,
              },
            ],
            allowed,
          );
        if (body.version !== a.version) throw new AppError('conflict');
        const now = clock.now();
        let to: ApplicationStatus = status;
        const patch: Parameters<typeof serviceRepo.update>[2] = {};
        let note: string | null = null;
        let data: Record<string, unknown> | null = null;
        let notify: { kind: string; to: Parameters<typeof recordNotice>[0] } | null = null;
        const materials = await serviceRepo.materials(tx, id);
        const material = (code: string) => {
          const m = materials.find((x) => x.code === code);
          if (!m) throw fieldError('code', zh ? '该申请没有这项材料' : 'This application has no such material');
          return m;
        };

        switch (body.action) {
          case 'review_material': {
            const m = material(body.code);
            if (body.verdict === 'more_needed' && !body.reason)
              throw fieldError(
                'reason',
                zh ? '请写明需要补充什么，居民会看到' : 'Say what is missing; the resident sees it',
              );
            await serviceRepo.updateMaterial(tx, id, m.code, { status: body.verdict, reason: body.reason ?? null });
            note = body.reason ?? null;
            data = { code: m.code, name: m.name, verdict: body.verdict };
            if (body.verdict === 'more_needed') {
              to = 'needs_material';
              notify = { kind: 'service_more_needed', to: { userIds: a.applicantUserId ? [a.applicantUserId] : [] } };
            }
            break;
          }
          case 'add_material': {
            const m = material(body.material.code);
            await serviceRepo.updateMaterial(tx, id, m.code, { files: [...m.files, ...added], status: 'pending' });
            data = { code: m.code, name: m.name, files: added.length };
            const stillMissing = materials.some((x) => x.code !== m.code && x.status === 'more_needed');
            if (status === 'needs_material' && !stillMissing) to = 'submitted';
            if (to !== status)
              notify = { kind: 'service_submitted', to: { path: a.nodePath, roles: ['community_worker'] } };
            break;
          }
          case 'accept':
            to = 'handling';
            break;
          case 'forward': {
            const org = await serviceRepo.organisation(tx, body.organisationId);
            if (!org || org.kind !== 'department')
              throw fieldError('organisationId', zh ? '请选择一个职能部门' : 'Choose a department');
            to = 'forwarded';
            patch.organisationId = org.id;
            note = body.note ?? null;
            data = { organisationId: org.id, organisationName: org.name };
            notify = {
              kind: 'service_forwarded',
              to: { organisationId: org.id, userIds: a.applicantUserId ? [a.applicantUserId] : [] },
            };
            break;
          }
          case 'decide':
            to = body.outcome;
            if (body.outcome === 'refused' && !body.note)
              throw fieldError('note', zh ? '不予办理须写明理由' : 'A refusal needs a reason');
            note = body.note ?? null;
            patch.outcomeNote = body.note ?? null;
            patch.closedAt = now;
            patch.closedOnTime = a.dueAt == null || now <= a.dueAt;
            notify = {
              kind: 'service_decided',
              to: {
                userIds: a.applicantUserId ? [a.applicantUserId] : [],
                path: a.nodePath,
                roles: ['community_worker'],
              },
            };
            break;
          case 'custody': {
            data = { step: body.step, party: body.party, signatureFileId: body.signatureFileId ?? null };
            break;
          }
          case 'rate':
            patch.rating = body.rating;
            patch.ratingComment = body.comment ?? null;
            note = body.comment ?? null;
            data = { rating: body.rating };
            break;
        }
        await serviceRepo.update(tx, id, { ...patch, status: to, version: a.version + 1, updatedAt: now });
        await serviceRepo.addEvent(tx, {
          applicationId: id,
          at: now,
          actorId: actor.userId,
          actorName: actor.displayName,
          action: body.action,
          fromStatus: status,
          toStatus: to,
          note,
          data,
        });
        if (notify)
          await tx.execute(
            recordNotice(notify.to, { kind: notify.kind, title: a.number, createdAt: now }, actor.userId),
          );
        await audit.record(tx, ctx, {
          action: 'service.act',
          entityKind: 'service_application',
          entityId: String(id),
          nodeId: a.nodeId,
          before: { status },
          after: { action: body.action, status: to },
        });
      });
    },
  };
}
export type ServiceActions = ReturnType<typeof createServiceActions>;
