// Data hooks of the points time bank: my account and the shop (residents, volunteers), redemption; the staff's rules,
// shop items, accounts, movements and the proof, and the staff's forms (rule, new item, participation grants).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccountList,
  CreateItemBody,
  GrantManyBody,
  GrantManyResult,
  HolderList,
  PutRuleBody,
  MovementList,
  MyPoints,
  PointsRuleList,
  ProofResult,
  ProofStatus,
  Redemption,
  ShopItemList,
} from '../../../contracts/points';
import { api, request } from '../../lib/api';

const KEY = ['points'] as const;
export type ShopItemData = z.infer<typeof ShopItemList>['items'][number];

export const useMyPoints = () =>
  useQuery({ queryKey: [...KEY, 'me'], queryFn: () => api.get<MyPoints>('/api/points/me') });
export const useShop = () =>
  useQuery({ queryKey: [...KEY, 'shop'], queryFn: () => api.get<z.infer<typeof ShopItemList>>('/api/points/shop') });

export function useRedeem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { itemId: number; clientKey: string }) =>
      api.post<Redemption>('/api/points/redeem', { ...v, quantity: 1 }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export const useRules = () =>
  useQuery({
    queryKey: [...KEY, 'rules'],
    queryFn: () => api.get<z.infer<typeof PointsRuleList>>('/api/points/rules'),
  });
export const useItems = () =>
  useQuery({ queryKey: [...KEY, 'items'], queryFn: () => api.get<z.infer<typeof ShopItemList>>('/api/points/items') });
export const useAccounts = () =>
  useQuery({
    queryKey: [...KEY, 'accounts'],
    queryFn: () => api.get<z.infer<typeof AccountList>>('/api/points/accounts'),
  });
export const useMovements = () =>
  useQuery({
    queryKey: [...KEY, 'movements'],
    queryFn: () => api.get<z.infer<typeof MovementList>>('/api/points/movements'),
  });
export const useProof = () =>
  useQuery({ queryKey: [...KEY, 'proof'], queryFn: () => api.get<z.infer<typeof ProofStatus>>('/api/points/proof') });

export function useRestock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; stockDelta: number }) =>
      api.patch<{ id: number }>(`/api/points/items/${v.id}`, { stockDelta: v.stockDelta }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRunProof() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ProofResult>('/api/points/proof'),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useReverse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; reason: string }) =>
      api.post<{ movementId: number }>(`/api/points/movements/${v.id}/reverse`, { reason: v.reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

// ---- The staff's forms: a community's rule, a new shop item, participation grants of an event ----

export type RuleData = z.infer<typeof PointsRuleList>['items'][number];
export type HolderData = z.infer<typeof HolderList>['items'][number];
type Org = { id: number; name: string; kind: string; retiredAt: string | null };

export function usePutRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { communityId: number; body: PutRuleBody }) =>
      request<void>('PUT', `/api/points/rules/${v.communityId}`, { body: v.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCreateItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateItemBody) => api.post<{ id: number }>('/api/points/items', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useGrantMany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GrantManyBody) => api.post<GrantManyResult>('/api/points/grants/batch', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** The people of a community a worker may grant to, searched by name. */
export const useHolders = (communityId: number | undefined, q: string) =>
  useQuery({
    queryKey: [...KEY, 'holders', communityId, q],
    enabled: communityId != null,
    queryFn: () => api.get<z.infer<typeof HolderList>>('/api/points/holders', { communityId, q: q || undefined }),
  });

/** Partner merchants that may give goods or services to a shop: partner units and social organisations in scope. */
export const useMerchants = () =>
  useQuery({
    queryKey: [...KEY, 'merchants'],
    queryFn: async () =>
      (await api.get<{ items: Org[] }>('/api/organisations', { limit: 200 })).items.filter(
        (o) => !o.retiredAt && (o.kind === 'partner_unit' || o.kind === 'social_organisation'),
      ),
  });

/** A random key for one submission of a form (crypto.randomUUID needs a secure context; plain-HTTP hosts get this). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
