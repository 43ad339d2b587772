// Login, the current user and sessions.
import { z } from 'zod';
import { Role } from './domain';

export const PERMISSIONS = [
  'territory.read',
  'territory.write',
  'party.read',
  'party.write',
  'organisations.read',
  'organisations.write',
  'users.read',
  'users.write',
  'audit.read',
  'cases.read',
  'cases.report',
  'cases.dispatch',
  'cases.supervise',
  'people.read',
  'people.write',
  'people.reveal',
  'people.export',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

export const LoginBody = z
  .object({
    login: z.string().trim().min(1).max(64).describe('username or phone number'),
    password: z.string().min(1).max(200),
  })
  .strict();

export const RoleBinding = z.object({
  id: z.number().int(),
  role: Role,
  nodeId: z.number().int().nullable(),
  nodeName: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
});
export type RoleBinding = z.infer<typeof RoleBinding>;

export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  mustChangePassword: z.boolean(),
  bindings: z.array(RoleBinding),
  /** What the user may do anywhere in their scope; the web shows menus from it. */
  permissions: z.array(Permission),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(10, '至少 10 个字符').max(200),
  })
  .strict();

export const SessionInfo = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
});
export const SessionList = z.object({ items: z.array(SessionInfo) });
