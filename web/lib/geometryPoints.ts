// The corner points of a polygon or multipolygon, as lat/lng, for fitting a map to an area.
import type { Geometry } from './types';

/** Every vertex of a boundary (outer and inner rings), as { lat, lng }. */
export function geometryPoints(g: Geometry): { lat: number; lng: number }[] {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  return rings.flat().map(([lng, lat]) => ({ lat: lat!, lng: lng! }));
}
