// User accounts and their role bindings.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { Role } from './domain';
import { RoleBinding } from './auth';

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  bindings: z.array(RoleBinding),
  createdAt: z.string(),
});
export const UserQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
}).strict();
export const UserPage = pageOf(User);

export const BindingInput = z
  .object({
    role: Role,
    nodeId: z.number().int().positive().optional(),
    organisationId: z.number().int().positive().optional(),
  })
  .strict();

export const CreateUserBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字、下划线、点或连字符'),
    displayName: z.string().trim().min(1).max(50),
    phone: z
      .string()
      .regex(/^1\d{10}$/, '手机号应为 11 位')
      .optional(),
    password: z.string().min(10, '至少 10 个字符').max(200),
    bindings: z.array(BindingInput).min(1).max(20),
  })
  .strict();
export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(50).optional(),
    phone: z
      .string()
      .regex(/^1\d{10}$/)
      .nullable()
      .optional(),
    disabled: z.boolean().optional(),
    bindings: z.array(BindingInput).min(1).max(20).optional(),
    resetPassword: z.string().min(10).max(200).optional(),
  })
  .strict();
