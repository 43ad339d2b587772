// Data hooks of the resident portal: sign-up, places and household links, my reports, similar reports and the public list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ME_KEY } from '../../app/session';
import { api, setCsrfToken } from '../../lib/api';
import type { Me } from '../../lib/types';
import type {
  AddressHit,
  Community,
  GridAt,
  LinkRequest,
  MyHousehold,
  MyReport,
  OtpSent,
  PortalReportBody,
  PublicReport,
  SignupBody,
} from './types';

export const PORTAL_KEY = ['portal'] as const;
const P = '/api/portal';

export function useRequestCode() {
  return useMutation({
    mutationFn: (phone: string) => api.post<OtpSent>(`${P}/signup/code`, { phone }, { allow401: true }),
  });
}

/** Signs up; the answer is Me, exactly as after a login, so the app is signed in at once. */
export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupBody) => api.post<Me>(`${P}/signup`, body, { allow401: true }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

export function useCommunities() {
  return useQuery({
    queryKey: [...PORTAL_KEY, 'communities'],
    queryFn: () => api.get<{ items: Community[] }>(`${P}/communities`).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

export function useAddresses(communityId: number | null, q: string) {
  return useQuery({
    queryKey: [...PORTAL_KEY, 'addresses', communityId, q],
    queryFn: () => api.get<{ items: AddressHit[] }>(`${P}/addresses`, { communityId, q }).then((r) => r.items),
    enabled: communityId !== null && q.trim().length > 0,
  });
}

export function useMyLinks(enabled = true) {
  return useQuery({
    queryKey: [...PORTAL_KEY, 'links', 'mine'],
    queryFn: () => api.get<{ items: LinkRequest[] }>(`${P}/link-requests/mine`).then((r) => r.items),
    enabled,
  });
}

export function useRequestLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (householdId: number) => api.post<LinkRequest>(`${P}/link-requests`, { householdId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...PORTAL_KEY, 'links'] }),
  });
}

export function useLinkInbox(status: 'pending' | 'confirmed' | 'refused') {
  return useQuery({
    queryKey: [...PORTAL_KEY, 'links', 'inbox', status],
    queryFn: () => api.get<{ items: LinkRequest[] }>(`${P}/link-requests`, { status }).then((r) => r.items),
  });
}

export function useDecideLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, confirm, note }: { id: number; confirm: boolean; note?: string }) =>
      api.post<LinkRequest>(`${P}/link-requests/${id}/decision`, { confirm, note }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...PORTAL_KEY, 'links'] }),
  });
}

export function useGridAt(point: { lat: number; lng: number } | null) {
  return useQuery({
    queryKey: [...PORTAL_KEY, 'grid-at', point?.lat, point?.lng],
    queryFn: () => api.get<GridAt>(`${P}/grid-at`, { lat: point!.lat, lng: point!.lng }),
    enabled: point !== null,
    retry: false,
  });
}

export function fetchSimilar(categoryCode: string, point: { lat: number; lng: number }): Promise<PublicReport[]> {
  return api.get<{ items: PublicReport[] }>(`${P}/reports/similar`, { categoryCode, ...point }).then((r) => r.items);
}

/** "Me too": the supported report then shows in my reports, so that list is read again. */
export function useSupport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<PublicReport>(`${P}/reports/${id}/support`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: MINE_KEY }),
  });
}

/** Sends a report with the draft's Idempotency-Key, so a retry after a lost answer makes no second case. */
export function useSendReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: PortalReportBody; key: string }) =>
      api.post<MyReport>(`${P}/reports`, body, { headers: { 'Idempotency-Key': key } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...PORTAL_KEY, 'mine'] }),
  });
}

export const MINE_KEY = [...PORTAL_KEY, 'mine'] as const;
export const MINE_PATH = `${P}/reports/mine`;
export const PUBLIC_KEY = [...PORTAL_KEY, 'public'] as const;
export const PUBLIC_PATH = `${P}/public/reports`;

export function useMyReport(id: number) {
  return useQuery({ queryKey: [...MINE_KEY, id], queryFn: () => api.get<MyReport>(`${MINE_PATH}/${id}`) });
}

export function useRate(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      version: number;
      rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
      comment?: string;
    }) => api.post<MyReport>(`${MINE_PATH}/${id}/rate`, body),
    onSuccess: (report) => {
      queryClient.setQueryData([...MINE_KEY, id], report);
      void queryClient.invalidateQueries({ queryKey: MINE_KEY });
    },
  });
}

/** My confirmed household, its members (masked) and the grid workers to call; empty until a community confirms a link. */
export function useMyHousehold() {
  return useQuery({
    queryKey: [...PORTAL_KEY, 'household', 'mine'],
    queryFn: () => api.get<MyHousehold>(`${P}/household/mine`),
  });
}
