// Data hooks of the points time bank: my account and the shop (residents, volunteers), redemption; the staff's rules,
// shop items, accounts, movements and the proof.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccountList,
  MovementList,
  MyPoints,
  PointsRuleList,
  ProofResult,
  ProofStatus,
  Redemption,
  ShopItemList,
} from '../../../contracts/points';
import { api } from '../../lib/api';

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
