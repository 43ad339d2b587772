// A React Query hook for keyset-paginated lists ({items, nextCursor}) with "load more".
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Query } from './api';
import type { Page } from './types';

/** Loads the first page of `path` with `query`; `loadMore()` appends the next one. */
export function useCursorList<T>(key: readonly unknown[], path: string, query: Query, enabled = true) {
  const result = useInfiniteQuery({
    queryKey: [...key, query],
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return {
    items,
    isLoading: result.isPending && enabled,
    isFetching: result.isFetching,
    error: result.error,
    hasMore: result.hasNextPage,
    isLoadingMore: result.isFetchingNextPage,
    loadMore: () => void result.fetchNextPage(),
    refetch: () => void result.refetch(),
  };
}

export type CursorList<T> = ReturnType<typeof useCursorList<T>>;
