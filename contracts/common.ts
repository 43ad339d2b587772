// Shared request and response pieces: ids, keyset pages, GeoJSON polygons.
import { z } from 'zod';

export const Id = z.coerce.number().int().positive();
export const IdParams = z.object({ id: Id }).strict();

/** A yes/no query parameter: 'true'/'false', '1'/'0', 'yes'/'no' (z.coerce.boolean would read 'false' as true). */
export const QueryBool = z.stringbool();

/** Keyset pagination: `cursor` is opaque to clients; `limit` is capped. */
export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position).min(4);

export const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
export const MultiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1)).min(1),
});
export const Geometry = z.union([Polygon, MultiPolygon]);
export type Geometry = z.infer<typeof Geometry>;

export const Ok = z.object({ ok: z.literal(true) });
