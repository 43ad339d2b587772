// Parsing the GeoJSON geometry typed into a form (Polygon or MultiPolygon), checked against the shared schema.
import { Geometry } from '../../../contracts/common';
import type { Geometry as GeometryValue } from '../../lib/types';

/** Returns the geometry, null for empty text, or throws an Error whose message explains the problem. */
export function parseGeometryText(text: string | undefined): GeometryValue | null {
  if (!text || !text.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('json');
  }
  // Accept a whole Feature too, since that is what most GIS tools export.
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Feature') {
    value = (value as { geometry?: unknown }).geometry;
  }
  const parsed = Geometry.safeParse(value);
  if (!parsed.success) throw new Error('shape');
  return parsed.data;
}
