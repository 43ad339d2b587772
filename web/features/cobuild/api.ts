// Data hooks of co-building: agreements, members, the three lists, the ordering flow's steps, registering a unit,
// signing an agreement, and units' records.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AgreementList,
  CreateAgreementBody,
  UnitList,
  UnitRecord,
  MemberList,
  MyMember,
  NeedList,
  Project,
  ProjectList,
  ReportInBody,
  ResourceList,
} from '../../../contracts/cobuild';
import { api } from '../../lib/api';

const KEY = ['cobuild'] as const;
export type ProjectData = z.infer<typeof Project>;

export const useAgreements = () =>
  useQuery({
    queryKey: [...KEY, 'agreements'],
    queryFn: () => api.get<z.infer<typeof AgreementList>>('/api/cobuild/agreements'),
  });
export const useMembers = () =>
  useQuery({
    queryKey: [...KEY, 'members'],
    queryFn: () => api.get<z.infer<typeof MemberList>>('/api/cobuild/members'),
  });
export const useMyMember = () =>
  useQuery({ queryKey: [...KEY, 'me'], queryFn: () => api.get<z.infer<typeof MyMember>>('/api/cobuild/members/me') });
export const useResources = () =>
  useQuery({
    queryKey: [...KEY, 'resources'],
    queryFn: () => api.get<z.infer<typeof ResourceList>>('/api/cobuild/resources'),
  });
export const useNeeds = (mine = false) =>
  useQuery({
    queryKey: [...KEY, 'needs', mine],
    queryFn: () => api.get<z.infer<typeof NeedList>>('/api/cobuild/needs', mine ? { mine: 'true' } : undefined),
  });
export const useProjects = (mine = false) =>
  useQuery({
    queryKey: [...KEY, 'projects', mine],
    queryFn: () => api.get<z.infer<typeof ProjectList>>('/api/cobuild/projects', mine ? { mine: 'true' } : undefined),
  });

/** Any step of the flow (post, dispatch, take, done, rate, report in): a POST, then every co-building list is stale. */
export function useCobuildPost<B = unknown>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: B }) => api.post<unknown>(path, body ?? {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}
export type ReportIn = z.input<typeof ReportInBody>;

// ---- The staff's forms (a partner unit registered, an agreement signed) and units' records ----

export type UnitData = z.infer<typeof UnitList>['items'][number];
export type UnitRecordData = z.infer<typeof UnitRecord>;
export type AgreementInput = z.input<typeof CreateAgreementBody>;
type Org = { id: number; name: string; kind: string; nodeName: string; retiredAt: string | null };

export const useUnits = () =>
  useQuery({ queryKey: [...KEY, 'units'], queryFn: () => api.get<z.infer<typeof UnitList>>('/api/cobuild/units') });
export const useUnit = (id: number | null) =>
  useQuery({
    queryKey: [...KEY, 'unit', id],
    enabled: id != null,
    queryFn: () => api.get<UnitRecordData>(`/api/cobuild/units/${id}`),
  });

/** Communities the reader sees (where a unit is registered and an agreement signed). */
export const useCommunities = () =>
  useQuery({
    queryKey: [...KEY, 'communities'],
    queryFn: async () =>
      (
        await api.get<{ items: { id: number; name: string }[] }>('/api/territory/nodes', {
          kind: 'community',
          limit: 200,
        })
      ).items,
  });

/** Units that may sign an agreement: every organisation in scope but property companies, not retired. */
export const useSignableUnits = () =>
  useQuery({
    queryKey: [...KEY, 'signable'],
    queryFn: async () =>
      (await api.get<{ items: Org[] }>('/api/organisations', { limit: 200 })).items.filter(
        (o) => !o.retiredAt && o.kind !== 'property_company',
      ),
  });

/** Registers a partner unit through the organisations module (the one place units are kept). */
export function useRegisterUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      kind: 'partner_unit' | 'social_organisation';
      name: string;
      nodeId: number;
      contactName?: string;
      contactPhone?: string;
    }) => api.post<Org>('/api/organisations', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: KEY });
      void qc.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
}

export function useSignAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AgreementInput) => api.post<unknown>('/api/cobuild/agreements', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}
