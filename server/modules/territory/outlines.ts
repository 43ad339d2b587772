// The public base map: names and shapes of districts, streets, communities and grids, for maps without a tile server.
import { PUBLIC_OUTLINE_KINDS, type PublicOutline } from '../../../contracts/territory';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { territoryRepo as repo } from './repo';

/** Most areas one answer carries; a district has a few hundred grids, a city more than a map should draw at once. */
export const OUTLINE_LIMIT = 2000;

type Kind = PublicOutline['kind'];
const PUBLIC = new Set<string>(PUBLIC_OUTLINE_KINDS);

/**
 * Unscoped on purpose: the outline of an area and its name are public (they are what a resident picks and reports
 * in), and nothing below grid level — estates, buildings, households, people — is ever read here.
 */
export function createOutlines({ db }: { db: Db }) {
  /** The subtree to draw for `within`: its community when the node is at or below one, else the node itself. */
  async function prefixFor(within: number): Promise<string> {
    const node = await repo.byId(db, within);
    if (!node || node.retiredAt) throw new AppError('not_found');
    if (node.kind === 'district' || node.kind === 'street') return node.path;
    const ids = node.path.split('/').filter(Boolean).map(Number);
    const community = (await repo.byIds(db, ids)).find((n) => n.kind === 'community');
    return community?.path ?? node.path;
  }

  return {
    /** Areas with a boundary, coarsest first, within one community (or district/street) or everywhere. */
    async list(q: { within?: number }, limit = OUTLINE_LIMIT) {
      const pathPrefix = q.within ? await prefixFor(q.within) : null;
      const r = await repo.outlines(db, { kinds: PUBLIC_OUTLINE_KINDS, pathPrefix, limit });
      const items = r
        .slice(0, limit)
        .filter((n) => PUBLIC.has(n.kind) && n.geometry)
        .map((n) => ({ id: n.id, kind: n.kind as Kind, name: n.name, parentId: n.parentId, geometry: n.geometry! }));
      return { items, truncated: r.length > limit };
    },
  };
}
export type Outlines = ReturnType<typeof createOutlines>;
