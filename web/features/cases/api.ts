// Data hooks and calls of the case loop: categories, one case, actions, bulk dispatch, similar reports, photos.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MediatorList, Triage } from '../../../contracts/cases';
import { api } from '../../lib/api';
import type { ActionBody, Attachment, CaseDetail, Category, IntakeBody, SimilarCase } from '../../lib/types';

export const CASES_KEY = ['cases'] as const;
export const CASES_PATH = '/api/cases';

/** The URL of a stored photo, or of its thumbnail. */
export const photoUrl = (id: string, thumb = false) => `/api/files/${id}${thumb ? '/thumb' : ''}`;

/** The category tree (classes and sub-classes), cached for the session. */
export function useCategories() {
  return useQuery({
    queryKey: [...CASES_KEY, 'categories'],
    queryFn: () =>
      api.get<{ items: Category[] }>(`${CASES_PATH}/categories`).then((r) => r.items.filter((c) => c.active)),
    staleTime: 30 * 60_000,
  });
}

/** One case with its timeline and the actions the viewer may take now. */
export function useCase(id: number) {
  return useQuery({
    queryKey: [...CASES_KEY, 'detail', id],
    queryFn: () => api.get<CaseDetail>(`${CASES_PATH}/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The handler the responsibility list suggests for a case (for the dispatch form). */
export function useSuggestedHandler(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...CASES_KEY, 'suggested', id],
    queryFn: () =>
      api.get<{ organisation: { id: number; name: string } | null }>(`${CASES_PATH}/${id}/suggested-handler`),
    enabled,
  });
}

/** After a write: the new detail goes into the cache, lists and notifications are refreshed. */
function useAfterWrite() {
  const queryClient = useQueryClient();
  return (detail: CaseDetail) => {
    queryClient.setQueryData([...CASES_KEY, 'detail', detail.id], detail);
    void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

/** Takes one action on a case (the body carries the version the viewer saw). */
export function useCaseAction(id: number) {
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (body: ActionBody) => api.post<CaseDetail>(`${CASES_PATH}/${id}/actions`, body),
    onSuccess: after,
  });
}

/** Merges this (duplicate) case into another open one; answers the case it went into. */
export function useMergeCase(id: number) {
  const after = useAfterWrite();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (intoId: number) => api.post<CaseDetail>(`${CASES_PATH}/${id}/merge`, { intoId }),
    onSuccess: (detail) => {
      after(detail);
      void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'detail', id] });
    },
  });
}

/** Sends a new report; the Idempotency-Key makes a retried send return the same case. */
export function useReportCase() {
  const after = useAfterWrite();
  return useMutation({
    mutationFn: ({ body, key }: { body: IntakeBody; key: string }) =>
      api.post<CaseDetail>(CASES_PATH, body, { headers: { 'Idempotency-Key': key } }),
    onSuccess: after,
  });
}

/** "Me too": supports an open report instead of sending a new one. */
export function useSupportCase() {
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (id: number) => api.post<CaseDetail>(`${CASES_PATH}/${id}/support`),
    onSuccess: after,
  });
}

/** Open reports of the same category nearby, or a little further when they read alike (asked right before sending). */
export function fetchSimilar(categoryCode: string, lat: number, lng: number, text?: string): Promise<SimilarCase[]> {
  return api
    .get<{ items: SimilarCase[] }>(`${CASES_PATH}/similar`, { categoryCode, lat, lng, ...(text ? { text } : {}) })
    .then((r) => r.items);
}

export type BulkTarget = {
  triage: Triage;
  organisationId?: number;
  nodeId?: number;
  mediatorId?: number;
  overrideReason?: string;
};

/** Mediators (和事佬) of a case's grid and community, for a private matter. */
export function useMediators(id: number, enabled = true) {
  return useQuery({
    queryKey: [...CASES_KEY, 'mediators', id],
    queryFn: () => api.get<MediatorList>(`${CASES_PATH}/${id}/mediators`),
    enabled: enabled && id > 0,
  });
}
export type BulkResult = { id: number; ok: boolean; code: string | null };

/** Dispatches several cases to one handler; each case answers on its own. */
export function useBulkDispatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, target }: { ids: number[]; target: BulkTarget }) => {
      // The list rows carry no version: read each case once, just before sending.
      const details = await Promise.all(ids.map((id) => api.get<CaseDetail>(`${CASES_PATH}/${id}`)));
      const cases = details.map((d) => ({ id: d.id, version: d.version }));
      return api
        .post<{ results: BulkResult[] }>(`${CASES_PATH}/bulk-dispatch`, { cases, ...target })
        .then((r) => r.results);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CASES_KEY }),
  });
}

/** Uploads one photo (already downscaled) and answers its id and URLs. */
export function uploadPhoto(file: Blob, name: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, name);
  return api.upload<Attachment>('/api/files', form);
}
