// Co-building: agreements with partner units, members reported in, resources they offer, needs and the projects made of them.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory';
import { organisations } from '../organisations';
import { users } from '../users';

const at = (name: string) => timestamp(name, { withTimezone: true });
const created = () =>
  at('created_at')
    .notNull()
    .default(sql`now()`);

/** 共驻共建协议: a unit and a community, a term; the unit's party organisation reports in with it. */
export const cobuildAgreements = pgTable(
  'cobuild_agreements',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    communityId: integer('community_id')
      .notNull()
      .references(() => territoryNodes.id),
    nodePath: text('node_path').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    partyOrgName: text('party_org_name').notNull(),
    reportedAt: at('reported_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: created(),
  },
  (t) => [
    index('cobuild_agreements_path_idx').using('btree', t.nodePath.op('text_pattern_ops')),
    uniqueIndex('cobuild_agreements_org_community_uq').on(t.organisationId, t.communityId, t.startsOn),
  ],
);

/** 在职党员报到: a member in the community where they live, linked to their registry record and their unit. */
export const cobuildMembers = pgTable(
  'cobuild_members',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    communityId: integer('community_id')
      .notNull()
      .references(() => territoryNodes.id),
    nodePath: text('node_path').notNull(),
    residentId: integer('resident_id'),
    unitOrganisationId: integer('unit_organisation_id').references(() => organisations.id),
    unitName: text('unit_name').notNull(),
    annualCommitment: integer('annual_commitment').notNull(),
    year: integer('year').notNull(),
    reportedAt: at('reported_at').notNull(),
  },
  (t) => [
    uniqueIndex('cobuild_members_user_uq').on(t.userId),
    index('cobuild_members_path_idx').using('btree', t.nodePath.op('text_pattern_ops')),
    index('cobuild_members_unit_idx').on(t.unitOrganisationId),
  ],
);

/** 资源清单: a commitment of an agreement or an offer of a member. */
export const cobuildResources = pgTable(
  'cobuild_resources',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id')
      .notNull()
      .references(() => territoryNodes.id),
    nodePath: text('node_path').notNull(),
    agreementId: integer('agreement_id').references(() => cobuildAgreements.id),
    memberId: integer('member_id').references(() => cobuildMembers.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    createdAt: created(),
  },
  (t) => [index('cobuild_resources_path_idx').using('btree', t.nodePath.op('text_pattern_ops'))],
);

/** 需求清单: a resident's need (点单), posted by them, by a worker for them, or taken from a case. */
export const cobuildNeeds = pgTable(
  'cobuild_needs',
  {
    id: serial('id').primaryKey(),
    communityId: integer('community_id')
      .notNull()
      .references(() => territoryNodes.id),
    nodePath: text('node_path').notNull(),
    title: text('title').notNull(),
    detail: text('detail'),
    category: text('category').notNull(),
    source: text('source').notNull(),
    caseId: integer('case_id'),
    /** The resident who asked (a portal need), who follows and rates it. */
    requesterUserId: integer('requester_user_id').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    status: text('status').notNull().default('open'),
    createdAt: created(),
  },
  (t) => [
    index('cobuild_needs_path_idx').using('btree', t.nodePath.op('text_pattern_ops'), t.id),
    index('cobuild_needs_requester_idx').on(t.requesterUserId),
    uniqueIndex('cobuild_needs_case_uq').on(t.caseId),
  ],
);

/** 项目清单: a need matched with an owner (member or unit) and maybe a resource, through 派单 → 接单 → 办结 → 评价. */
export const cobuildProjects = pgTable(
  'cobuild_projects',
  {
    id: serial('id').primaryKey(),
    needId: integer('need_id')
      .notNull()
      .references(() => cobuildNeeds.id),
    communityId: integer('community_id')
      .notNull()
      .references(() => territoryNodes.id),
    nodePath: text('node_path').notNull(),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    ownerOrganisationId: integer('owner_organisation_id').references(() => organisations.id),
    resourceId: integer('resource_id').references(() => cobuildResources.id),
    status: text('status').notNull().default('dispatched'),
    dueAt: at('due_at').notNull(),
    dispatchedBy: integer('dispatched_by').references(() => users.id),
    takenAt: at('taken_at'),
    takenBy: integer('taken_by').references(() => users.id),
    doneAt: at('done_at'),
    doneBy: integer('done_by').references(() => users.id),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: at('rated_at'),
    reminded: boolean('reminded').notNull().default(false),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('cobuild_projects_need_uq').on(t.needId),
    index('cobuild_projects_path_idx').using('btree', t.nodePath.op('text_pattern_ops'), t.id),
    index('cobuild_projects_owner_user_idx').on(t.ownerUserId),
    index('cobuild_projects_owner_org_idx').on(t.ownerOrganisationId),
  ],
);

/** Progress notes and milestones of a project. */
export const cobuildProjectNotes = pgTable(
  'cobuild_project_notes',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => cobuildProjects.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    authorId: integer('author_id').references(() => users.id),
    authorName: text('author_name'),
    at: created(),
  },
  (t) => [index('cobuild_project_notes_project_idx').on(t.projectId)],
);
