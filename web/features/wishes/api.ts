// Data hooks of micro-wishes: the wall, my wishes and claims, one wish, its steps, the staff list and the figures.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DecideBody,
  PostWishBody,
  WallPage,
  Wish,
  WishFigures,
  WishListItem,
  WishSettings,
  WishStatus,
} from '../../../contracts/wishes';
import { api } from '../../lib/api';
import { useCursorList } from '../../lib/useCursorList';

export const WISHES_KEY = ['wishes'] as const;
const W = '/api/wishes';

export function useWall() {
  const r = useInfiniteQuery({
    queryKey: [...WISHES_KEY, 'wall'],
    queryFn: ({ pageParam }) => api.get<z.infer<typeof WallPage>>(`${W}/wall`, { cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = r.data?.pages[0];
  return {
    items: r.data?.pages.flatMap((p) => p.items) ?? [],
    communityName: first?.communityName ?? null,
    canClaim: first?.canClaim ?? false,
    limits: first ? { valueLimit: first.valueLimit, leaseDays: first.leaseDays } : null,
    isLoading: r.isPending,
    error: r.error,
    refetch: () => void r.refetch(),
    hasMore: r.hasNextPage,
    loadMore: () => void r.fetchNextPage(),
  };
}

export function useWishList(view: 'mine' | 'claims' | 'staff', status?: WishStatus) {
  return useCursorList<WishListItem>([...WISHES_KEY, 'list'], W, { view, status, limit: 20 });
}

export function useWish(id: number) {
  return useQuery({ queryKey: [...WISHES_KEY, 'one', id], queryFn: () => api.get<Wish>(`${W}/${id}`) });
}

export function useSettings(nodeId: number | null) {
  return useQuery({
    queryKey: [...WISHES_KEY, 'settings', nodeId],
    queryFn: () => api.get<WishSettings>(`${W}/settings`, { nodeId: nodeId ?? undefined }),
    enabled: nodeId != null,
  });
}

export function useFigures(nodeId: number | null, from: string, to: string) {
  return useQuery({
    queryKey: [...WISHES_KEY, 'figures', nodeId, from, to],
    queryFn: () => api.get<WishFigures>(`${W}/figures`, { nodeId: nodeId ?? undefined, from, to }),
    enabled: nodeId != null,
  });
}

function useWishMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: WISHES_KEY }) });
}

export const usePostWish = () =>
  useWishMutation((body: z.input<typeof PostWishBody>) => api.post<{ id: number }>(W, body));
export const useDecide = (id: number) =>
  useWishMutation((body: z.input<typeof DecideBody>) => api.post<Wish>(`${W}/${id}/decide`, body));
export const useClaim = () => useWishMutation((id: number) => api.post(`${W}/${id}/claim`));
export const useDeliver = (id: number) =>
  useWishMutation((body: { photoIds: string[]; note?: string }) => api.post<Wish>(`${W}/${id}/deliver`, body));
export const useConfirm = (id: number) => useWishMutation(() => api.post<Wish>(`${W}/${id}/confirm`));
