// Excel import of residents: an explained preview kept under an import id, then an all-or-nothing, idempotent commit.
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { ID_KIND_ZH, ID_KINDS, RESIDENCE_TYPE_ZH, RESIDENCE_TYPES } from '../../../contracts/people';
import type { AuditContext } from '../../platform/audit/service';
import type { Exec } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { commitInBatches, ownPreview, previewRows, type RowIssue } from '../../platform/imports';
import { can, canAnywhere, type Actor } from '../../platform/policy';
import { residentDuplicateNotice } from '../notifications';
import { territoryNodes } from '../territory';
import { peoplePolicy } from './policy';
import { chinaToday, nameColumns, sealIdentity, sealPhone, type IdentityInput } from './record';
import { importRepo, noIdKey, residentRepo, tagRepo } from './repo';
import type { PeopleDeps } from './service';
import { readImportRows, type ImportField, type RawRow } from './workbook';

export const MAX_IMPORT_ROWS = 20_000;
const BATCH = 500;
export type Issue = RowIssue;
/** A checked row, already sealed: the stored preview never holds a plain ID number or phone. */
export type GoodRow = ReturnType<typeof nameColumns> & {
  row: number;
  idKind?: string;
  idCipher: string | null;
  idHash: string | null;
  idTail: string | null;
  noIdReason?: string | null;
  sex: string;
  birthDate: string;
  phoneCipher: string | null;
  phoneHash: string | null;
  phoneTail: string | null;
  residenceType: string;
  householdNodeId: number;
  nodePath: string;
  movedInOn: string | null;
  tags: string[] | null;
};

const TYPE_BY_LABEL = new Map<string, string>([
  ...RESIDENCE_TYPES.map((t) => [t, t] as const),
  ...Object.entries(RESIDENCE_TYPE_ZH).map(([k, v]) => [v, k] as const),
]);
const KIND_BY_LABEL = new Map<string, string>([
  ...ID_KINDS.map((t) => [t, t] as const),
  ...Object.entries(ID_KIND_ZH).map(([k, v]) => [v, k] as const),
]);
const SEX_BY_LABEL = new Map<string, 'male' | 'female'>([
  ['男', 'male'],
  ['女', 'female'],
  ['male', 'male'],
  ['female', 'female'],
]);
const ID_FIELD: Record<string, ImportField> = {
  idNumber: '身份证号',
  sex: '性别',
  birthDate: '出生日期',
  noIdReason: '无证件原因',
};
/** Rows are told apart by the document's blind index or, without one, by household + name + birth date. */
export const dedupeKey = (g: Pick<GoodRow, 'idHash' | 'householdNodeId' | 'name' | 'birthDate'>) =>
  g.idHash ?? `noid:${noIdKey(g)}`;
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function realDay(s: string): string | null {
  const m = DAY.exec(s.replace(/[/.]/g, '-'));
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const iso = d.toISOString().slice(0, 10);
  return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1 ? iso : null;
}

type Household = { id: number; path: string; kind: string };
/** What checking a row needs besides the row: the actor's scope, today's date, the tag catalogue, the households it names, and the rows seen so far. */
export type RowContext = {
  actor: Actor;
  crypto: PeopleDeps['crypto'];
  today: string;
  tagCode: Map<string, string>;
  households: Map<string, Household>;
  /** Dedupe key → first row number; the bulk import passes one map per batch and finds earlier batches in the database. */
  firstRowOf: Map<string, number>;
  /** The name's search columns; the bulk import passes a memoised one. */
  nameColumns?: typeof nameColumns;
};

/** Active tags by code and by name, as a roster may spell either. */
export async function tagCodes(db: Exec): Promise<Map<string, string>> {
  const tags = await tagRepo.list(db);
  return new Map<string, string>(
    tags
      .filter((t) => !t.retiredAt)
      .flatMap((t) => [
        [t.code, t.code],
        [t.name, t.code],
      ]),
  );
}

export async function householdsByCode(db: Exec, codes: string[]) {
  const out = new Map<string, Household>();
  for (let i = 0; i < codes.length; i += 1000) {
    const part = codes.slice(i, i + 1000);
    const r = await db
      .select({
        id: territoryNodes.id,
        code: territoryNodes.code,
        path: territoryNodes.path,
        kind: territoryNodes.kind,
      })
      .from(territoryNodes)
      .where(inArray(territoryNodes.code, part));
    for (const n of r) out.set(n.code, n);
  }
  return out;
}

/** The problem of a row that repeats an earlier one (same document, or same household, name and birth date without one). */
export function duplicateIssue(row: number, first: number, v: { idHash: string | null; idKind?: string }): Issue {
  return v.idHash
    ? {
        row,
        field: '身份证号',
        reason: `与第 ${first} 行的${v.idKind === 'resident_id' ? '身份证号' : '证件号码'}重复`,
      }
    : { row, field: '姓名', reason: `与第 ${first} 行是同一户同名同生日的无证件居民` };
}

/** Checks one roster row the same way for the interactive and the bulk import: every problem tied to a field, or the row sealed. */
export function checkRow(c: RowContext, r: RawRow): { issues: Issue[]; good: GoodRow | null } {
  const { actor, crypto, today, tagCode, households, firstRowOf } = c;
  const issues: Issue[] = [];
  const bad = (field: ImportField, reason: string) => issues.push({ row: r.row, field, reason });
  for (const f of r.formula) bad(f, '不接受公式，请填写数值本身');
  const get = (f: ImportField) => (r.formula.includes(f) ? null : (r.cells[f] ?? '').trim());
  const name = get('姓名');
  if (name === '') bad('姓名', '姓名不能为空');
  else if (name && name.length > 50) bad('姓名', '姓名不能超过50个字');
  const idRaw = get('身份证号');
  const kindText = get('证件类型');
  const reason = get('无证件原因');
  // An empty kind means a citizen ID, unless the number is missing and a reason is given.
  const kind = kindText ? KIND_BY_LABEL.get(kindText) : !idRaw && reason ? 'none' : 'resident_id';
  if (!kind) bad('证件类型', `证件类型应为 ${Object.values(ID_KIND_ZH).join('、')}`);
  const sexText = get('性别');
  const sex = sexText ? SEX_BY_LABEL.get(sexText) : undefined;
  if (sexText && !sex) bad('性别', '性别应为 男 或 女');
  const birthText = r.date['出生日期'] ?? get('出生日期');
  const birthDate = birthText ? realDay(birthText) : null;
  if (birthText && !birthDate) bad('出生日期', `日期 ${birthText} 不存在，格式应为 YYYY-MM-DD`);
  const sealed =
    idRaw === null || !kind
      ? null
      : sealIdentity(
          crypto,
          { idKind: kind as IdentityInput['idKind'], idNumber: idRaw || null, noIdReason: reason, sex, birthDate },
          today,
        );
  if (sealed?.problem && !(sealed.problem.field === 'birthDate' && birthText && !birthDate))
    bad(ID_FIELD[sealed.problem.field] ?? '身份证号', sealed.problem.message);
  const id = sealed && sealed.problem === null ? sealed : null;
  const phone = get('联系电话');
  if (phone && !PHONE.test(phone)) bad('联系电话', '电话号码格式不正确');
  const type = TYPE_BY_LABEL.get(get('居住类型') ?? '');
  if (!type && !r.formula.includes('居住类型')) bad('居住类型', '居住类型应为 户籍、常住、流动 或 寄住');
  const code = get('户');
  const node = code ? households.get(code) : undefined;
  if (code === '') bad('户', '户编码不能为空');
  else if (code && (!node || node.kind !== 'household')) bad('户', `找不到户编码 ${code}`);
  else if (node && !can(actor, peoplePolicy, 'write', { path: node.path })) bad('户', `户 ${code} 不在您的管辖范围内`);
  const dayText = r.date['迁入日期'] ?? get('迁入日期');
  const movedInOn = dayText ? realDay(dayText) : null;
  if (dayText && !movedInOn) bad('迁入日期', `日期 ${dayText} 不存在，格式应为 YYYY-MM-DD`);
  else if (movedInOn && movedInOn > today) bad('迁入日期', '迁入日期不能晚于今天');
  const tagText = get('标签');
  const tagList = tagText ? [...new Set(tagText.split(/[、,，;；\s]+/).filter(Boolean))] : null;
  const unknown = (tagList ?? []).filter((t) => !tagCode.has(t));
  if (unknown.length) bad('标签', `未知标签：${unknown.join('、')}`);
  if (id && name && node) {
    const key = dedupeKey({ ...id.values, name, householdNodeId: node.id });
    const first = firstRowOf.get(key);
    if (first) issues.push(duplicateIssue(r.row, first, id.values));
    else firstRowOf.set(key, r.row);
  }
  if (issues.length || !id || !name || !type || !node) return { issues, good: null };
  return {
    issues,
    good: {
      row: r.row,
      ...(c.nameColumns ?? nameColumns)(name),
      ...id.values,
      ...sealPhone(crypto, phone || null),
      residenceType: type,
      householdNodeId: node.id,
      nodePath: node.path,
      movedInOn,
      tags: tagList ? tagList.map((t) => tagCode.get(t)!) : null,
    },
  };
}

export function createImporter(deps: PeopleDeps) {
  const { db, clock, audit, crypto } = deps;

  /** Parses and checks a workbook; keeps the good rows (sealed) and every problem under a new import id. */
  async function preview(actor: Actor, file: Buffer, fileName: string | null) {
    if (!canAnywhere(actor, peoplePolicy, 'write')) throw new AppError('forbidden');
    const today = chinaToday(clock);
    const tagCode = await tagCodes(db);
    const c: RowContext = { actor, crypto, today, tagCode, households: new Map(), firstRowOf: new Map() };
    const {
      totalRows,
      good,
      issues: errors,
    } = await previewRows(
      readImportRows(file),
      { maxRows: MAX_IMPORT_ROWS },
      {
        // The households the rows name are looked up at once, before any row is checked.
        prepare: async (raws) => {
          c.households = await householdsByCode(db, [...new Set(raws.map((r) => r.cells['户'] ?? '').filter(Boolean))]);
        },
        check: (r) => checkRow(c, r),
      },
    );
    // A person already registered outside the actor's area is not marked here (that would say the number exists): the
    // commit keeps the row beside that record and tells the nearest worker who sees both.
    const bad = new Set(errors.map((e) => e.row));
    const kept = good.filter((g) => !bad.has(g.row));
    const id = randomUUID();
    await importRepo.insert(db, {
      id,
      createdBy: actor.userId,
      fileName,
      rows: kept,
      errors,
      totalRows,
      createdAt: clock.now(),
    });
    return { id, totalRows, goodRows: kept.length, errors, committed: false };
  }

  const stored = async (actor: Actor, id: string) => ownPreview(await importRepo.get(db, id), actor.userId);

  /** Upserts the good rows by ID blind index in one transaction; a second commit finds everything unchanged. */
  async function commit(actor: Actor, ctx: AuditContext, importId: string) {
    const imp = await stored(actor, importId);
    const rows = imp.rows as GoodRow[];
    const now = clock.now();
    return commitInBatches({
      db,
      rows,
      batchSize: BATCH,
      // All or nothing; the import's id is locked, and a second commit finds every row unchanged (upsert by identity).
      atomic: true,
      lock: (tx) => importRepo.lock(tx, importId),
      zero: { inserted: 0, updated: 0, unchanged: 0 },
      async write(tx, batch) {
        let inserted = 0,
          updated = 0,
          unchanged = 0;
        const existing = new Map(
          (
            await residentRepo.byIdHashes(
              tx,
              batch.flatMap((g) => (g.idHash ? [g.idHash] : [])),
            )
          ).map((e) => [e.idHash, e]),
        );
        // A person first registered without a document is found again by household, name and birth date.
        const withoutId = new Map((await residentRepo.withoutIdByKeys(tx, batch)).map((e) => [noIdKey(e), e]));
        const outsideIds = [...existing.values()]
          .filter((e) => !can(actor, peoplePolicy, 'write', { path: e.nodePath }))
          .map((e) => e.id);
        const kept = new Set(
          (await residentRepo.repeatsOf(tx, outsideIds)).map((p) => `${p.duplicateOf}|${p.householdNodeId}`),
        );
        const fresh = [];
        for (const g of batch) {
          const e = (g.idHash ? existing.get(g.idHash) : undefined) ?? withoutId.get(noIdKey(g));
          if (!can(actor, peoplePolicy, 'write', { path: g.nodePath }))
            throw new AppError('forbidden', [{ path: `row ${g.row}`, message: '不在您的管辖范围内' }]);
          const { row: _row, ...v } = g;
          if (e && !can(actor, peoplePolicy, 'write', { path: e.nodePath })) {
            // Known only outside the actor's area: kept beside that record (once per household) for reconciliation.
            if (kept.has(`${e.id}|${g.householdNodeId}`)) unchanged++;
            else {
              const made = await residentRepo.insert(tx, {
                ...v,
                idHash: null,
                duplicateOf: e.id,
                tags: v.tags ?? [],
                createdAt: now,
                updatedAt: now,
              });
              await tx.execute(
                residentDuplicateNotice(
                  { newPath: g.nodePath, existingPath: e.nodePath, title: `#${made.id} = #${e.id}` },
                  now,
                ),
              );
              kept.add(`${e.id}|${g.householdNodeId}`);
              inserted++;
            }
            continue;
          }
          if (!e) {
            fresh.push({ ...v, tags: v.tags ?? [], createdAt: now, updatedAt: now });
            continue;
          }
          const patch: Parameters<typeof residentRepo.update>[2] = {};
          if (v.idHash && e.idHash !== v.idHash)
            Object.assign(patch, {
              idKind: v.idKind ?? 'resident_id',
              idCipher: v.idCipher,
              idHash: v.idHash,
              idTail: v.idTail,
              noIdReason: null,
              sex: v.sex,
              birthDate: v.birthDate,
            });
          if (e.name !== v.name) Object.assign(patch, nameColumns(v.name));
          if (v.phoneHash && e.phoneHash !== v.phoneHash)
            Object.assign(patch, { phoneCipher: v.phoneCipher, phoneHash: v.phoneHash, phoneTail: v.phoneTail });
          if (e.residenceType !== v.residenceType) patch.residenceType = v.residenceType;
          if (e.householdNodeId !== v.householdNodeId)
            Object.assign(patch, { householdNodeId: v.householdNodeId, nodePath: v.nodePath });
          if (v.movedInOn && e.movedInOn !== v.movedInOn) patch.movedInOn = v.movedInOn;
          if (v.tags && [...v.tags].sort().join() !== [...e.tags].sort().join()) patch.tags = v.tags;
          if (Object.keys(patch).length === 0) unchanged++;
          else {
            await residentRepo.update(tx, e.id, { ...patch, updatedAt: now });
            updated++;
          }
        }
        if (fresh.length) await residentRepo.insertMany(tx, fresh);
        inserted += fresh.length;
        return { inserted, updated, unchanged };
      },
      finish: (tx) => importRepo.markCommitted(tx, importId, now),
      audit: (tx, c) =>
        audit.record(tx, ctx, {
          action: 'resident.import',
          entityKind: 'people_import',
          entityId: importId,
          after: { rows: rows.length, ...c, fileName: imp.fileName },
        }),
    }).then((c) => ({ id: importId, ...c }));
  }

  return {
    preview,
    commit,
    async get(actor: Actor, id: string) {
      const imp = await stored(actor, id);
      return {
        id,
        totalRows: imp.totalRows,
        goodRows: (imp.rows as unknown[]).length,
        errors: imp.errors as Issue[],
        committed: imp.committedAt != null,
      };
    },
  };
}
export type Importer = ReturnType<typeof createImporter>;
