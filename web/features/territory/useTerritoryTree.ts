// The territory tree's data: nodes by parent, 100 per page, optionally with retired nodes.
import { useCallback } from 'react';
import { useLazyTree } from '../../lib/useLazyTree';
import type { TerritoryNode } from '../../lib/types';
import { TERRITORY_KEY, fetchNodes } from './api';

export function useTerritoryTree(includeRetired: boolean) {
  const fetchPage = useCallback(
    (parentId: number | null, cursor: string | undefined) =>
      fetchNodes({ parentId: parentId ?? undefined, cursor, limit: 100, includeRetired: includeRetired || undefined }),
    [includeRetired],
  );
  return useLazyTree<TerritoryNode>([...TERRITORY_KEY, includeRetired ? 'all' : 'active'], fetchPage);
}
