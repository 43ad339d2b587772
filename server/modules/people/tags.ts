// The person-tag catalogue (重点人群标签): the standard tags seeded at every start, and its administration.
import type { z } from 'zod';
import { pinyin } from 'pinyin-pro';
import type { CreatePersonTagBody, UpdatePersonTagBody } from '../../../contracts/people';
import type { AuditContext } from '../../platform/audit/service';
import type { Exec } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { can, type Actor } from '../../platform/policy';
import { peoplePolicy } from './policy';
import { tagRepo, type TagRow } from './repo';
import type { PeopleDeps } from './service';

/** The groups a community keeps track of for care (GLOSSARY: 重点人群 / 特殊人群), code and Chinese name. */
export const STANDARD_TAGS: readonly (readonly [code: string, name: string])[] = [
  ['elderly_alone', '独居老人'],
  ['empty_nest', '空巢老人'],
  ['elderly_80', '高龄(80岁以上)'],
  ['disabled', '残疾人'],
  ['low_income', '低保'],
  ['extreme_hardship', '特困'],
  ['veteran', '退役军人'],
  ['party_member', '党员'],
  ['left_behind_child', '留守儿童'],
  ['child_in_difficulty', '困境儿童'],
  ['serious_illness', '大病患者'],
];

/** Inserts the standard tags that are missing; a tag an administrator renamed or retired stays as they left it. */
export async function seedPersonTags(exec: Exec): Promise<void> {
  await tagRepo.insertMissing(
    exec,
    STANDARD_TAGS.map(([code, name]) => ({ code, name })),
  );
}

const dto = (t: TagRow) => ({ code: t.code, name: t.name, retired: t.retiredAt != null });

/** A code from the name's pinyin ('孕产妇' → 'yun_chan_fu'), for administrators who give only a name. */
function codeFromName(name: string): string {
  const words = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  const code = words.join('_').slice(0, 40).replace(/_+$/, '');
  return /^[a-z][a-z0-9_]{1,39}$/.test(code) ? code : `tag_${code}`.slice(0, 40);
}

export function createTagService(deps: PeopleDeps) {
  const { db, clock, audit } = deps;
  const allow = (actor: Actor) => {
    if (!actor.bindings.some((b) => b.path != null && can(actor, peoplePolicy, 'configure', { path: b.path })))
      throw new AppError('forbidden');
  };
  async function nameFree(exec: Exec, name: string, self: string | null) {
    const same = await tagRepo.byName(exec, name);
    if (same && same.code !== self)
      throw new AppError('conflict', [{ path: 'name', message: 'a tag of this name exists' }]);
  }

  return {
    list: async () => (await tagRepo.list(db)).map(dto),

    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreatePersonTagBody>) {
      allow(actor);
      const code = body.code ?? codeFromName(body.name);
      return db.transaction(async (tx) => {
        await nameFree(tx, body.name, null);
        if (await tagRepo.byCode(tx, code))
          throw new AppError('duplicate_code', [{ path: 'code', message: 'already taken' }]);
        const row = await tagRepo.insert(tx, { code, name: body.name, createdAt: clock.now() });
        await audit.record(tx, ctx, {
          action: 'person_tag.create',
          entityKind: 'person_tag',
          entityId: row.code,
          after: row,
        });
        return dto(row);
      });
    },

    /** Renames, retires or restores a tag; residents keep a retired tag, but it cannot be given to anyone new. */
    async update(actor: Actor, ctx: AuditContext, code: string, body: z.infer<typeof UpdatePersonTagBody>) {
      allow(actor);
      return db.transaction(async (tx) => {
        const before = await tagRepo.byCode(tx, code);
        if (!before) throw new AppError('not_found');
        if (body.name !== undefined) await nameFree(tx, body.name, code);
        const retiredAt =
          body.retired === undefined ? before.retiredAt : body.retired ? (before.retiredAt ?? clock.now()) : null;
        const after = await tagRepo.update(tx, code, { name: body.name ?? before.name, retiredAt });
        const action =
          body.retired === true && !before.retiredAt
            ? 'person_tag.retire'
            : body.retired === false && before.retiredAt
              ? 'person_tag.restore'
              : 'person_tag.update';
        await audit.record(tx, ctx, { action, entityKind: 'person_tag', entityId: code, before, after });
        return dto(after);
      });
    },
  };
}
export type TagService = ReturnType<typeof createTagService>;
