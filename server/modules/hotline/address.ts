// The address dictionary: finds the estate or building named inside a free-text hotline address (longest name wins)
// and the grid it lies in. An address naming nothing, or naming places in two different grids, stays unresolved.
import type { DictEntry } from './repo';

export type AddressMatch = { nodeId: number; nodePath: string; gridId: number; gridPath: string; name: string };

/** The grid above (or at) a node, from its materialised path ('/district/street/community/grid/…/'). */
export function gridOfPath(path: string): { id: number; path: string } | null {
  const ids = path.split('/').filter(Boolean);
  if (ids.length < 4) return null;
  return { id: Number(ids[3]), path: `/${ids.slice(0, 4).join('/')}/` };
}

export type AddressBook = { match(address: string): AddressMatch | null };

/** Builds the matcher once per import or webhook; each lookup tries every substring of the address, longest first. */
export function addressBook(entries: DictEntry[]): AddressBook {
  const estates = new Set(entries.filter((e) => e.kind === 'estate').map((e) => e.id));
  const byName = new Map<string, DictEntry[]>();
  const buildingsOf = new Map<number, DictEntry[]>();
  let longest = 0;
  for (const e of entries) {
    if (e.kind === 'building' && e.parentId != null && estates.has(e.parentId)) {
      // "1号楼" means nothing alone: an estate's buildings are only looked for after the estate's name.
      buildingsOf.set(e.parentId, [...(buildingsOf.get(e.parentId) ?? []), e]);
      continue;
    }
    byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
    longest = Math.max(longest, e.name.length);
  }

  function refine(estate: DictEntry, rest: string): DictEntry {
    let best: DictEntry | null = null;
    for (const b of buildingsOf.get(estate.id) ?? [])
      if (rest.includes(b.name) && (!best || b.name.length > best.name.length)) best = b;
    return best ?? estate;
  }

  return {
    match(address) {
      const text = address.replace(/\s+/g, '');
      for (let len = Math.min(longest, text.length); len > 0; len--) {
        const found: DictEntry[] = [];
        for (let i = 0; i + len <= text.length; i++) {
          const hits = byName.get(text.slice(i, i + len));
          if (hits) for (const h of hits) found.push(h.kind === 'estate' ? refine(h, text.slice(i + len)) : h);
        }
        if (!found.length) continue;
        const grids = new Map(found.map((f) => [gridOfPath(f.path)?.path ?? '', f]));
        if (grids.size !== 1 || grids.has('')) return null;
        const node = found.sort((a, b) => b.path.length - a.path.length)[0]!;
        const grid = gridOfPath(node.path)!;
        return { nodeId: node.id, nodePath: node.path, gridId: grid.id, gridPath: grid.path, name: node.name };
      }
      return null;
    },
  };
}
