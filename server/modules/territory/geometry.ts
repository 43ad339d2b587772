// Boundary checks on the request thread, all linear: bounds by counting, shape by Zod, closure; topology is the worker's.
import { MultiPolygon, Polygon, type Geometry } from '../../../contracts/common';
import { AppError, fieldError } from '../../platform/errors';
import type { GeometryLimits } from './limits';

export const RING_MESSAGES = {
  kind: 'a boundary must be a Polygon or MultiPolygon',
  short: 'a ring needs at least 4 positions',
  position: 'a position is [longitude, latitude] within ±180 and ±90',
  open: 'a ring is not closed: its last position must repeat its first',
  crossing: 'a ring crosses or touches itself or another ring',
} as const;

const isArray = Array.isArray as (v: unknown) => v is unknown[];

/** The rings of a raw Polygon or MultiPolygon, whatever their contents; [] for anything else. Reads only array lengths. */
function ringsOf(g: unknown): unknown[] {
  if (!g || typeof g !== 'object') return [];
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (!isArray(coordinates)) return [];
  if (type === 'Polygon') return coordinates;
  if (type === 'MultiPolygon') return coordinates.flatMap((p) => (isArray(p) ? p : []));
  return [];
}

/** Counts a raw boundary's vertices, refusing one beyond the per-boundary bounds before anything else looks at it. */
export function boundedVertices(g: unknown, path: string, limits: GeometryLimits): number {
  const rings = ringsOf(g);
  if (rings.length > limits.ringsPerFeature)
    throw fieldError(path, `at most ${limits.ringsPerFeature} rings per boundary`);
  // A closed ring repeats its first position at the end; that repetition is no vertex of its own.
  let vertices = 0;
  for (const r of rings) vertices += isArray(r) ? Math.max(0, r.length - 1) : 0;
  if (vertices > limits.verticesPerFeature)
    throw fieldError(path, `at most ${limits.verticesPerFeature} vertices per boundary`);
  return vertices;
}

/** Shape (Zod) and closed rings, with messages from the catalogue; throws invalid_geometry naming the path. */
export function checkShape(g: unknown, path: string): Geometry {
  const type = (g as { type?: unknown } | null)?.type;
  const schema = type === 'Polygon' ? Polygon : type === 'MultiPolygon' ? MultiPolygon : null;
  if (!schema) throw new AppError('invalid_geometry', [{ path, message: RING_MESSAGES.kind }]);
  const parsed = schema.safeParse(g);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Too few rings or positions in a ring sit at most at ring depth; anything deeper is a bad position.
    const ringDepth = type === 'Polygon' ? 2 : 3;
    const message =
      issue?.code === 'too_small' && issue.path.length <= ringDepth ? RING_MESSAGES.short : RING_MESSAGES.position;
    throw new AppError('invalid_geometry', [{ path, message }]);
  }
  for (const ring of ringsOf(parsed.data) as [number, number][][]) {
    const [a, z] = [ring[0]!, ring[ring.length - 1]!];
    if (a[0] !== z[0] || a[1] !== z[1]) throw new AppError('invalid_geometry', [{ path, message: RING_MESSAGES.open }]);
  }
  return parsed.data;
}
