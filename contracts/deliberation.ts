// Deliberation (议事协商): residents' proposals and their support, triage, councils with members and meeting days,
// meetings with agenda and minutes, votes (open or secret ballot), resolutions followed to done and published (公示).
import { z } from 'zod';
import { pageOf, PageQuery } from './common';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Photos = z.array(z.string().uuid().toLowerCase()).max(9).default([]);
const Point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

export const PROPOSAL_CATEGORIES = ['environment', 'facilities', 'safety', 'property', 'activities', 'other'] as const;
export const ProposalCategory = z.enum(PROPOSAL_CATEGORIES);
/** A suggestion (金点子) asks for nothing to be decided; a proposal (居民提案) asks a council to decide. */
export const ProposalKind = z.enum(['suggestion', 'proposal']);
/** open: waiting for triage; agenda: on a council's agenda; case: sent to the case loop; answered; resolved. */
export const PROPOSAL_STATUSES = ['open', 'agenda', 'case', 'answered', 'resolved'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);

export const CreateProposalBody = z
  .object({
    kind: ProposalKind.default('proposal'),
    category: ProposalCategory,
    title: Text(60),
    text: Text(2000),
    photos: Photos,
    /** The place it concerns: a node (community, grid, estate, building) the author may see, and an optional point. */
    nodeId: z.number().int().positive(),
    place: z.string().trim().max(100).optional(),
    location: Point.optional(),
    /** Staff filing a paper proposal for a resident (纸质提案): the resident it comes from. */
    onBehalfOfResidentId: z.number().int().positive().optional(),
  })
  .strict();
export type CreateProposalBody = z.infer<typeof CreateProposalBody>;

export const Proposal = z.object({
  id: z.number().int(),
  kind: ProposalKind,
  category: ProposalCategory,
  title: z.string(),
  text: z.string(),
  photos: z.array(z.string()),
  nodeId: z.number().int(),
  nodeName: z.string(),
  place: z.string().nullable(),
  status: ProposalStatus,
  supports: z.number().int(),
  /** Past the support threshold of a council over its place and still not on an agenda. */
  overdueForAgenda: z.boolean(),
  /** Filed on paper by a worker for a resident. */
  onPaper: z.boolean(),
  filedByName: z.string().nullable(),
  /** The author as staff see it (masked for nobody: staff of the area); null on residents' views of others'. */
  authorName: z.string().nullable(),
  answer: z.string().nullable(),
  caseId: z.number().int().nullable(),
  councilId: z.number().int().nullable(),
  createdAt: z.string(),
  supportedByMyHousehold: z.boolean(),
  followedByMe: z.boolean(),
  mine: z.boolean(),
});
export const ProposalQuery = PageQuery.extend({
  status: ProposalStatus.optional(),
  /** The triage queue: open ones, overdue first. */
  queue: z.stringbool().optional(),
  mine: z.stringbool().optional(),
}).strict();
export const ProposalPage = pageOf(Proposal);

export const SupportBody = z
  .object({ onBehalfOfResidentId: z.number().int().positive().optional() })
  .strict()
  .default({});

export const TriageBody = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('case'),
      categoryCode: z.string().regex(/^[A-Z]\d{4}$/),
      gridId: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      outcome: z.literal('agenda'),
      councilId: z.number().int().positive(),
      meetingId: z.number().int().positive().optional(),
    })
    .strict(),
  z.object({ outcome: z.literal('answer'), answer: Text(1000) }).strict(),
]);
export type TriageBody = z.infer<typeof TriageBody>;

// Councils
export const COUNCIL_KINDS = ['residents', 'tri_party', 'joint'] as const;
export const CouncilKind = z.enum(COUNCIL_KINDS);
export const CouncilLevel = z.enum(['grid', 'community', 'street']);
/** One vote per household (the registry's) or one per member. */
export const VoteRule = z.enum(['household', 'member']);
export const MemberRole = z.enum(['chair', 'secretary', 'member']);

export const CreateCouncilBody = z
  .object({
    nodeId: z.number().int().positive(),
    kind: CouncilKind,
    name: Text(60),
    voteRule: VoteRule,
    /** Residents of the area may vote on the council's votes (with voteRule 'household'). */
    openToResidents: z.boolean().default(false),
    /** Ballots needed for a vote to count. */
    quorum: z.number().int().min(1).max(100000),
    /** Supporting households after which a proposal of the area must go onto this council's agenda. */
    supportThreshold: z.number().int().min(1).max(100000),
    /** RFC 5545 RRULE of the meeting days, e.g. FREQ=MONTHLY;BYMONTHDAY=6,16,26 (逢六说事). */
    meetingRule: z.string().trim().max(200).optional(),
  })
  .strict();
export type CreateCouncilBody = z.infer<typeof CreateCouncilBody>;

export const AddMemberBody = z
  .object({
    role: MemberRole,
    userId: z.number().int().positive().optional(),
    residentId: z.number().int().positive().optional(),
    organisationId: z.number().int().positive().optional(),
    name: Text(40),
  })
  .strict();

export const Member = z.object({
  id: z.number().int(),
  role: MemberRole,
  name: z.string(),
  userId: z.number().int().nullable(),
  organisationId: z.number().int().nullable(),
});

export const Council = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  nodeName: z.string(),
  level: CouncilLevel,
  kind: CouncilKind,
  name: z.string(),
  voteRule: VoteRule,
  openToResidents: z.boolean(),
  quorum: z.number().int(),
  supportThreshold: z.number().int(),
  meetingRule: z.string().nullable(),
  /** The next meeting days from the rule (China dates). */
  nextMeetingDays: z.array(z.string()),
  members: z.array(Member),
  canManage: z.boolean(),
});
export const CouncilList = z.object({ items: z.array(Council) });

// Meetings and agenda
export const CreateMeetingBody = z.object({ startsAt: z.iso.datetime({ offset: true }), place: Text(100) }).strict();
export const AgendaItem = z.object({
  id: z.number().int(),
  councilId: z.number().int(),
  meetingId: z.number().int().nullable(),
  proposalId: z.number().int().nullable(),
  title: z.string(),
  /** pending: to be discussed; decided; passed_up: sent to a higher council with its record. */
  status: z.enum(['pending', 'decided', 'passed_up']),
  /** The record carried from a lower council (minutes excerpt and vote result) when passed up. */
  passedFrom: z.object({ councilName: z.string(), record: z.string() }).nullable(),
});
export const AddAgendaBody = z
  .object({
    title: Text(100),
    proposalId: z.number().int().positive().optional(),
    itemId: z.number().int().positive().optional(),
  })
  .strict();
export const PassUpBody = z.object({ councilId: z.number().int().positive(), record: Text(2000) }).strict();
export const MeetingBody = z
  .object({
    attendance: z.array(z.number().int().positive()).max(500).optional(),
    minutes: z.string().trim().max(10000).optional(),
    status: z.enum(['planned', 'held']).optional(),
  })
  .strict();
export const Meeting = z.object({
  id: z.number().int(),
  councilId: z.number().int(),
  councilName: z.string(),
  startsAt: z.string(),
  place: z.string(),
  status: z.enum(['planned', 'held']),
  minutes: z.string().nullable(),
  attendance: z.array(z.number().int()),
  agenda: z.array(AgendaItem),
});
export const MeetingList = z.object({ items: z.array(Meeting) });

// Votes
export const Choice = z.enum(['yes', 'no', 'abstain']);
export const Ballot = z.enum(['open', 'secret']);
export const VoteStatus = z.enum(['draft', 'open', 'closed']);
export const CreateVoteBody = z
  .object({ agendaItemId: z.number().int().positive(), question: Text(200), ballot: Ballot })
  .strict();
export const CastBody = z
  .object({
    choice: Choice,
    /** A proxy vote (代投) by staff for an elderly resident: the resident and the written record of the proxy. */
    proxy: z
      .object({
        residentId: z.number().int().positive(),
        proxyName: Text(40),
        /** The paper authorisation: its number or description (委托书). */
        record: z.string().trim().max(200),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CastBody = z.infer<typeof CastBody>;
export const Tally = z.object({
  yes: z.number().int(),
  no: z.number().int(),
  abstain: z.number().int(),
  ballots: z.number().int(),
  quorum: z.number().int(),
  quorumMet: z.boolean(),
  /** Quorum met and more yes than no and abstain together (a majority of ballots cast). */
  passed: z.boolean(),
});
export const Vote = z.object({
  id: z.number().int(),
  councilId: z.number().int(),
  agendaItemId: z.number().int(),
  question: z.string(),
  ballot: Ballot,
  status: VoteStatus,
  voteRule: VoteRule,
  openToResidents: z.boolean(),
  /** How many have voted so far (the roll's length); the choices stay hidden until close. */
  turnout: z.number().int(),
  result: Tally.nullable(),
  /** Whether the caller (their household, or they as a member) has voted. */
  votedByMe: z.boolean(),
  canVote: z.boolean(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export const VoteList = z.object({ items: z.array(Vote) });
export const CastResult = z.object({ voteId: z.number().int(), recorded: z.literal(true), byProxy: z.boolean() });
export const RollEntry = z.object({ voter: z.string(), byProxy: z.boolean(), choice: Choice.nullable() });
export const Roll = z.object({ items: z.array(RollEntry) });

// Resolutions
export const ResolutionStatus = z.enum(['open', 'in_progress', 'done']);
export const CreateResolutionBody = z
  .object({
    voteId: z.number().int().positive(),
    title: Text(100),
    text: Text(2000),
    /** Who carries it out: a unit or a role, not a person's name (it is published). */
    owner: Text(60),
    dueOn: z.iso.date(),
  })
  .strict();
export const ProgressBody = z
  .object({ note: Text(500), percent: z.number().int().min(0).max(100), done: z.boolean().default(false) })
  .strict();
/** Without gridId or location the case takes the point of the proposal the resolution came from. */
export const ResolutionToCaseBody = z
  .object({
    categoryCode: z.string().regex(/^[A-Z]\d{4}$/),
    gridId: z.number().int().positive().optional(),
    location: Point.optional(),
  })
  .strict();
export const Resolution = z.object({
  id: z.number().int(),
  councilId: z.number().int(),
  /** The vote it records (one resolution per vote). */
  voteId: z.number().int(),
  /** The residents' proposal it settles, when it came from one (the proposal's page shows its progress). */
  proposalId: z.number().int().nullable(),
  councilName: z.string(),
  nodeName: z.string(),
  title: z.string(),
  text: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  status: ResolutionStatus,
  percent: z.number().int(),
  caseId: z.number().int().nullable(),
  /** The case's own status when it became one (followed to done). */
  caseStatus: z.string().nullable(),
  result: Tally.nullable(),
  progress: z.array(z.object({ at: z.string(), note: z.string(), percent: z.number().int() })),
  createdAt: z.string(),
});
export const ResolutionList = z.object({ items: z.array(Resolution) });
