// Stable error codes and the error body every failed request returns.
import { z } from 'zod';

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  'action_not_allowed',
  'duplicate_code',
  'invalid_move',
  'has_children',
  'invalid_geometry',
  'invalid_credentials',
  'account_locked',
  'password_change_required',
  'rate_limited',
  'payload_too_large',
  'unavailable',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({ path: z.string(), message: z.string() });

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    requestId: z.string(),
    details: z.array(FieldIssue).optional(),
    allowed: z.array(z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
