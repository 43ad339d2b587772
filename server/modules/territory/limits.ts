// Bounds on boundary geometry: checked by counting before any topology work, so a request cannot buy unbounded CPU.
/**
 * Real grid boundaries have tens to a few thousand vertices; these bounds leave room for detailed surveys while
 * keeping the worst topology check (quadratic in a feature's vertices) to seconds, off the request thread.
 */
export const GEOMETRY_LIMITS = {
  /** Vertices (positions) of one boundary, over all its rings. */
  verticesPerFeature: 20_000,
  /** Vertices of all features of one import file. */
  verticesPerFile: 50_000,
  /** Rings of one boundary (outer rings and holes, over all parts of a MultiPolygon). */
  ringsPerFeature: 100,
  /** Features of one import file. */
  featuresPerFile: 2_000,
  /** How long the topology worker may spend on one request's boundaries before the request is refused. */
  checkTimeoutMs: 30_000,
  /** Requests waiting for the topology worker; beyond this one is refused as busy instead of queueing without end. */
  maxQueued: 8,
};
export type GeometryLimits = typeof GEOMETRY_LIMITS;
