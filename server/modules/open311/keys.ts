// Open311 API keys: issue (plain key shown once, hash kept), list, revoke, and check a key a client sends.
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey } from '../../../contracts/open311';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { authorize, type Actor } from '../../platform/policy';
import { userRepo } from '../users';
import { open311Policy } from './policy';
import { open311Repo, type ApiKeyRow } from './repo';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function view(k: ApiKeyRow, createdByName: string | null): ApiKey {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    createdByName,
    revokedAt: iso(k.revokedAt),
    lastUsedAt: iso(k.lastUsedAt),
  };
}

export function createKeyService(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  /** Key management covers the whole district: the actor must manage at every district node. */
  async function guard(actor: Actor) {
    const districts = await open311Repo.districts(db);
    if (!districts.length) throw new AppError('forbidden');
    for (const d of districts) authorize(actor, open311Policy, 'manage', { path: d.path });
    return districts[0]!;
  }

  return {
    async list(actor: Actor) {
      await guard(actor);
      const r = await open311Repo.listKeys(db);
      return { items: r.map((x) => view(x.k, x.createdByName)) };
    },

    /** Creates the key and its service account; the answer is the only place the plain key ever appears. */
    async create(actor: Actor, ctx: AuditContext, name: string) {
      const district = await guard(actor);
      const plainKey = `o311_${randomBytes(24).toString('base64url')}`;
      const prefix = plainKey.slice(0, 12);
      const now = clock.now();
      return db.transaction(async (tx) => {
        // The service account cannot sign in: it is disabled and its password hash matches no password.
        const account = await userRepo.insert(tx, {
          username: `open311-${randomBytes(6).toString('hex')}`,
          displayName: `Open311 · ${name}`,
          passwordHash: '!',
          disabledAt: now,
          createdAt: now,
          updatedAt: now,
        });
        const k = await open311Repo.insertKey(tx, {
          name,
          keyHash: sha256(plainKey),
          prefix,
          userId: account.id,
          createdBy: actor.userId,
          createdAt: now,
        });
        await audit.record(tx, ctx, {
          action: 'open311.key.create',
          entityKind: 'open311_api_key',
          entityId: k.id,
          nodeId: district.id,
          nodePath: district.path,
          after: { name, prefix, serviceAccount: account.username },
        });
        return { key: view(k, actor.displayName), plainKey };
      });
    },

    async revoke(actor: Actor, ctx: AuditContext, id: number) {
      const district = await guard(actor);
      await db.transaction(async (tx) => {
        const before = await open311Repo.keyById(tx, id);
        if (!before) throw new AppError('not_found');
        const after = await open311Repo.revokeKey(tx, id, clock.now());
        if (!after) throw new AppError('conflict', undefined, undefined, 'already revoked');
        await audit.record(tx, ctx, {
          action: 'open311.key.revoke',
          entityKind: 'open311_api_key',
          entityId: id,
          nodeId: district.id,
          nodePath: district.path,
          before: { revokedAt: null },
          after: { revokedAt: after.revokedAt },
        });
      });
    },

    /** The live key matching a client's api_key, or a 403 that does not say whether it was unknown or revoked. */
    async authenticate(plainKey: string | undefined) {
      if (!plainKey) throw new AppError('forbidden', undefined, undefined, 'api_key was not provided');
      const r = await open311Repo.keyByHash(db, sha256(plainKey));
      if (!r || r.k.revokedAt) throw new AppError('forbidden', undefined, undefined, 'api_key is not valid');
      await open311Repo.touchKey(db, r.k.id, clock.now());
      return { id: r.k.id, userId: r.k.userId, username: r.username, displayName: r.displayName };
    },
  };
}
export type KeyService = ReturnType<typeof createKeyService>;
