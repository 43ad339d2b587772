// Data hooks of the service hall: catalogue, eligibility, materials upload, applications and their steps, hall slots.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActionBody,
  ApplicationDetail,
  ApplicationPage,
  ApplyBody,
  Catalogue,
  EligibilityResult,
  ItemCreate,
  ItemPatch,
  ServiceFile,
  ServiceItem,
  ServiceMetrics,
  ServiceMetricsQuery,
} from '../../../contracts/services';
import type { HallHours, HallHoursBody, HallSlots } from '../../../contracts/services-hall';
import { api, request } from '../../lib/api';

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

export function useApplications(query: { status?: string; mine?: boolean; appointmentOn?: string }) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'applications', query],
    queryFn: () =>
      api.get<z.infer<typeof ApplicationPage>>(`${S}/applications`, {
        status: query.status,
        mine: query.mine ? 'true' : undefined,
        appointmentOn: query.appointmentOn,
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

type CatalogueData = z.infer<typeof Catalogue>;

/** Every item with its switch in a community (or, for the district's keeper without a community, every item). */
export function useKeptCatalogue(nodeId: number | null) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'keep', nodeId],
    queryFn: () => api.get<CatalogueData>(`${S}/catalogue`, { nodeId: nodeId ?? undefined, all: 'true' }),
  });
}

export function useServiceClasses() {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'classes'],
    queryFn: () => api.get<{ items: { code: string; name: string }[] }>(`${S}/classes`),
  });
}

/** Saves an item: POST a new one, PATCH an existing one. */
export function useSaveItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      code,
      body,
    }: {
      code: string | null;
      body: z.input<typeof ItemCreate> | z.input<typeof ItemPatch>;
    }) => (code ? api.patch<ServiceItem>(`${S}/items/${code}`, body) : api.post<ServiceItem>(`${S}/items`, body)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SERVICES_KEY }),
  });
}

export function useCreateClass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string; name: string }) => api.post(`${S}/classes`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SERVICES_KEY }),
  });
}

export function useMetrics(q: z.input<typeof ServiceMetricsQuery>) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'metrics', q],
    queryFn: () => api.get<z.infer<typeof ServiceMetrics>>(`${S}/metrics`, q),
  });
}

/** The free hall slots of the actor's community (or a resident's, for staff), today to the tenth open day. */
export function useHallSlots(q: { nodeId?: number; residentId?: number }, enabled = true) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'hall-slots', q],
    queryFn: () => api.get<HallSlots>(`${S}/hall/slots`, q),
    enabled,
  });
}

export function useHallHours(nodeId: number | null) {
  return useQuery({
    queryKey: [...SERVICES_KEY, 'hall-hours', nodeId],
    queryFn: () => api.get<HallHours>(`${S}/hall/hours`, { nodeId: nodeId ?? undefined }),
    enabled: nodeId != null,
  });
}

export function useSaveHallHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HallHoursBody) => request<HallHours>('PUT', `${S}/hall/hours`, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SERVICES_KEY }),
  });
}

/** Marks that the resident did not come to an appointment that has begun (未到厅). */
export function useNoShow(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<ApplicationDetail>('POST', `${S}/applications/${id}/appointment/no-show`),
    onSuccess: (d) => {
      queryClient.setQueryData([...SERVICES_KEY, 'application', id], d);
      void queryClient.invalidateQueries({ queryKey: [...SERVICES_KEY, 'applications'] });
    },
  });
}

/** Books (or moves to) a hall slot for an application, or cancels its appointment (startsAt null). */
export function useAppointment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (startsAt: string | null) =>
      startsAt
        ? request<ApplicationDetail>('PUT', `${S}/applications/${id}/appointment`, { body: { startsAt } })
        : api.delete<ApplicationDetail>(`${S}/applications/${id}/appointment`),
    onSuccess: (d) => {
      queryClient.setQueryData([...SERVICES_KEY, 'application', id], d);
      void queryClient.invalidateQueries({ queryKey: [...SERVICES_KEY, 'applications'] });
      void queryClient.invalidateQueries({ queryKey: [...SERVICES_KEY, 'hall-slots'] });
    },
  });
}
