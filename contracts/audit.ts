// The audit log as read by administrators.
import { z } from 'zod';
import { CASE_ACTIONS } from './cases';
import { PageQuery, pageOf } from './common';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityKind: z.string(),
  entityId: z.string(),
  nodeId: z.number().int().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export const AuditQuery = PageQuery.extend({
  actorId: z.coerce.number().int().positive().optional(),
  nodeId: z.coerce.number().int().positive().optional().describe('entries about this node or anything under it'),
  entityKind: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}).strict();
export const AuditPage = pageOf(AuditEntry);

/** Every action the server writes to the audit log (a test checks the server's sources against it), for the filter's list. */
export const AUDIT_ACTIONS = [
  'auth.login', 'auth.locked', 'auth.password_changed',
  'user.create', 'user.update', 'user.search_by_phone',
  'territory.create', 'territory.update', 'territory.move', 'territory.delete', 'territory.retire', 'territory.restore',
  'party.create', 'party.update',
  'organisation.create', 'organisation.update',
  'case.report', 'case.support', 'case.merge', ...CASE_ACTIONS.map((a) => `case.${a}` as const),
  'category.update', 'responsibility.set', 'responsibility.remove',
  'calendar_day.set', 'calendar_day.clear',
  'file.upload',
  'resident.create', 'resident.update', 'resident.move_out', 'resident.reveal', 'resident.search_by_number', 'resident.import', 'resident.bulk_import', 'resident.export',
  'housing.put', 'person_tag.create', 'person_tag.update', 'person_tag.retire', 'person_tag.restore',
  'care.set', 'care.settings', 'visit.create', 'diary.create', 'diary.ledger',
  'portal.signup', 'portal.link_request', 'portal.link_confirm', 'portal.link_refuse',
  'open311.key.create', 'open311.key.revoke',
  'hotline.import', 'hotline.order_received', 'hotline.order_resolved', 'hotline.reply', 'hotline.reply_export',
  'hotline.category_map', 'hotline.rate_settings', 'hotline.unreasonable_proposed', 'hotline.unreasonable_decided',
  'metrics.export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Every kind of record the audit log names. */
export const AUDIT_ENTITY_KINDS = [
  'user', 'territory_node', 'grid', 'party_org', 'organisation', 'case', 'case_category', 'responsibility_rule', 'calendar_day',
  'attachment', 'resident', 'housing', 'person_tag', 'people_import', 'care_settings', 'visit', 'diary_entry', 'portal_link_request',
  'open311_api_key', 'hotline_import', 'hotline_order', 'hotline_reply', 'hotline_category_map', 'hotline_settings', 'case_ledger',
] as const;
export type AuditEntityKind = (typeof AUDIT_ENTITY_KINDS)[number];
