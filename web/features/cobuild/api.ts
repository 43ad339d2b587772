// Data hooks of co-building: agreements, members, the three lists, and the ordering flow's steps.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AgreementList,
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
