// Residents and households (一户一档): requests and responses; ID numbers and phones leave the server masked unless revealed.
import { z } from 'zod';
import { PageQuery, pageOf, QueryBool } from './common';

export const RESIDENCE_TYPES = ['registered', 'permanent', 'floating', 'lodging'] as const;
export const ResidenceType = z.enum(RESIDENCE_TYPES);
export const RESIDENCE_TYPE_ZH: Record<z.infer<typeof ResidenceType>, string> = { registered: '户籍', permanent: '常住', floating: '流动', lodging: '寄住' };
export const HousingUse = z.enum(['owner_occupied', 'rented', 'vacant']);
export const Sex = z.enum(['male', 'female']);

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Phone = z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确');
const TagCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/);

export const Resident = z.object({
  id: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  sex: Sex,
  birthDate: z.string(),
  phoneMasked: z.string().nullable(),
  residenceType: ResidenceType,
  householdNodeId: z.number().int(),
  householdName: z.string(),
  movedInOn: z.string().nullable(),
  movedOutOn: z.string().nullable(),
  tags: z.array(z.string()),
  userId: z.number().int().nullable(),
  updatedAt: z.string(),
});
export const ResidentPage = pageOf(Resident);

export const ResidentQuery = PageQuery.extend({
  householdNodeId: z.coerce.number().int().positive().optional(),
  tag: TagCode.optional(),
  residenceType: ResidenceType.optional(),
  /** Name (contains), pinyin or initials (prefix), last 4+ digits of an ID or phone, or household name (contains). */
  q: z.string().trim().min(1).max(50).optional(),
  includeMovedOut: QueryBool.default(false),
}).strict();

export const CreateResidentBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    idNumber: z.string().trim().min(1).max(18),
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
    phone: Phone.nullable().optional(),
    residenceType: ResidenceType.optional(),
    householdNodeId: z.number().int().positive().optional(),
    movedInOn: Day.nullable().optional(),
    tags: z.array(TagCode).max(20).optional(),
    userId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export const MoveOutBody = z.object({ movedOutOn: Day }).strict();

export const RevealBody = z.object({ field: z.enum(['idNumber', 'phone']) }).strict();
export const Revealed = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string().nullable() });

export const Housing = z.object({
  use: HousingUse,
  ownerResidentId: z.number().int().nullable(),
  entrance: z.string().nullable(),
  room: z.string().nullable(),
});
export const PutHousingBody = z
  .object({ use: HousingUse, ownerResidentId: z.number().int().positive().nullable().optional(), entrance: z.string().trim().max(20).nullable().optional(), room: z.string().trim().max(20).nullable().optional() })
  .strict();
export const NodeIdParams = z.object({ nodeId: z.coerce.number().int().positive() }).strict();
export const HouseholdPage = z.object({
  household: z.object({ id: z.number().int(), code: z.string(), name: z.string(), path: z.string() }),
  housing: Housing.nullable(),
  residents: z.array(Resident),
});

export const PersonTag = z.object({ code: z.string(), name: z.string(), retired: z.boolean() });
export const CreatePersonTagBody = z.object({ code: TagCode, name: z.string().trim().min(1).max(30) }).strict();

export const ImportIssue = z.object({ row: z.number().int(), field: z.string(), reason: z.string() });
export const ImportPreview = z.object({
  id: z.string(),
  totalRows: z.number().int(),
  goodRows: z.number().int(),
  errors: z.array(ImportIssue),
  committed: z.boolean(),
});
export const ImportCommitResult = z.object({ id: z.string(), inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export const ImportIdParams = z.object({ id: z.string().uuid() }).strict();

export const CareLevel = z.enum(['red', 'yellow', 'blue']);
export const PutCareBody = z
  .object({ level: CareLevel, reason: z.string().trim().min(1).max(200), assigneeUserId: z.number().int().positive().nullable().optional() })
  .strict();
export const Care = z.object({ residentId: z.number().int(), level: CareLevel, reason: z.string(), assigneeUserId: z.number().int().nullable(), setOn: z.string() });
export const CareSettings = z.object({ red: z.number().int().min(1).max(366), yellow: z.number().int().min(1).max(366), blue: z.number().int().min(1).max(366) });
export const CreateVisitBody = z.object({ visitedOn: Day, note: z.string().trim().min(1).max(2000) }).strict();
export const Visit = z.object({ id: z.number().int(), residentId: z.number().int(), visitorUserId: z.number().int(), visitedOn: z.string(), note: z.string() });
export const DueQuery = z.object({ withinDays: z.coerce.number().int().min(0).max(366).default(7), assignedToMe: QueryBool.default(false) }).strict();
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
