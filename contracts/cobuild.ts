// Co-building (共驻共建, 双报到): partner units' agreements, party members reporting in, and the three lists (needs,
// resources, projects) with the ordering flow 点单 → 派单 → 接单 → 办结 → 评价.
import { z } from 'zod';
import { Id } from './common';

export const RESOURCE_CATEGORIES = ['space', 'legal', 'repair', 'funds', 'care', 'other'] as const;
export const ResourceCategory = z.enum(RESOURCE_CATEGORIES);
export type ResourceCategory = z.infer<typeof ResourceCategory>;

/** Where a need came from: a resident in the portal, a worker on a resident's behalf, a case. */
export const NEED_SOURCES = ['portal', 'worker', 'case'] as const;
export const NeedSource = z.enum(NEED_SOURCES);
/** open: 点单, waiting for dispatch; matched: a project was made of it (派单); withdrawn by its requester. */
export const NEED_STATUSES = ['open', 'matched', 'withdrawn'] as const;
export const NeedStatus = z.enum(NEED_STATUSES);
/** 派单 → 接单 → 办结 → 评价. */
export const PROJECT_STATUSES = ['dispatched', 'taken', 'done', 'rated'] as const;
export const ProjectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);

export const Commitment = z.object({ title: Text(100), category: ResourceCategory }).strict();

export const CreateAgreementBody = z
  .object({
    organisationId: Id,
    communityId: Id,
    startsOn: Day,
    endsOn: Day,
    /** The unit's party organisation that reports in with it (单位党组织报到). */
    partyOrgName: Text(100),
    commitments: z.array(Commitment).min(1).max(20),
  })
  .strict();

export const Agreement = z.object({
  id: z.number(),
  organisationId: z.number(),
  organisationName: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  partyOrgName: z.string(),
  reportedAt: z.string(),
  commitments: z.array(z.object({ id: z.number(), title: z.string(), category: ResourceCategory })),
  /** Projects done (办结 or rated) by the unit. */
  servicesDone: z.number(),
  /** 未开展服务: no project done since the agreement began. */
  noActivity: z.boolean(),
});
export type Agreement = z.infer<typeof Agreement>;
export const AgreementList = z.object({ items: z.array(Agreement) });

export const ReportInBody = z
  .object({
    /** The unit the member works at, when it is one of the organisations; else its name in `unitName`. */
    unitOrganisationId: Id.nullable().optional(),
    unitName: Text(100),
    /** Services a year the member commits to (年度承诺). */
    annualCommitment: z.number().int().min(1).max(100),
    offers: z.array(Commitment).min(1).max(10),
  })
  .strict();

export const Member = z.object({
  id: z.number(),
  userId: z.number(),
  /** The account's display name; staff-side only. */
  name: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  /** Whether the member's registry record (people module) was found and linked. */
  residentLinked: z.boolean(),
  unitOrganisationId: z.number().nullable(),
  unitName: z.string(),
  annualCommitment: z.number(),
  year: z.number(),
  reportedAt: z.string(),
  offers: z.array(z.object({ id: z.number(), title: z.string(), category: ResourceCategory })),
  /** Projects the member did this year. */
  servicesDone: z.number(),
  noActivity: z.boolean(),
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ items: z.array(Member) });
export const MyMember = z.object({ member: Member.nullable() });

export const Resource = z.object({
  id: z.number(),
  communityId: z.number(),
  title: z.string(),
  category: ResourceCategory,
  /** Who offers it: a unit's agreement or a member. */
  providerKind: z.enum(['unit', 'member']),
  providerName: z.string(),
  organisationId: z.number().nullable(),
  memberUserId: z.number().nullable(),
});
export type Resource = z.infer<typeof Resource>;
export const ResourceList = z.object({ items: z.array(Resource) });

export const CreateNeedBody = z
  .object({
    /** From a case: its text is taken as the need's, nothing retyped. */
    caseId: Id.optional(),
    /** Required unless from a case or posted by a resident (their household's community). */
    communityId: Id.optional(),
    title: Text(100).optional(),
    detail: z.string().trim().max(1000).optional(),
    category: ResourceCategory.default('other'),
  })
  .strict();

export const Need = z.object({
  id: z.number(),
  communityId: z.number(),
  communityName: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  category: ResourceCategory,
  source: NeedSource,
  caseId: z.number().nullable(),
  status: NeedStatus,
  /** Whether the caller posted it (a resident follows and rates their own needs). */
  mine: z.boolean(),
  projectId: z.number().nullable(),
  projectStatus: ProjectStatus.nullable(),
  createdAt: z.string(),
});
export type Need = z.infer<typeof Need>;
export const NeedList = z.object({ items: z.array(Need) });

export const DispatchBody = z
  .object({
    /** To a reported-in member (their user id) or a unit with an agreement (its organisation id): exactly one. */
    ownerUserId: Id.optional(),
    ownerOrganisationId: Id.optional(),
    resourceId: Id.optional(),
    /** Working days to finish from dispatch, on the business calendar. */
    limitDays: z.number().int().min(1).max(60).default(5),
  })
  .strict();

export const NoteBody = z.object({ kind: z.enum(['note', 'milestone']).default('note'), text: Text(500) }).strict();
export const RateBody = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().max(500).optional() });

export const ProjectNote = z.object({
  id: z.number(),
  kind: z.enum(['note', 'milestone']),
  text: z.string(),
  authorName: z.string().nullable(),
  at: z.string(),
});

export const Project = z.object({
  id: z.number(),
  needId: z.number(),
  communityId: z.number(),
  title: z.string(),
  detail: z.string().nullable(),
  status: ProjectStatus,
  ownerUserId: z.number().nullable(),
  ownerOrganisationId: z.number().nullable(),
  ownerName: z.string(),
  resourceTitle: z.string().nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  takenAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  rating: z.number().nullable(),
  ratingComment: z.string().nullable(),
  notes: z.array(ProjectNote),
  /** What the caller may do now. */
  canTake: z.boolean(),
  canFinish: z.boolean(),
  canRate: z.boolean(),
});
export type Project = z.infer<typeof Project>;
export const ProjectList = z.object({ items: z.array(Project) });

export const ProjectQuery = z.object({ status: ProjectStatus.optional(), mine: z.stringbool().optional() }).strict();
export const CobuildLedgerQuery = z.object({ nodeId: Id, from: z.iso.date(), to: z.iso.date() }).strict();

/** The reminder job when a taken order reaches its deadline. */
export const COBUILD_DUE_JOB = 'cobuild.due';

// ---- A unit's own record (单位履职记录): what it did, who of it reported in, and whether it ever showed up ----

/** One project handed to the unit (派单 to its organisation). */
export const UnitProject = z.object({
  id: z.number(),
  title: z.string(),
  communityName: z.string(),
  status: ProjectStatus,
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  rating: z.number().nullable(),
  overdue: z.boolean(),
});

export const UnitSummary = z.object({
  organisationId: z.number(),
  name: z.string(),
  kind: z.string(),
  /** The communities it has agreements with (in the reader's scope). */
  communities: z.array(z.string()),
  agreements: z.number(),
  /** Its party members reported in where they live (双报到). */
  members: z.number(),
  projectsDone: z.number(),
  projectsOpen: z.number(),
  /** Micro-wishes claimed by its people (members and staff), counting claims that lapsed. */
  claims: z.number(),
  wishesFulfilled: z.number(),
  /** Volunteer hours of its people, from the organisers' attendance records. */
  hours: z.number(),
  lastActiveAt: z.string().nullable(),
  /** 未开展服务: no project done, no wish claimed, no hour served. */
  noActivity: z.boolean(),
});
export type UnitSummary = z.infer<typeof UnitSummary>;
export const UnitList = z.object({ items: z.array(UnitSummary) });
export const UnitRecord = z.object({
  unit: UnitSummary,
  agreements: z.array(Agreement),
  members: z.array(Member),
  projects: z.array(UnitProject),
});
export type UnitRecord = z.infer<typeof UnitRecord>;
