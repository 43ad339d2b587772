// Data hooks of the service hall: catalogue, eligibility, materials upload, applications and their steps.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActionBody,
  ApplicationDetail,
  ApplicationPage,
  ApplyBody,
  Catalogue,
  EligibilityResult,
  ServiceFile,
  ServiceItem,
} from '../../../contracts/services';
import { api } from '../../lib/api';

export const SERVICES_KEY = ['services'] as const;
const S = '/api/services';

export function useCatalogue(q: string) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'catalogue', q],
    queryFn: () => api.get<z.infer<typeof Catalogue>>(`${S}/catalogue`, { q: q.trim() || undefined }),
  });
}

export function useItem(code: string) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'item', code],
    queryFn: () => api.get<ServiceItem>(`${S}/items/${code}`),
  });
}

export function useEligibility(code: string) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'eligibility', code],
    queryFn: () => api.get<z.infer<typeof EligibilityResult>>(`${S}/items/${code}/eligibility`),
  });
}

/** Uploads one photo or PDF of a material. */
export function uploadMaterial(file: Blob, name: string): Promise<z.infer<typeof ServiceFile>> {
  const form = new FormData();
  form.append('file', file, name);
  return api.upload(`${S}/materials`, form);
}

export function useApply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: z.input<typeof ApplyBody>; key: string }) =>
      api.post<ApplicationDetail>(`${S}/applications`, body, { headers: { 'idempotency-key': key } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SERVICES_KEY }),
  });
}

export function useApplications(query: { status?: string; mine?: boolean }) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'applications', query],
    queryFn: () =>
      api.get<z.infer<typeof ApplicationPage>>(`${S}/applications`, {
        status: query.status,
        mine: query.mine ? 'true' : undefined,
        limit: 100,
      }),
  });
}

export function useApplication(id: number) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'application', id],
    queryFn: () => api.get<ApplicationDetail>(`${S}/applications/${id}`),
  });
}

export function useAct(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) => api.post<ApplicationDetail>(`${S}/applications/${id}/actions`, body),
    onSuccess: (d) => {
      queryClient.setQueryData([...SERVICES_KEY, 'application', id], d);
      void queryClient.invalidateQueries({ queryKey: [...SERVICES_KEY, 'applications'] });
    },
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'departments'],
    queryFn: () =>
      api.get<{ items: { id: number; name: string }[] }>('/api/organisations', { kind: 'department', limit: 200 }),
  });
}
