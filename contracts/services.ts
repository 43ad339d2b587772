// The service hall (一网通办): catalogue of classes and items, duty lists, applications and their state machine.
import { z } from 'zod';
import { pageOf, PageQuery, QueryBool } from './common';
import { Appointment, AppointmentAction, AppointmentBody } from './services-hall';

/** How an item can be asked for: at the hall, door-to-door (上门), online, or a proxy errand (代办). */
export const SERVICE_CHANNELS = ['hall', 'door', 'online', 'proxy'] as const;
export const ServiceChannel = z.enum(SERVICE_CHANNELS);
export type ServiceChannel = z.infer<typeof ServiceChannel>;

/** The community's three duty lists: 依法履职 (own duties), 协助 (assisting), 负面清单 (may not be handed to it). */
export const DUTY_LISTS = ['own', 'assist', 'negative'] as const;
export const DutyList = z.enum(DUTY_LISTS);
export type DutyList = z.infer<typeof DutyList>;

/**
 * One condition of who may apply, over registry facts. Every condition must hold.
 * - age: years on the day of applying, at least `min` and/or at most `max`;
 * - tag: the resident holds one of the person tags;
 * - residence: the residence type is one of these;
 * - territory: the household lies under one of these territory nodes.
 */
export const EligibilityCondition = z.discriminatedUnion('fact', [
  z.object({ fact: z.literal('age'), min: z.number().int().min(0).optional(), max: z.number().int().optional() }),
  z.object({ fact: z.literal('tag'), anyOf: z.array(z.string().max(40)).min(1) }),
  z.object({ fact: z.literal('residence'), anyOf: z.array(z.string().max(20)).min(1) }),
  z.object({ fact: z.literal('territory'), nodeIds: z.array(z.number().int().positive()).min(1) }),
]);
export type EligibilityCondition = z.infer<typeof EligibilityCondition>;

export const MaterialSpec = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(100),
  example: z.string().max(300).nullable().default(null),
  required: z.boolean().default(true),
});
export type MaterialSpec = z.infer<typeof MaterialSpec>;

export const ServiceItem = z.object({
  code: z.string(),
  classCode: z.string(),
  className: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  materials: z.array(MaterialSpec),
  eligibility: z.array(EligibilityCondition),
  limitDays: z.number().int().nullable().describe('promised working days on the business calendar'),
  responseMinutes: z.number().int().nullable().describe('即时办: the answer within these minutes'),
  handler: z.enum(['community', 'department']),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  channels: z.array(ServiceChannel),
  fee: z.string().nullable(),
  enabled: z.boolean().describe('switched on in the asking community (or anywhere, for the catalogue keeper)'),
});
export type ServiceItem = z.infer<typeof ServiceItem>;

export const CatalogueQuery = z
  .object({
    q: z.string().trim().max(50).optional().describe('Chinese, full pinyin or initials'),
    classCode: z.string().max(20).optional(),
    nodeId: z.coerce.number().int().positive().optional().describe('the community whose switches to show'),
    all: QueryBool.optional().describe('also items switched off (catalogue keepers only)'),
  })
  .strict();
export const ServiceClass = z.object({ code: z.string(), name: z.string(), items: z.array(ServiceItem) });
export const Catalogue = z.object({ classes: z.array(ServiceClass) });

/** The editable fields of an item; a time limit is either working days or, for 即时办 items, response minutes. */
const itemFields = {
  name: z.string().trim().min(1).max(100),
  classCode: z.string().min(1).max(40),
  description: z.string().trim().max(1000).nullable(),
  materials: z.array(MaterialSpec).max(30),
  eligibility: z.array(EligibilityCondition).max(10),
  limitDays: z.number().int().min(1).max(365).nullable(),
  responseMinutes: z.number().int().min(1).max(1440).nullable(),
  organisationId: z.number().int().positive().nullable().describe('the deciding department; null: the community'),
  channels: z.array(ServiceChannel).min(1),
  fee: z.string().trim().max(100).nullable(),
};
export const ItemPatch = z
  .object({
    name: itemFields.name.optional(),
    classCode: itemFields.classCode.optional(),
    description: itemFields.description.optional(),
    materials: itemFields.materials.optional(),
    eligibility: itemFields.eligibility.optional(),
    limitDays: itemFields.limitDays.optional(),
    responseMinutes: itemFields.responseMinutes.optional(),
    organisationId: itemFields.organisationId.optional(),
    channels: itemFields.channels.optional(),
    fee: itemFields.fee.optional(),
  })
  .strict();
export type ItemPatch = z.infer<typeof ItemPatch>;
export const ItemCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _ (2–40), starting with a letter');
export const ItemCreate = z
  .object({
    code: ItemCode,
    ...itemFields,
    description: itemFields.description.default(null),
    materials: itemFields.materials.default([]),
    eligibility: itemFields.eligibility.default([]),
    limitDays: itemFields.limitDays.default(null),
    responseMinutes: itemFields.responseMinutes.default(null),
    organisationId: itemFields.organisationId.default(null),
    fee: itemFields.fee.default(null),
  })
  .strict();
export type ItemCreate = z.infer<typeof ItemCreate>;
export const ClassBody = z.object({ code: ItemCode, name: z.string().trim().min(1).max(50) }).strict();
export const ServiceClassRow = z.object({ code: z.string(), name: z.string() });
export const SwitchBody = z.object({ nodeId: z.number().int().positive(), enabled: z.boolean() }).strict();

export const DutyEntry = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  list: DutyList,
  matter: z.string(),
  itemCode: z.string().nullable(),
});
export const DutyBody = z
  .object({
    nodeId: z.number().int().positive(),
    list: DutyList,
    matter: z.string().trim().min(1).max(200),
    itemCode: z.string().max(40).nullable().default(null),
  })
  .strict();
export const DutyPatch = z
  .object({
    list: DutyList.optional(),
    matter: z.string().trim().min(1).max(200).optional(),
    itemCode: z.string().max(40).nullable().optional(),
  })
  .strict();
export const DutyQuery = z.object({ nodeId: z.coerce.number().int().positive() }).strict();

/** The answer of an eligibility check: each failing condition in plain words in the asker's language. */
export const EligibilityResult = z.object({
  eligible: z.boolean(),
  failures: z.array(z.object({ fact: z.string(), message: z.string() })),
});
export const EligibilityQuery = z
  .object({ residentId: z.coerce.number().int().positive().optional().describe('staff checking for a resident') })
  .strict();

export const APPLICATION_STATUSES = [
  'submitted',
  'needs_material',
  'handling',
  'forwarded',
  'approved',
  'refused',
  'issued',
] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
export const CLOSED_STATUSES: readonly ApplicationStatus[] = ['approved', 'refused', 'issued'];

export const APPLICATION_ACTIONS = [
  'review_material',
  'add_material',
  'accept',
  'forward',
  'decide',
  'custody',
  'rate',
] as const;
export const ApplicationAction = z.enum(APPLICATION_ACTIONS);
export type ApplicationAction = z.infer<typeof ApplicationAction>;

const OPEN_ACTS: ApplicationAction[] = ['review_material', 'accept', 'forward', 'decide', 'custody'];
/** Which actions the state allows (the policy narrows them to the actor's part). */
export const ACTIONS_BY_STATUS: Record<ApplicationStatus, readonly ApplicationAction[]> = {
  submitted: OPEN_ACTS,
  needs_material: ['review_material', 'add_material', 'custody'],
  handling: ['review_material', 'forward', 'decide', 'custody'],
  forwarded: ['decide', 'custody'],
  approved: ['rate', 'custody'],
  refused: ['rate', 'custody'],
  issued: ['rate', 'custody'],
};

export const CUSTODY_STEPS = ['received', 'handed_over', 'returned'] as const;
export const CustodyStep = z.enum(CUSTODY_STEPS);

export const MaterialState = z.enum(['pending', 'accepted', 'more_needed']);
export const ApplicationMaterial = z.object({
  code: z.string(),
  name: z.string(),
  status: MaterialState,
  reason: z.string().nullable(),
  files: z.array(z.object({ id: z.string(), mime: z.string(), url: z.string() })),
});

export const ApplicationEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const ApplicationSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  status: ApplicationStatus,
  channel: ServiceChannel,
  applicantName: z.string().describe('masked for staff lists'),
  nodeId: z.number().int(),
  nodeName: z.string().nullable(),
  organisationName: z.string().nullable(),
  onBehalf: z.boolean(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  appointmentAt: z.string().nullable().describe('the booked hall slot (预约到厅), if any'),
});
export const ApplicationDetail = ApplicationSummary.extend({
  note: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  submittedByName: z.string().nullable(),
  materials: z.array(ApplicationMaterial),
  events: z.array(ApplicationEvent),
  allowedActions: z.array(ApplicationAction),
  appointment: Appointment.nullable(),
  appointmentActions: z.array(AppointmentAction).describe('what the actor may do with the hall appointment now'),
  version: z.number().int(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;
export const ApplicationPage = pageOf(ApplicationSummary);

export const ApplicationListQuery = PageQuery.extend({
  status: ApplicationStatus.optional(),
  itemCode: z.string().max(40).optional(),
  overdue: QueryBool.optional(),
  mine: QueryBool.optional().describe('only applications the actor made or is the applicant of'),
  appointmentOn: z.iso.date().optional().describe('only those with a hall appointment on this China date'),
}).strict();

export const MaterialFiles = z.object({ code: z.string().max(40), fileIds: z.array(z.string().uuid()).min(1).max(10) });
export const ApplyBody = z
  .object({
    itemCode: z.string().max(40),
    channel: ServiceChannel.default('online'),
    note: z.string().trim().max(1000).optional(),
    materials: z.array(MaterialFiles).max(30).default([]),
    residentId: z.number().int().positive().optional().describe('staff applying on behalf of a registered resident'),
    /** 上门办结: a grid or community worker handled it at the door in one tap (closed at once). */
    doneAtDoor: z.boolean().optional(),
    /** 预约到厅: a free slot at the community's hall (channel 'hall'). */
    appointment: AppointmentBody.optional(),
  })
  .strict();

export const ActionBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('review_material'),
    version: z.number().int(),
    code: z.string().max(40),
    verdict: z.enum(['accepted', 'more_needed']),
    reason: z.string().trim().max(500).optional(),
  }),
  z.object({ action: z.literal('add_material'), version: z.number().int(), material: MaterialFiles }),
  z.object({ action: z.literal('accept'), version: z.number().int() }),
  z.object({
    action: z.literal('forward'),
    version: z.number().int(),
    organisationId: z.number().int().positive(),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({
    action: z.literal('decide'),
    version: z.number().int(),
    outcome: z.enum(['approved', 'refused', 'issued']),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({
    action: z.literal('custody'),
    version: z.number().int(),
    step: CustodyStep,
    party: z.string().trim().min(1).max(100).describe('who handed over or received'),
    signatureFileId: z.string().uuid().optional().describe('a photo of the signature or hand-over'),
  }),
  z.object({
    action: z.literal('rate'),
    version: z.number().int(),
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(500).optional(),
  }),
]);
export type ActionBody = z.infer<typeof ActionBody>;

export const ServiceFile = z.object({
  id: z.string().uuid(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
});

export const ServiceMetricsQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    by: z.enum(['community', 'item', 'month']).default('community'),
  })
  .strict();
export const ServiceMetricRow = z.object({
  key: z.string(),
  label: z.string(),
  received: z.number().int(),
  handled: z.number().int(),
  onTime: z.number().int(),
  atDoor: z.number().int(),
  atDoorShare: z.number().nullable().describe('at the door / handled'),
  onTimeShare: z.number().nullable().describe('on time / handled'),
  medianHours: z.number().nullable(),
  satisfaction: z.number().nullable(),
});
export const ServiceMetrics = z.object({
  rows: z.array(ServiceMetricRow),
  total: ServiceMetricRow.describe('the same figures over every row (not a sum of shares or medians)'),
});
/** The community (or any node the reader measures) and the [from, to) day range of a service ledger. */
export const ServiceLedgerQuery = z
  .object({
    nodeId: z.coerce.number().int().positive(),
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .strict();
