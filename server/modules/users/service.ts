// User accounts: list in scope, create with role bindings, edit, disable, reset password.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { BindingInput, CreateUserBody, UpdateUserBody, UserQuery } from '../../../contracts/users';
import { ORGANISATION_ROLES, ROLE_NODE_KIND, type NodeKind, type Role } from '../../../contracts/domain';
import type { Audit, AuditContext } from '../../platform/audit/service';
import { hashPassword } from '../../platform/auth/password';
import type { Clock } from '../../platform/clock';
import type { Db, Exec } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import type { PersonalCrypto } from '../../platform/crypto';
import { decodeCursor, page } from '../../platform/pagination';
import { can, scope, type Actor } from '../../platform/policy';
import { organisationRepo } from '../organisations';
import { territoryRepo } from '../territory';
import { canGrant, userPolicy } from './policy';
import { phoneSearchOf, userPhoneColumns, userPhoneMasked, wholePhoneIndex } from './phone';
import { bindingPath, userRepo as repo, type BindingView, type UserRow } from './repo';

// A partner unit in the community (驻区单位, e.g. the power supply office) answers summons like a department does.
const ORG_KINDS_FOR_ROLE: Partial<Record<Role, string[]>> = {
  department_handler: ['department', 'partner_unit'],
  property_staff: ['property_company'],
};

export const toBindingDto = (b: BindingView) => ({
  id: b.id,
  role: b.role as Role,
  nodeId: b.nodeId,
  nodeName: b.nodeName,
  organisationId: b.organisationId,
  organisationName: b.organisationName,
});

function userDto(crypto: PersonalCrypto, u: UserRow, bindings: BindingView[], now: Date) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    phoneMasked: userPhoneMasked(crypto, u),
    disabled: u.disabledAt != null,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    bindings: bindings.filter((b) => b.userId === u.id).map(toBindingDto),
    createdAt: u.createdAt.toISOString(),
  };
}

export function createUserService(deps: { db: Db; clock: Clock; audit: Audit; crypto: PersonalCrypto }) {
  const { db, clock, audit, crypto } = deps;
  const toDto = (u: UserRow, bindings: BindingView[], now: Date) => userDto(crypto, u, bindings, now);

  /** Resolves and checks requested bindings: right target kind, and each one grantable by the actor. */
  async function resolveBindings(exec: Exec, actor: Actor, input: z.infer<typeof BindingInput>[]) {
    const out: { role: Role; nodeId: number | null; organisationId: number | null; path: string }[] = [];
    for (const [i, b] of input.entries()) {
      const field = `bindings.${i}`;
      let path: string;
      if (ORGANISATION_ROLES.includes(b.role)) {
        if (!b.organisationId || b.nodeId) throw fieldError(field, `${b.role} is bound to an organisation`);
        const org = await organisationRepo.byId(exec, b.organisationId);
        if (!org || !ORG_KINDS_FOR_ROLE[b.role]?.includes(org.kind))
          throw fieldError(`${field}.organisationId`, `needs a ${ORG_KINDS_FOR_ROLE[b.role]?.join(' or ')}`);
        path = org.path;
      } else {
        if (!b.nodeId || b.organisationId) throw fieldError(field, `${b.role} is bound to a territory node`);
        const node = await territoryRepo.byId(exec, b.nodeId);
        const kinds = ROLE_NODE_KIND[b.role] ?? [];
        if (!node || !kinds.includes(node.kind as NodeKind))
          throw fieldError(`${field}.nodeId`, `needs a ${kinds.join(' or ')}`);
        path = node.path;
      }
      if (!canGrant(actor, b.role, path))
        throw new AppError('forbidden', [{ path: field, message: `you cannot grant ${b.role} there` }]);
      out.push({ role: b.role, nodeId: b.nodeId ?? null, organisationId: b.organisationId ?? null, path });
    }
    return out;
  }

  async function visible(actor: Actor, id: number) {
    const u = await repo.byId(db, id);
    const bindings = u ? await repo.bindingsOf(db, [id]) : [];
    if (!u || !bindings.some((b) => b.path && can(actor, userPolicy, 'read', { path: b.path })))
      throw new AppError('not_found');
    return { u, bindings };
  }

  return {
    async get(actor: Actor, id: number) {
      const { u, bindings } = await visible(actor, id);
      return toDto(u, bindings, clock.now());
    },

    /** A search by a whole phone finds whose it is, so it is audited like a reveal: who searched, whom it found, never the number. */
    async list(actor: Actor, ctx: AuditContext, q: z.infer<typeof UserQuery>) {
      const after = decodeCursor(q.cursor, 1);
      const phone = q.q ? phoneSearchOf(crypto, q.q) : null;
      const r = await repo.list(db, scope(actor, userPolicy, 'read', { path: bindingPath }), {
        afterId: after ? Number(after[0]) : null,
        limit: q.limit,
        q: q.q,
        phone,
        role: q.role,
      });
      const p = page(r, q.limit, (x) => [x.id]);
      if (phone && 'hash' in phone) {
        await audit.record(db, ctx, {
          action: 'user.search_by_phone',
          entityKind: 'user',
          entityId: p.items.length === 1 ? p.items[0]!.id : 'search',
          after: { matched: p.items.length, userIds: p.items.map((u) => u.id) },
        });
      }
      const bindings = await repo.bindingsOf(
        db,
        p.items.map((u) => u.id),
      );
      const now = clock.now();
      return { items: p.items.map((u) => toDto(u, bindings, now)), nextCursor: p.nextCursor };
    },

    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateUserBody>) {
      const passwordHash = await hashPassword(body.password);
      return db.transaction(async (tx) => {
        const bindings = await resolveBindings(tx, actor, body.bindings);
        if (await repo.byLogin(tx, body.username, wholePhoneIndex(crypto, body.username)))
          throw fieldError('username', 'already taken');
        const phone = userPhoneColumns(crypto, body.phone);
        if (phone.phoneHash && (await repo.byPhoneHash(tx, phone.phoneHash)))
          throw fieldError('phone', 'already registered');
        const now = clock.now();
        const u = await repo.insert(tx, {
          username: body.username,
          displayName: body.displayName,
          ...phone,
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        });
        await repo.replaceBindings(
          tx,
          u.id,
          bindings.map(({ path: _p, ...b }) => b),
        );
        const views = await repo.bindingsOf(tx, [u.id]);
        await audit.record(tx, ctx, {
          action: 'user.create',
          entityKind: 'user',
          entityId: u.id,
          nodePath: bindings[0]?.path,
          after: { ...u, phoneMasked: userPhoneMasked(crypto, u), bindings: views },
        });
        return toDto(u, views, now);
      });
    },

    async update(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof UpdateUserBody>) {
      const { u, bindings: current } = await visible(actor, id);
      // Changing an account needs authority over every role it holds now.
      if (id === actor.userId || !current.every((b) => b.path && canGrant(actor, b.role as Role, b.path)))
        throw new AppError('forbidden');
      const passwordHash = body.resetPassword ? await hashPassword(body.resetPassword) : undefined;
      return db.transaction(async (tx) => {
        const now = clock.now();
        const patch: Partial<UserRow> = { updatedAt: now };
        if (body.displayName !== undefined) patch.displayName = body.displayName;
        if (body.phone !== undefined) {
          const phone = userPhoneColumns(crypto, body.phone);
          const holder = phone.phoneHash ? await repo.byPhoneHash(tx, phone.phoneHash) : null;
          if (holder && holder.id !== id) throw fieldError('phone', 'already registered');
          Object.assign(patch, phone);
        }
        if (body.disabled !== undefined) patch.disabledAt = body.disabled ? now : null;
        if (passwordHash)
          Object.assign(patch, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null });
        const row = await repo.update(tx, id, patch);
        if (body.bindings) {
          const next = await resolveBindings(tx, actor, body.bindings);
          await repo.replaceBindings(
            tx,
            id,
            next.map(({ path: _p, ...b }) => b),
          );
        }
        if (body.disabled || passwordHash) await tx.execute(sessionsRevokeAll(id, now));
        const views = await repo.bindingsOf(tx, [id]);
        await audit.record(tx, ctx, {
          action: 'user.update',
          entityKind: 'user',
          entityId: id,
          nodePath: current[0]?.path,
          before: { ...u, phoneMasked: userPhoneMasked(crypto, u), bindings: current },
          after: { ...row, phoneMasked: userPhoneMasked(crypto, row), bindings: views },
        });
        return toDto(row, views, now);
      });
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;

const sessionsRevokeAll = (userId: number, now: Date) =>
  sql`update sessions set revoked_at = ${now} where user_id = ${userId} and revoked_at is null`;
