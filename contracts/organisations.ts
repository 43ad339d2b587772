// Departments, partner units, property companies and the party organisation tree.
import { z } from 'zod';
import { PageQuery, pageOf, QueryBool } from './common';
import { OrganisationKind, PartyOrgKind } from './domain';

const Name = z.string().trim().min(1).max(100);

export const Organisation = z.object({
  id: z.number().int(),
  kind: OrganisationKind,
  name: z.string(),
  nodeId: z.number().int(),
  nodeName: z.string(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  retiredAt: z.string().nullable(),
  createdAt: z.string(),
});
export const OrganisationQuery = PageQuery.extend({
  kind: OrganisationKind.optional(),
  q: z.string().trim().max(100).optional(),
  includeRetired: QueryBool.default(false),
}).strict();
export const OrganisationPage = pageOf(Organisation);

const Phone = z.string().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确');
export const CreateOrganisationBody = z
  .object({
    kind: OrganisationKind,
    name: Name,
    nodeId: z.number().int().positive(),
    contactName: z.string().trim().max(50).optional(),
    contactPhone: Phone.optional(),
  })
  .strict();
export const UpdateOrganisationBody = z
  .object({
    name: Name.optional(),
    contactName: z.string().trim().max(50).nullable().optional(),
    contactPhone: Phone.nullable().optional(),
    retired: z.boolean().optional(),
  })
  .strict();

export const PartyOrg = z.object({
  id: z.number().int(),
  kind: PartyOrgKind,
  name: z.string(),
  parentId: z.number().int().nullable(),
  nodeId: z.number().int(),
  nodeName: z.string(),
  secretary: z.string().nullable(),
  childCount: z.number().int(),
  retiredAt: z.string().nullable(),
});
export const PartyOrgQuery = PageQuery.extend({
  parentId: z.coerce.number().int().positive().optional(),
  includeRetired: QueryBool.default(false),
}).strict();
export const PartyOrgPage = pageOf(PartyOrg);
export const CreatePartyOrgBody = z
  .object({
    parentId: z.number().int().positive().nullable(),
    kind: PartyOrgKind,
    name: Name,
    nodeId: z.number().int().positive(),
    secretary: z.string().trim().max(50).optional(),
  })
  .strict();
export const UpdatePartyOrgBody = z
  .object({
    name: Name.optional(),
    secretary: z.string().trim().max(50).nullable().optional(),
    retired: z.boolean().optional(),
  })
  .strict();
