// Converting role bindings between the API shape and the form shape, and which roles the caller may grant.
import { ORGANISATION_ROLES, ROLE_RANK, ROLES, type Role } from '../../../contracts/domain';
import type { OrganisationKind } from '../../../contracts/domain';
import type { BindingInput, Me, RoleBinding } from '../../lib/types';
import type { NodeOption } from '../territory/NodePicker';
import type { OrganisationOption } from '../organisations/OrganisationPicker';

export type BindingValue = { role?: Role; node?: NodeOption | null; organisation?: OrganisationOption | null };

/** The organisation kind each organisation-bound role belongs to. */
export const ROLE_ORGANISATION_KIND: Partial<Record<Role, OrganisationKind>> = {
  department_handler: 'department',
  property_staff: 'property_company',
};

export function isOrganisationRole(role: Role | undefined): boolean {
  return role !== undefined && ORGANISATION_ROLES.includes(role);
}

/** Roles ranked below the caller's highest role (the server enforces the same rule). */
export function grantableRoles(me: Me): Role[] {
  const top = Math.max(0, ...me.bindings.map((b) => ROLE_RANK[b.role]));
  return ROLES.filter((role) => ROLE_RANK[role] < top);
}

export function toFormBindings(bindings: RoleBinding[]): BindingValue[] {
  return bindings.map((b) => ({
    role: b.role,
    node: b.nodeId !== null ? { value: b.nodeId, label: b.nodeName ?? `#${b.nodeId}` } : null,
    organisation:
      b.organisationId !== null
        ? { value: b.organisationId, label: b.organisationName ?? `#${b.organisationId}` }
        : null,
  }));
}

export function toBindingInputs(values: BindingValue[]): BindingInput[] {
  return values
    .filter((v): v is BindingValue & { role: Role } => v.role !== undefined)
    .map((v) =>
      isOrganisationRole(v.role)
        ? { role: v.role, ...(v.organisation ? { organisationId: v.organisation.value } : {}) }
        : { role: v.role, ...(v.node ? { nodeId: v.node.value } : {}) },
    );
}
