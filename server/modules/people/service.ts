// Residents: scoped list and search, registration and edits, moving out, and the audited reveal of a full ID or phone.
import type { z } from 'zod';
import {
  ID_KINDS,
  type CreateResidentBody,
  type ResidentQuery,
  type UpdateResidentBody,
} from '../../../contracts/people';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import { normalisePersonal, type PersonalCrypto } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { decodeCursor, page } from '../../platform/pagination';
import { can, scope, type Actor } from '../../platform/policy';
import { residentDuplicateNotice } from '../notifications';
import { territoryRepo } from '../territory';
import { nameKeys, pinyinQuery } from './names';
import { peoplePolicy, residentScopeColumns } from './policy';
import {
  chinaToday,
  nameColumns,
  residentDto,
  sealIdentity,
  sealPhone,
  type IdentityInput,
  type SealedId,
} from './record';
import { residentRepo as repo, tagRepo, type ResidentRow, type Search } from './repo';
import type { Exec } from '../../platform/db';

export type PeopleDeps = { db: Db; clock: Clock; audit: Audit; crypto: PersonalCrypto };
type Query = z.infer<typeof ResidentQuery>;
/** A record found by its blind index: where it is held. */
type Known = { id: number; nodePath: string };

/** Other documents are indexed under their kind (record.ts), so a whole-number search asks for each kind. */
const OTHER_DOCUMENT_KINDS = ID_KINDS.filter((k) => k !== 'resident_id' && k !== 'none');

/**
 * Reads a search box: four digits are a tail, five to eighteen a whole ID, document or phone number, latin letters
 * pinyin or initials, characters a name, anything else text. Only the tail of four is stored in the clear; anything
 * longer is matched exactly on the blind index, never as a longer tail (that would reveal the masked digits one by one).
 */
export function parseSearch(crypto: PersonalCrypto, q: string): Search {
  const s = q.replace(/\s+/g, '');
  const n = normalisePersonal(s);
  if (/^\d{3}[\dX]$/.test(n)) return { kind: 'tail', tail: n };
  if (/^\d{4,17}[\dX]$/.test(n)) {
    const idHashes = [
      crypto.blindIndex('id_number', n),
      ...OTHER_DOCUMENT_KINDS.map((k) => crypto.blindIndex('id_number', `${k}:${n}`)),
    ];
    return { kind: 'number', idHashes, phoneHash: crypto.blindIndex('phone', n) };
  }
  if (/^[a-z]+$/i.test(s)) return { kind: 'pinyin', key: pinyinQuery(s) };
  // A name in characters: the indexed pinyin prefix narrows it down, the characters confirm it (a scan of every name for
  // a contains-match took 450 ms at 100,000 residents). Household names always carry digits, so they are not searched here.
  if (/^[\u3400-\u9fff]{1,20}$/.test(s)) return { kind: 'name', key: nameKeys(s).pinyin, text: s };
  return { kind: 'text', text: q.trim() };
}

/** Builds the scoped WHERE of a resident list: shared by the list route and the Excel export. */
export function listConditions(
  crypto: PersonalCrypto,
  actor: Actor,
  action: 'read' | 'export',
  q: Omit<Query, 'cursor' | 'limit'>,
) {
  const where = [scope(actor, peoplePolicy, action, residentScopeColumns)];
  if (!q.includeMovedOut) where.push(repo.living());
  if (q.householdNodeId) where.push(repo.household(q.householdNodeId));
  if (q.tag) where.push(repo.tag(q.tag));
  if (q.residenceType) where.push(repo.residenceType(q.residenceType));
  const search = q.q ? parseSearch(crypto, q.q) : null;
  if (search) where.push(repo.search(search));
  return { where, byNumber: search?.kind === 'number' };
}

export function createResidentService(deps: PeopleDeps) {
  const { db, clock, audit, crypto } = deps;
  const rec = (r: ResidentRow) => ({ path: r.nodePath, userId: r.userId });
  const dto = (r: ResidentRow) => residentDto(crypto, r);

  async function visible(actor: Actor, id: number) {
    const r = await repo.byId(db, id);
    if (!r || !can(actor, peoplePolicy, 'read', rec(r))) throw new AppError('not_found');
    return r;
  }
  async function writable(actor: Actor, id: number) {
    const r = await visible(actor, id);
    if (!can(actor, peoplePolicy, 'write', rec(r))) throw new AppError('forbidden');
    return r;
  }
  async function household(actor: Actor, nodeId: number) {
    const node = await territoryRepo.byId(db, nodeId);
    if (!node || node.kind !== 'household') throw fieldError('householdNodeId', '请选择一个户');
    if (!can(actor, peoplePolicy, 'write', { path: node.path }))
      throw new AppError('forbidden', [{ path: 'householdNodeId', message: '该户不在您的管辖范围内' }]);
    return node;
  }
  function identity(v: IdentityInput): SealedId {
    const id = sealIdentity(crypto, v, chinaToday(clock));
    if (id.problem !== null) throw fieldError(id.problem.field, id.problem.message);
    return id.values;
  }
  /**
   * One person, one record: by the document's blind index, or, without a document, by household + name + birth date.
   * A number the actor may already read elsewhere is refused (409, nothing new to them); one recorded only outside
   * their area is answered like a fresh number (an existence oracle otherwise) and returned for reconciliation.
   */
  async function assertNew(
    tx: Exec,
    actor: Actor,
    idv: SealedId,
    name: string,
    householdNodeId: number,
    self: number | null,
  ): Promise<Known | null> {
    if (idv.idHash) {
      const existing = (await repo.byIdHashes(tx, [idv.idHash])).filter((e) => e.id !== self);
      if (existing.some((e) => can(actor, peoplePolicy, 'read', { path: e.nodePath, userId: e.userId })))
        throw new AppError('conflict', [{ path: 'idNumber', message: '该证件号码已登记' }]);
      return existing[0] ?? null;
    }
    const same = (await repo.withoutIdByKeys(tx, [{ householdNodeId, name, birthDate: idv.birthDate }])).filter(
      (e) => e.id !== self,
    );
    if (same.length)
      throw new AppError('conflict', [{ path: 'name', message: '该户已登记同名、同出生日期且无证件的居民' }]);
    return null;
  }
  /** The record's identity columns: a repeat of a number known elsewhere is kept without the blind index, pointing at it. */
  const sealedFor = (idv: SealedId, dup: Known | null) =>
    dup ? { ...idv, idHash: null, duplicateOf: dup.id } : { ...idv, duplicateOf: null };
  /** Tells whoever sees both records of a repeated number; runs (telling nobody) for a fresh one too. */
  const noticeFor = (tx: Exec, dup: Known | null, self: { id: number; nodePath: string }) =>
    tx.execute(
      residentDuplicateNotice(
        dup ? { newPath: self.nodePath, existingPath: dup.nodePath, title: `#${self.id} = #${dup.id}` } : null,
        clock.now(),
      ),
    );
  async function checkTags(tags: string[]) {
    const known = await tagRepo.activeCodes(db);
    const unknown = tags.filter((t) => !known.has(t));
    if (unknown.length) throw fieldError('tags', `未知标签：${unknown.join('、')}`);
  }

  return {
    get: async (actor: Actor, id: number) => dto(await visible(actor, id)),

    /** A search by a whole number finds who holds it, so it is audited like a reveal: who searched, whom it found, never the number. */
    async list(actor: Actor, ctx: AuditContext, q: Query) {
      const { where, byNumber } = listConditions(crypto, actor, 'read', q);
      const after = decodeCursor(q.cursor, 1);
      const r = await repo.list(db, where, { afterId: after ? Number(after[0]) : null, limit: q.limit });
      const p = page(r, q.limit, (x) => [x.id]);
      if (byNumber) {
        const one = p.items.length === 1 ? p.items[0]! : null;
        await audit.record(db, ctx, {
          action: 'resident.search_by_number',
          entityKind: 'resident',
          entityId: one?.id ?? 'search',
          nodeId: one?.householdNodeId ?? null,
          nodePath: one?.nodePath ?? null,
          after: { matched: p.items.length, residentIds: p.items.map((x) => x.id) },
        });
      }
      return { items: p.items.map(dto), nextCursor: p.nextCursor };
    },

    async create(actor: Actor, ctx: AuditContext, body: z.infer<typeof CreateResidentBody>) {
      const node = await household(actor, body.householdNodeId);
      await checkTags(body.tags);
      const idv = identity(body);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const dup = await assertNew(tx, actor, idv, body.name, node.id, null);
        const row = await repo.insert(tx, {
          ...nameColumns(body.name),
          ...sealedFor(idv, dup),
          ...sealPhone(crypto, body.phone),
          residenceType: body.residenceType,
          householdNodeId: node.id,
          nodePath: node.path,
          movedInOn: body.movedInOn ?? null,
          tags: body.tags,
          userId: body.userId ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await noticeFor(tx, dup, { id: row.id, nodePath: node.path });
        const view = dto((await repo.byId(tx, row.id))!);
        await audit.record(tx, ctx, {
          action: 'resident.create',
          entityKind: 'resident',
          entityId: row.id,
          nodeId: node.id,
          nodePath: node.path,
          after: view,
        });
        return view;
      });
    },

    async update(actor: Actor, ctx: AuditContext, id: number, body: z.infer<typeof UpdateResidentBody>) {
      const before = await writable(actor, id);
      if (body.tags) await checkTags(body.tags);
      const node = body.householdNodeId ? await household(actor, body.householdNodeId) : null;
      const touchesId =
        body.idKind !== undefined ||
        body.idNumber !== undefined ||
        body.noIdReason !== undefined ||
        body.sex !== undefined ||
        body.birthDate !== undefined;
      const kind = body.idKind ?? (before.idKind as IdentityInput['idKind']);
      // A field left out keeps its value; a change of kind asks for the new document's number afresh.
      const idv = touchesId
        ? identity({
            idKind: kind,
            idNumber:
              body.idNumber ??
              (kind === before.idKind && before.idCipher ? crypto.decrypt('id_number', before.idCipher) : null),
            noIdReason: body.noIdReason ?? before.noIdReason,
            sex: body.sex ?? (before.sex as 'male' | 'female'),
            birthDate: body.birthDate ?? before.birthDate,
          })
        : null;
      return db.transaction(async (tx) => {
        let dup: Known | null = null;
        if (idv || body.name !== undefined || node) {
          const cur =
            idv ?? ({ idKind: before.idKind, idHash: before.idHash, birthDate: before.birthDate } as SealedId);
          dup = await assertNew(tx, actor, cur, body.name ?? before.name, node?.id ?? before.householdNodeId, id);
        }
        const patch: Parameters<typeof repo.update>[2] = { updatedAt: clock.now() };
        if (idv) Object.assign(patch, sealedFor(idv, dup));
        if (idv) await noticeFor(tx, dup, { id, nodePath: node?.path ?? before.nodePath });
        if (body.name !== undefined) Object.assign(patch, nameColumns(body.name));
        if (body.phone !== undefined) Object.assign(patch, sealPhone(crypto, body.phone));
        if (body.residenceType !== undefined) patch.residenceType = body.residenceType;
        if (node) Object.assign(patch, { householdNodeId: node.id, nodePath: node.path });
        if (body.movedInOn !== undefined) patch.movedInOn = body.movedInOn;
        if (body.tags !== undefined) patch.tags = body.tags;
        if (body.userId !== undefined) patch.userId = body.userId;
        await repo.update(tx, id, patch);
        const view = dto((await repo.byId(tx, id))!);
        await audit.record(tx, ctx, {
          action: 'resident.update',
          entityKind: 'resident',
          entityId: id,
          nodeId: view.householdNodeId,
          nodePath: node?.path ?? before.nodePath,
          before: dto(before),
          after: view,
        });
        return view;
      });
    },

    /** Records the move and where to; the record stays (lists hide it unless asked to include moved-out people). */
    async moveOut(actor: Actor, ctx: AuditContext, id: number, movedOutOn: string, destination: string) {
      const before = await writable(actor, id);
      if (before.movedOutOn) throw new AppError('action_not_allowed');
      if (movedOutOn > chinaToday(clock)) throw fieldError('movedOutOn', '迁出日期不能晚于今天');
      if (before.movedInOn && movedOutOn < before.movedInOn) throw fieldError('movedOutOn', '迁出日期不能早于迁入日期');
      return db.transaction(async (tx) => {
        await repo.update(tx, id, { movedOutOn, movedOutTo: destination, updatedAt: clock.now() });
        const view = dto((await repo.byId(tx, id))!);
        await audit.record(tx, ctx, {
          action: 'resident.move_out',
          entityKind: 'resident',
          entityId: id,
          nodeId: before.householdNodeId,
          nodePath: before.nodePath,
          after: { movedOutOn, destination },
        });
        return view;
      });
    },

    /** The full ID number or phone, for community workers and above within scope; who saw whose which field is audited. */
    async reveal(actor: Actor, ctx: AuditContext, id: number, field: 'idNumber' | 'phone') {
      const r = await visible(actor, id);
      if (!can(actor, peoplePolicy, 'reveal', rec(r))) throw new AppError('forbidden');
      const value =
        field === 'idNumber'
          ? r.idCipher
            ? crypto.decrypt('id_number', r.idCipher)
            : null
          : r.phoneCipher
            ? crypto.decrypt('phone', r.phoneCipher)
            : null;
      await audit.record(db, ctx, {
        action: 'resident.reveal',
        entityKind: 'resident',
        entityId: id,
        nodeId: r.householdNodeId,
        nodePath: r.nodePath,
        after: { field },
      });
      return { field, value };
    },
  };
}
export type ResidentService = ReturnType<typeof createResidentService>;
