// The audit log as read by administrators.
import { z } from 'zod';
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
