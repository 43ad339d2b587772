// A lazily loaded tree kept in React Query: expanded parents, their paged children, reveal a path.
import { useCallback, useState } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { Page } from './types';

export type Children<T> = { items: T[]; hasMore: boolean };
export type FetchChildren<T> = (parentId: number | null, cursor: string | undefined) => Promise<Page<T>>;

/** Loads `pages` pages of a parent's children (or of the roots when parentId is null) in one go. */
async function loadChildren<T>(
  fetchPage: FetchChildren<T>,
  parentId: number | null,
  pages: number,
): Promise<Children<T>> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await fetchPage(parentId, cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { items, hasMore: cursor !== undefined };
}

/**
 * Tree state for antd Tree. `key` must start with the domain's query key so that invalidating the
 * domain after a write refreshes every open level; `variant` separates e.g. "with retired" views.
 */
export function useLazyTree<T>(key: readonly unknown[], fetchPage: FetchChildren<T>) {
  const queryClient = useQueryClient();
  const [expanded, setExpanded] = useState<number[]>([]);
  const [pages, setPages] = useState<Record<string, number>>({});
  const pagesOf = useCallback((parentId: number | null) => pages[String(parentId)] ?? 1, [pages]);

  const options = useCallback(
    (parentId: number | null, count: number) => ({
      queryKey: [...key, 'tree', parentId, count],
      queryFn: () => loadChildren(fetchPage, parentId, count),
      placeholderData: (previous: Children<T> | undefined) => previous,
    }),
    // The key's content, not its identity, decides which queries these are.
    [JSON.stringify(key), fetchPage],
  );

  const parents: (number | null)[] = [null, ...expanded];
  const results = useQueries({ queries: parents.map((p) => options(p, pagesOf(p))) });
  const childrenOf = new Map<number | null, Children<T>>();
  parents.forEach((parentId, i) => {
    const data = results[i]?.data;
    if (data) childrenOf.set(parentId, data);
  });

  /** antd Tree's loadData: resolves once the node's first page is cached. */
  const load = useCallback(
    async (parentId: number) => {
      await queryClient.ensureQueryData(options(parentId, pagesOf(parentId)));
    },
    [queryClient, options, pagesOf],
  );

  const loadMore = useCallback((parentId: number | null) => {
    setPages((prev) => ({ ...prev, [String(parentId)]: (prev[String(parentId)] ?? 1) + 1 }));
  }, []);

  /** Expands every given ancestor so a node picked elsewhere shows in the tree. */
  const reveal = useCallback((ancestorIds: number[]) => {
    setExpanded((prev) => Array.from(new Set([...prev, ...ancestorIds])));
  }, []);

  const rootResult = results[0];
  return {
    childrenOf,
    expanded,
    setExpanded,
    load,
    loadMore,
    reveal,
    rootsLoading: rootResult?.isPending ?? true,
    rootsError: rootResult?.error ?? null,
    refetchRoots: () => void rootResult?.refetch(),
  };
}

export type LazyTree<T> = ReturnType<typeof useLazyTree<T>>;
