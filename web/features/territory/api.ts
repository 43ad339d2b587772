// Data hooks and calls of the territory domain: nodes, children, search, writes and grid import.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../lib/api';
import type {
  CreateNodeBody,
  GeoJsonImportBody,
  GeoJsonImportResult,
  NodeWithAncestors,
  Page,
  TerritoryNode,
  UpdateNodeBody,
} from '../../lib/types';
import type { NodeKind } from '../../../contracts/domain';

export const TERRITORY_KEY = ['territory'] as const;
const NODES = '/api/territory/nodes';

/** One page of a node list (children, roots, search, grids with geometry). */
export function fetchNodes(query: Query): Promise<Page<TerritoryNode>> {
  return api.get<Page<TerritoryNode>>(NODES, query);
}

/** The top nodes of the caller's scope. */
export function useRoots() {
  return useQuery({
    queryKey: [...TERRITORY_KEY, 'roots'],
    queryFn: () => fetchNodes({ limit: 200 }),
    staleTime: 5 * 60_000,
  });
}

/** One node with its ancestors (for the detail panel and breadcrumb). */
export function useNode(id: number | null) {
  return useQuery({
    queryKey: [...TERRITORY_KEY, 'node', id],
    queryFn: () => api.get<NodeWithAncestors>(`${NODES}/${id}`),
    enabled: id !== null,
  });
}

/** Searches nodes by name or code under each of the caller's roots (roots themselves included when they match). */
export async function searchNodes(
  roots: TerritoryNode[],
  q: string,
  kinds?: readonly NodeKind[],
): Promise<TerritoryNode[]> {
  const kind = kinds && kinds.length === 1 ? kinds[0] : undefined;
  const pages = await Promise.all(roots.map((root) => fetchNodes({ under: root.id, q, kind, limit: 30 })));
  const needle = q.trim().toLowerCase();
  const matchingRoots = roots.filter((r) => r.name.toLowerCase().includes(needle) || r.code.includes(needle));
  const all = [...matchingRoots, ...pages.flatMap((p) => p.items)];
  const seen = new Set<number>();
  return all.filter((node) => {
    if (seen.has(node.id) || (kinds && !kinds.includes(node.kind))) return false;
    seen.add(node.id);
    return true;
  });
}

/** Every grid under a node, with geometry, following cursors (capped so a huge district stays usable). */
export async function fetchGridsWithGeometry(underId: number, cap = 2000): Promise<TerritoryNode[]> {
  const grids: TerritoryNode[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchNodes({ under: underId, kind: 'grid', withGeometry: true, limit: 200, cursor });
    grids.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && grids.length < cap);
  return grids;
}

/** Invalidate everything territory-related after a write (tree, detail, lists, map). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: TERRITORY_KEY });
}

export function useCreateNode() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateNodeBody) => api.post<TerritoryNode>(NODES, body),
    onSuccess: invalidate,
  });
}

export function useUpdateNode() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateNodeBody }) =>
      api.patch<TerritoryNode>(`${NODES}/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useMoveNode() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, newParentId }: { id: number; newParentId: number }) =>
      api.post<TerritoryNode>(`${NODES}/${id}/move`, { newParentId }),
    onSuccess: invalidate,
  });
}

/** Retire or restore a node (`action` picks the endpoint). */
export function useRetireNode() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'retire' | 'restore' }) =>
      api.post<TerritoryNode>(`${NODES}/${id}/${action}`),
    onSuccess: invalidate,
  });
}

/**
 * Deletes a node. `onDeleted` runs before the refresh (and even if the caller unmounts), so the page
 * can move to the parent; the deleted node's own query is not refetched (it would only 404).
 */
export function useDeleteNode(onDeleted: (node: TerritoryNode) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (node: TerritoryNode) => api.delete<{ ok: true }>(`${NODES}/${node.id}`),
    onSuccess: (_, node) => {
      onDeleted(node);
      const own = [...TERRITORY_KEY, 'node', node.id];
      queryClient.removeQueries({ queryKey: own, exact: true });
      return queryClient.invalidateQueries({
        queryKey: TERRITORY_KEY,
        predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(own),
      });
    },
  });
}

/** Grid boundary import; a dry run only previews and changes nothing. */
export function useImportGrids() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: GeoJsonImportBody) => api.post<GeoJsonImportResult>('/api/territory/grids/import', body),
    onSuccess: (result) => {
      if (!result.dryRun) void invalidate();
    },
  });
}
