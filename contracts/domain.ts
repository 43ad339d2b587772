// Enums of the domain shared by server and web: roles, territory kinds, organisation kinds.
import { z } from 'zod';

export const ROLES = [
  'district_admin',
  'street_officer',
  'community_worker',
  'grid_worker',
  'department_handler',
  'property_staff',
  'volunteer',
  'mediator',
  'resident',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles bound to an organisation (department, property company) rather than a territory node. */
export const ORGANISATION_ROLES: readonly Role[] = ['department_handler', 'property_staff'];

/** Rank of each territorial role: a user may only grant roles ranked below their own. */
export const ROLE_RANK: Record<Role, number> = {
  district_admin: 100,
  street_officer: 80,
  community_worker: 60,
  grid_worker: 40,
  department_handler: 40,
  property_staff: 30,
  volunteer: 20,
  mediator: 20,
  resident: 10,
};

export const NODE_KINDS = ['district', 'street', 'community', 'grid', 'estate', 'building', 'household'] as const;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

/** Which kind of node may sit under which. A grid can hold estates, or buildings directly (old streets). */
export const CHILD_KINDS: Record<NodeKind, readonly NodeKind[]> = {
  district: ['street'],
  street: ['community'],
  community: ['grid'],
  grid: ['estate', 'building'],
  estate: ['building'],
  building: ['household'],
  household: [],
};

/**
 * Digits each kind adds to its parent's code (DOMAIN.md §2): a 6-digit GB/T 2260 region code,
 * then street 3, community 3, grid 3 (15 digits, as Beijing numbers unit grids), estate 3,
 * building 3, household 4.
 */
export const CODE_SEGMENT: Record<NodeKind, number> = {
  district: 6,
  street: 3,
  community: 3,
  grid: 3,
  estate: 3,
  building: 3,
  household: 4,
};

/** Which role binds to which kind of node. */
export const ROLE_NODE_KIND: Partial<Record<Role, readonly NodeKind[]>> = {
  district_admin: ['district'],
  street_officer: ['street'],
  community_worker: ['community'],
  grid_worker: ['grid'],
  volunteer: ['community'],
  // 和事佬: the grid's party member who mediates, or a mediator of the whole community; private matters go to them by name.
  mediator: ['grid', 'community'],
  // A resident who signed up in the portal and has no confirmed household yet is bound to the district.
  resident: ['household', 'building', 'estate', 'district'],
};

export const GRID_KINDS = ['general', 'dedicated'] as const;
export const GridKind = z.enum(GRID_KINDS);

export const PARTY_ORG_KINDS = [
  'street_committee',
  'community_committee',
  'grid_branch',
  'building_group',
  'member_household',
] as const;
export const PartyOrgKind = z.enum(PARTY_ORG_KINDS);
export type PartyOrgKind = z.infer<typeof PartyOrgKind>;

export const PARTY_CHILD_KINDS: Record<PartyOrgKind, readonly PartyOrgKind[]> = {
  street_committee: ['community_committee'],
  community_committee: ['grid_branch'],
  grid_branch: ['building_group'],
  building_group: ['member_household'],
  member_household: [],
};

/** The territory kind a party organisation of each kind is attached to. */
export const PARTY_NODE_KIND: Record<PartyOrgKind, NodeKind> = {
  street_committee: 'street',
  community_committee: 'community',
  grid_branch: 'grid',
  building_group: 'building',
  member_household: 'household',
};

export const ORGANISATION_KINDS = ['department', 'partner_unit', 'property_company', 'social_organisation'] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;
