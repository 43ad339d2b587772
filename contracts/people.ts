// Residents and households (一户一档): requests and responses; ID numbers and phones leave the server masked unless revealed.
import { z } from 'zod';
import { Point } from './cases';
import { PageQuery, pageOf, QueryBool } from './common';

export const RESIDENCE_TYPES = ['registered', 'permanent', 'floating', 'lodging'] as const;
export const ResidenceType = z.enum(RESIDENCE_TYPES);
export const RESIDENCE_TYPE_ZH: Record<z.infer<typeof ResidenceType>, string> = {
  registered: '户籍',
  permanent: '常住',
  floating: '流动',
  lodging: '寄住',
};
export const HousingUse = z.enum(['owner_occupied', 'rented', 'vacant']);
export const Sex = z.enum(['male', 'female']);
/** The identity document a resident is registered with; 'none' when they have none yet (children), or refuse to give one. */
export const ID_KINDS = ['resident_id', 'passport', 'hk_mo_tw', 'foreign_permanent', 'other', 'none'] as const;
export const IdKind = z.enum(ID_KINDS);
export const ID_KIND_ZH: Record<z.infer<typeof IdKind>, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_mo_tw: '港澳台居民证件',
  foreign_permanent: '外国人永久居留身份证',
  other: '其他证件',
  none: '暂无证件',
};
export const MOVE_OUT_MAX = 200;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确');
const TagCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/);

export const Resident = z.object({
  id: z.number().int(),
  name: z.string(),
  idKind: IdKind,
  /** Null when the resident has no document on record (idKind 'none'). */
  idNumberMasked: z.string().nullable(),
  noIdReason: z.string().nullable(),
  sex: Sex,
  birthDate: z.string(),
  phoneMasked: z.string().nullable(),
  residenceType: ResidenceType,
  householdNodeId: z.number().int(),
  householdName: z.string(),
  movedInOn: z.string().nullable(),
  movedOutOn: z.string().nullable(),
  movedOutTo: z.string().nullable(),
  tags: z.array(z.string()),
  care: z
    .object({
      level: z.enum(['red', 'yellow', 'blue']),
      reason: z.string(),
      assigneeUserId: z.number().int().nullable(),
      setOn: z.string(),
    })
    .nullable(),
  userId: z.number().int().nullable(),
  updatedAt: z.string(),
});
export const ResidentPage = pageOf(Resident);

export const ResidentQuery = PageQuery.extend({
  householdNodeId: z.coerce.number().int().positive().optional(),
  tag: TagCode.optional(),
  residenceType: ResidenceType.optional(),
  /** Name (contains), pinyin or initials (prefix), the last 4 or all digits of an ID or phone (never a longer tail), or household name (contains). */
  q: z.string().trim().min(1).max(50).optional(),
  includeMovedOut: QueryBool.default(false),
}).strict();

export const CreateResidentBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    idKind: IdKind.default('resident_id'),
    /** The citizen ID number, or the number of the other document; absent when idKind is 'none'. */
    idNumber: z.string().trim().min(1).max(30).optional(),
    noIdReason: z.string().trim().min(1).max(100).optional(),
    /** Entered by hand when there is no citizen ID number to derive them from. */
    sex: Sex.optional(),
    birthDate: Day.optional(),
    phone: Phone.optional(),
    residenceType: ResidenceType,
    householdNodeId: z.number().int().positive(),
    movedInOn: Day.optional(),
    tags: z.array(TagCode).max(20).default([]),
    userId: z.number().int().positive().optional(),
  })
  .strict();
export const UpdateResidentBody = z
  .object({
    name: z.string().trim().min(1).max(50).optional(),
    idKind: IdKind.optional(),
    idNumber: z.string().trim().min(1).max(30).optional(),
    noIdReason: z.string().trim().min(1).max(100).optional(),
    sex: Sex.optional(),
    birthDate: Day.optional(),
    phone: Phone.nullable().optional(),
    residenceType: ResidenceType.optional(),
    householdNodeId: z.number().int().positive().optional(),
    movedInOn: Day.nullable().optional(),
    tags: z.array(TagCode).max(20).optional(),
    userId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export const MoveOutBody = z
  .object({ movedOutOn: Day, destination: z.string().trim().min(1).max(MOVE_OUT_MAX) })
  .strict();

export const RevealBody = z.object({ field: z.enum(['idNumber', 'phone']) }).strict();
export const Revealed = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string().nullable() });

export const Housing = z.object({
  use: HousingUse,
  ownerResidentId: z.number().int().nullable(),
  entrance: z.string().nullable(),
  room: z.string().nullable(),
});
export const PutHousingBody = z
  .object({
    use: HousingUse,
    ownerResidentId: z.number().int().positive().nullable().optional(),
    entrance: z.string().trim().max(20).nullable().optional(),
    room: z.string().trim().max(20).nullable().optional(),
  })
  .strict();
export const NodeIdParams = z.object({ nodeId: z.coerce.number().int().positive() }).strict();
export const HouseholdPage = z.object({
  household: z.object({ id: z.number().int(), code: z.string(), name: z.string(), path: z.string() }),
  housing: Housing.nullable(),
  residents: z.array(Resident),
});

export const PersonTag = z.object({ code: z.string(), name: z.string(), retired: z.boolean() });
const TagName = z.string().trim().min(1).max(30);
export const CreatePersonTagBody = z
  .object({ code: TagCode.optional().describe('made from the pinyin of the name when absent'), name: TagName })
  .strict();
export const UpdatePersonTagBody = z.object({ name: TagName.optional(), retired: z.boolean().optional() }).strict();
export const TagCodeParams = z.object({ code: z.string().max(40) }).strict();

export const ImportIssue = z.object({ row: z.number().int(), field: z.string(), reason: z.string() });
export const ImportPreview = z.object({
  id: z.string(),
  totalRows: z.number().int(),
  goodRows: z.number().int(),
  errors: z.array(ImportIssue),
  committed: z.boolean(),
});
export const ImportCommitResult = z.object({
  id: z.string(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export const ImportIdParams = z.object({ id: z.string().uuid() }).strict();

export const CareLevel = z.enum(['red', 'yellow', 'blue']);
export const PutCareBody = z
  .object({
    level: CareLevel,
    reason: z.string().trim().min(1).max(200),
    assigneeUserId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export const Care = z.object({
  residentId: z.number().int(),
  level: CareLevel,
  reason: z.string(),
  assigneeUserId: z.number().int().nullable(),
  setOn: z.string(),
});
export const CareSettings = z.object({
  red: z.number().int().min(1).max(366),
  yellow: z.number().int().min(1).max(366),
  blue: z.number().int().min(1).max(366),
});
export const CreateVisitBody = z.object({ visitedOn: Day, note: z.string().trim().min(1).max(2000) }).strict();
/** A visit recorded offline carries the key it was queued under: a resend with the same key returns the first visit. */
export const VisitHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
export const Visit = z.object({
  id: z.number().int(),
  residentId: z.number().int(),
  visitorUserId: z.number().int(),
  visitedOn: z.string(),
  note: z.string(),
});
export const DueQuery = z
  .object({ withinDays: z.coerce.number().int().min(0).max(366).default(7), assignedToMe: QueryBool.default(false) })
  .strict();
export const DueItem = z.object({
  residentId: z.number().int(),
  name: z.string(),
  householdName: z.string(),
  level: CareLevel,
  assigneeUserId: z.number().int().nullable(),
  lastVisitOn: z.string().nullable(),
  dueOn: z.string(),
  overdue: z.boolean(),
});

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
/** A field diary (民情日记) entry: what a grid worker saw and did; a record of work, never a clock-in. */
export const DiaryEntry = z.object({
  id: z.number().int(),
  authorUserId: z.number().int(),
  authorName: z.string(),
  occurredOn: z.string(),
  gridNodeId: z.number().int(),
  gridName: z.string(),
  householdNodeId: z.number().int().nullable(),
  householdName: z.string().nullable(),
  place: z.string().nullable(),
  residents: z.array(z.object({ id: z.number().int(), name: z.string() })),
  content: z.string(),
  followUp: z.string().nullable(),
  caseId: z.number().int().nullable(),
  createdAt: z.string(),
});
export const CreateDiaryBody = z
  .object({
    occurredOn: Day,
    /** The grid the entry belongs to; defaults to the household's grid, or the author's only grid. */
    gridId: z.number().int().positive().optional(),
    householdNodeId: z.number().int().positive().optional(),
    place: z.string().trim().max(100).optional(),
    residentIds: z.array(z.number().int().positive()).max(20).default([]),
    content: z.string().trim().min(1).max(4000),
    followUp: z.string().trim().max(1000).optional(),
  })
  .strict();
export const DiaryQuery = z
  .object({ month: Month, gridId: z.coerce.number().int().positive().optional(), mine: QueryBool.default(false) })
  .strict();
export const DiaryToCaseBody = z
  .object({
    categoryCode: z.string().regex(/^[A-Z]\d{4}$/, '类别编码格式为 1 个字母加 4 位数字'),
    location: Point.optional(),
    address: z.string().trim().max(200).optional(),
  })
  .strict();
export const DiaryCaseResult = z.object({ entryId: z.number().int(), caseId: z.number().int(), created: z.boolean() });
export const LedgerQuery = z.object({ gridId: z.coerce.number().int().positive(), month: Month }).strict();

/** One thing a worker did on a day, assembled from the records their work left (never typed twice). */
export const DAY_ITEM_KINDS = ['visit', 'report', 'case_step', 'note'] as const;
export const DayItem = z.object({
  kind: z.enum(DAY_ITEM_KINDS),
  at: z.string().describe('when it was recorded'),
  /** The case action for a case step (register, verify, …); null otherwise. */
  action: z.string().nullable(),
  title: z.string().describe('who was visited, the case number, or the place of a note'),
  detail: z.string().nullable(),
  caseId: z.number().int().nullable(),
  residentId: z.number().int().nullable(),
  entryId: z.number().int().nullable(),
});
export const DiaryDayQuery = z.object({ date: Day }).strict();
export const DiaryDay = z.object({ date: z.string(), items: z.array(DayItem) });
