// The case loop (一网统管): statuses, actions and the state machine shared by server and web, and the API schemas.
import { z } from 'zod';
import { PageQuery, pageOf, QueryBool } from './common';

export const CASE_STATUSES = [
  'reported',
  'registered',
  'dispatched',
  'handling',
  'replied',
  'closed',
  'shelved',
  'voided',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;
/** Statuses in which a case is still somebody's work. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['reported', 'registered', 'dispatched', 'handling', 'replied'];

export const CHANNELS = ['patrol', 'resident', 'hotline', 'sensor', 'transfer', 'assigned'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** 三事分流: private matters to mediation, minor ones to property/community, major ones up the ladder. */
export const TRIAGES = ['private', 'minor', 'major'] as const;
export const Triage = z.enum(TRIAGES);
export type Triage = z.infer<typeof Triage>;

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const Rating = z.enum(RATINGS);
export type Rating = z.infer<typeof Rating>;

export const CASE_ACTIONS = [
  'register',
  'void',
  'dispatch',
  'accept',
  'return',
  'request_extension',
  'decide_extension',
  'reply',
  'verify',
  'shelve',
  'unshelve',
  'rate',
  'reopen',
  'urge',
  'whistle',
  'report_in',
  'comment',
] as const;
export const CaseAction = z.enum(CASE_ACTIONS);
export type CaseAction = z.infer<typeof CaseAction>;

/** The stage whose clock runs in each status (dispatch: waiting to be sent; handle: with the handler; verify: waiting for the check). */
export const STAGE_OF: Partial<Record<CaseStatus, 'register' | 'dispatch' | 'accept' | 'handle' | 'verify'>> = {
  reported: 'register',
  registered: 'dispatch',
  dispatched: 'accept',
  handling: 'handle',
  replied: 'verify',
};

/** What a case looks like to the state machine. */
export type CaseState = {
  status: CaseStatus;
  extensionPending: boolean;
  rating: Rating | null;
  reviewPending: boolean;
};

/**
 * The state machine: from which statuses (and flags) each action may be taken, and where it leads.
 * `verify` leads to closed on a pass and back to handling on a fail (rework); `rate` keeps the status.
 */
export const TRANSITIONS: Record<
  CaseAction,
  { from: readonly CaseStatus[]; guard?: (c: CaseState) => boolean; to: CaseStatus | null }
> = {
  register: { from: ['reported'], to: 'registered' },
  void: { from: ['reported', 'registered'], to: 'voided' },
  dispatch: { from: ['registered'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'handling' },
  return: { from: ['dispatched', 'handling'], guard: (c) => !c.extensionPending, to: 'registered' },
  request_extension: { from: ['handling'], guard: (c) => !c.extensionPending, to: null },
  decide_extension: { from: ['handling'], guard: (c) => c.extensionPending, to: null },
  reply: { from: ['handling'], guard: (c) => !c.extensionPending, to: 'replied' },
  verify: { from: ['replied'], to: null },
  shelve: { from: ['registered', 'handling'], guard: (c) => !c.extensionPending, to: 'shelved' },
  unshelve: { from: ['shelved'], to: 'registered' },
  rate: { from: ['closed'], guard: (c) => c.rating == null, to: null },
  reopen: { from: ['closed'], guard: (c) => c.reviewPending, to: 'registered' },
  urge: { from: ['reported', 'registered', 'dispatched', 'handling', 'replied'], to: null },
  whistle: { from: ['registered', 'dispatched', 'handling'], to: null },
  report_in: { from: ['registered', 'dispatched', 'handling', 'replied'], to: null },
  comment: { from: ['reported', 'registered', 'dispatched', 'handling', 'replied', 'closed', 'shelved'], to: null },
};

/** Actions the state allows now, before asking who the viewer is. */
export function actionsAllowedByState(c: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(c.status) && (TRANSITIONS[a].guard?.(c) ?? true));
}

const Text = (max: number) => z.string().trim().min(1).max(max);
/** Attachment ids from POST /api/files; stored lower-case, as the upload returns them. */
const Photos = z.array(z.string().uuid().toLowerCase()).max(9).default([]);

export const Point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

export const IntakeBody = z
  .object({
    channel: Channel.default('patrol'),
    categoryCode: z.string().regex(/^[A-Z]\d{4}$/, '类别编码格式为 1 个字母加 4 位数字'),
    description: Text(2000),
    location: Point.optional(),
    address: z.string().trim().max(200).optional(),
    gridId: z.number().int().positive().optional().describe('when no location is given'),
    photos: Photos,
    solvedOnSpot: z.boolean().default(false).describe('self-handled: closed at once, still on record'),
    anonymous: z.boolean().default(false),
    reporterName: z.string().trim().max(50).optional(),
    reporterPhone: z
      .string()
      .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/)
      .optional(),
    externalRef: z.string().trim().max(64).optional().describe('work-order number of an outside system'),
    residentId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('the resident the case is about (staff only): linked, never named in the description'),
  })
  .strict();
export type IntakeBody = z.infer<typeof IntakeBody>;

/** The body of POST /api/cases/:id/actions: one action and its fields, plus the version the client saw. */
export const ActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('register'), version: z.number().int(), note: z.string().max(500).optional() }).strict(),
  z.object({ action: z.literal('void'), version: z.number().int(), reason: Text(500) }).strict(),
  z
    .object({
      action: z.literal('dispatch'),
      version: z.number().int(),
      triage: Triage,
      organisationId: z.number().int().positive().optional(),
      nodeId: z.number().int().positive().optional().describe('a community or street handles it itself'),
      mediatorId: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('a private matter: the user id of the named mediator (和事佬)'),
      overrideReason: z
        .string()
        .trim()
        .max(500)
        .optional()
        .describe('required when not following the suggested handler'),
      note: z.string().max(500).optional(),
    })
    .strict(),
  z.object({ action: z.literal('accept'), version: z.number().int() }).strict(),
  z.object({ action: z.literal('return'), version: z.number().int(), reason: Text(500) }).strict(),
  z
    .object({
      action: z.literal('request_extension'),
      version: z.number().int(),
      workingDays: z.number().int().min(1).max(60),
      reason: Text(500),
    })
    .strict(),
  z
    .object({
      action: z.literal('decide_extension'),
      version: z.number().int(),
      approve: z.boolean(),
      note: z.string().max(500).optional(),
    })
    .strict(),
  z.object({ action: z.literal('reply'), version: z.number().int(), result: Text(2000), photos: Photos }).strict(),
  z
    .object({
      action: z.literal('verify'),
      version: z.number().int(),
      pass: z.boolean(),
      note: z.string().max(500).optional(),
      photos: Photos,
    })
    .strict(),
  z
    .object({ action: z.literal('shelve'), version: z.number().int(), reason: Text(500), reviewOn: z.iso.date() })
    .strict(),
  z.object({ action: z.literal('unshelve'), version: z.number().int(), note: z.string().max(500).optional() }).strict(),
  z
    .object({
      action: z.literal('rate'),
      version: z.number().int(),
      rating: Rating,
      comment: z.string().trim().max(500).optional(),
    })
    .strict(),
  z.object({ action: z.literal('reopen'), version: z.number().int(), reason: Text(500) }).strict(),
  z.object({ action: z.literal('urge'), version: z.number().int(), note: Text(500) }).strict(),
  z
    .object({
      action: z.literal('whistle'),
      version: z.number().int(),
      organisationIds: z.array(z.number().int().positive()).min(1).max(10),
      note: Text(500),
      reportInHours: z
        .number()
        .int()
        .min(1)
        .max(72)
        .default(2)
        .describe('working hours each summoned department or partner unit has to report in'),
    })
    .strict(),
  z.object({ action: z.literal('report_in'), version: z.number().int(), note: Text(500) }).strict(),
  z.object({ action: z.literal('comment'), version: z.number().int(), note: Text(1000), photos: Photos }).strict(),
]);
export type ActionBody = z.infer<typeof ActionBody>;

export const CaseSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  version: z.number().int(),
  channel: Channel,
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  status: CaseStatus,
  triage: Triage.nullable(),
  gridId: z.number().int(),
  gridName: z.string(),
  location: Point.nullable(),
  address: z.string().nullable(),
  assigneeName: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  supportCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** In inbox lists: when the viewer's organisation must report in (报到), while a whistle's summons waits for it. */
  reportInDueAt: z.string().nullable().optional(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  fromStatus: CaseStatus.nullable(),
  toStatus: CaseStatus.nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  photos: z.array(z.string()),
});

/** One organisation summoned by a whistle (吹哨): when it must report in, whether it has, and whether it missed the time. */
export const Summons = z.object({
  organisationId: z.number().int(),
  organisationName: z.string(),
  organisationKind: z.string(),
  reportInDueAt: z.string(),
  reportedInAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type Summons = z.infer<typeof Summons>;

export const CaseDetail = CaseSummary.extend({
  selfHandled: z.boolean(),
  assigneeOrganisationId: z.number().int().nullable(),
  assigneeNodeId: z.number().int().nullable(),
  assigneeUserId: z.number().int().nullable(),
  summons: z.array(Summons),
  suggestedOrganisationId: z.number().int().nullable(),
  extensionPending: z.boolean(),
  rating: Rating.nullable(),
  ratingComment: z.string().nullable(),
  reviewPending: z.boolean(),
  returnCount: z.number().int(),
  reworkCount: z.number().int(),
  extensionCount: z.number().int(),
  urgeCount: z.number().int(),
  reporterName: z.string().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  /** The resident and household the case is about; the case page reads them through the people module's scoped read. */
  residentId: z.number().int().nullable(),
  householdNodeId: z.number().int().nullable(),
  photos: z.array(z.string()),
  closedAt: z.string().nullable(),
  shelvedUntil: z.string().nullable(),
  /** Actions this viewer may take now (state machine ∩ policy). */
  actions: z.array(CaseAction),
  timeline: z.array(CaseEvent),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const INBOXES = ['todo', 'due_soon', 'overdue', 'done', 'all'] as const;
export const CaseListQuery = PageQuery.extend({
  box: z.enum(INBOXES).default('todo'),
  status: CaseStatus.optional(),
  categoryCode: z.string().max(10).optional(),
  channel: Channel.optional(),
  nodeId: z.coerce.number().int().positive().optional().describe('cases under this territory node'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  overdue: QueryBool.optional(),
  q: z.string().trim().max(100).optional().describe('text search (Chinese)'),
}).strict();
export const CasePage = pageOf(CaseSummary);

export const Category = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  parentCode: z.string().nullable(),
  kind: z.enum(['asset', 'event', 'community']),
  triageDefault: Triage.nullable(),
  limits: z
    .record(z.string(), z.object({ amount: z.number(), unit: z.enum(['working_hours', 'working_days', 'hours']) }))
    .nullable(),
  requiredFields: z.array(z.string()),
  active: z.boolean(),
});
export const CategoryList = z.object({ items: z.array(Category) });

const Limit = z
  .object({ amount: z.number().positive().max(10_000), unit: z.enum(['working_hours', 'working_days', 'hours']) })
  .strict();
export const CategoryPatch = z
  .object({
    name: z.string().trim().min(1).max(50).optional(),
    triageDefault: Triage.optional(),
    limits: z
      .object({ register: Limit, dispatch: Limit, accept: Limit, handle: Limit, verify: Limit })
      .partial()
      .strict()
      .optional(),
    requiredFields: z.array(z.enum(['location', 'photos'])).optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const RuleBody = z
  .object({
    categoryCode: z.string().regex(/^[A-Z]\d{2}(\d{2})?$/, '类别或大类编码'),
    nodeId: z.number().int().positive(),
    organisationId: z.number().int().positive(),
  })
  .strict();
export const Rule = RuleBody.extend({ id: z.number().int(), nodeName: z.string(), organisationName: z.string() });
export const RuleList = z.object({ items: z.array(Rule) });
/** Who may mediate a private matter of a case: mediators bound to its grid (the grid's party member) or its community. */
export const MediatorList = z.object({
  items: z.array(
    z.object({ id: z.number().int(), name: z.string(), nodeName: z.string(), nodeKind: z.enum(['grid', 'community']) }),
  ),
});
export type MediatorList = z.infer<typeof MediatorList>;

export const MergeBody = z.object({ intoId: z.number().int().positive() }).strict();
