// In-app notifications (notification centre) and what can cause one.
import { z } from 'zod';
import { PageQuery, pageOf, QueryBool } from './common';

export const NOTIFICATION_KINDS = [
  'new_report',
  'dispatched',
  'returned',
  'extension',
  'replied',
  'reworked',
  'closed',
  'rated',
  'due_soon',
  'overdue',
  'urged',
  'whistle',
  'reopened',
  'merged',
  'registered',
  'voided',
  'in_progress',
  'shelved',
  'resident_duplicate',
  // The service hall: a material asked for, forwarded to a department, decided, a new application, a time limit passed.
  'service_more_needed',
  'service_forwarded',
  'service_decided',
  'service_submitted',
  'service_overdue',
  // Hall appointments: one tomorrow (or within the hour), one the new hall hours no longer hold, one missed (未到厅).
  'service_appointment_soon',
  'service_appointment_unfit',
  'service_appointment_missed',
  // Rooms: a booking waiting for approval, and the approver's decision (a refusal carries its reason on the booking).
  'room_pending',
  'room_approved',
  'room_refused',
  // The points time bank: the nightly proof found the ledger out of balance.
  'points_proof_failed',
  // Volunteers: a place freed on a full shift and the first on its waitlist moved up (title: the activity).
  'volunteer_promoted',
  // Micro-wishes: a new wish to review, the community's decision, a delivery to confirm, a lapsed claim.
  'wish_submitted',
  'wish_decided',
  'wish_delivered',
  'wish_returned',
  // Co-building: an order dispatched to a member or unit, done (the requester may rate), a taken order at its deadline.
  'cobuild_dispatched',
  'cobuild_done',
  'cobuild_due',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  caseId: z.number().int().nullable(),
  title: z.string(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const NotificationQuery = PageQuery.extend({ unread: QueryBool.default(false) }).strict();
export const NotificationPage = pageOf(Notification).extend({ unreadCount: z.number().int() });
