// Open311 GeoReport v2: the parameters clients send (an empty value counts as absent) and the API-key admin schemas.
import { z } from 'zod';

/** GeoReport v2 says an empty optional parameter equals an absent one; this drops them before validation. */
export function withoutBlanks(v: unknown): Record<string, unknown> {
  if (v == null || typeof v !== 'object') return {};
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).filter(([, x]) => !(typeof x === 'string' && x.trim() === '')),
  );
}

const Opt = (max: number) => z.string().trim().max(max).optional();
/** ISO 8601 date or date-time; without an offset it is read as China time (+08:00). */
export const Open311Date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO 8601 date-time');

export const Open311Common = z.object({ jurisdiction_id: Opt(64) });

export const Open311RequestsQuery = Open311Common.extend({
  service_request_id: Opt(4000),
  service_code: Opt(20),
  start_date: Open311Date.optional(),
  end_date: Open311Date.optional(),
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))*$/, 'open, closed, or both comma-separated')
    .optional(),
});

const Coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max);

/** POST requests: form fields; `attribute[CODE]` values are collected separately. */
export const Open311PostForm = Open311Common.extend({
  api_key: z.string().max(200).optional(),
  service_code: z.string().trim().max(20),
  lat: Coordinate(-90, 90).optional(),
  long: Coordinate(-180, 180).optional(),
  address_string: Opt(200),
  address_id: Opt(64),
  email: z.email().max(200).optional(),
  device_id: Opt(200),
  account_id: Opt(200),
  first_name: Opt(25),
  last_name: Opt(25),
  phone: Opt(30),
  description: Opt(4000),
  media_url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
});
export type Open311PostForm = z.infer<typeof Open311PostForm>;

// --- API keys, managed by district administrators in the web app ---

export const ApiKey = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;
export const ApiKeyList = z.object({ items: z.array(ApiKey) });
export const CreateApiKeyBody = z.object({ name: z.string().trim().min(1).max(60) }).strict();
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;
/** The plain key is in this answer only; the server keeps its hash. */
export const CreatedApiKey = z.object({ key: ApiKey, plainKey: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
