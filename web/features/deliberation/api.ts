// Data hooks of deliberation: proposals, places, councils with their votes, meetings and pending matters, resolutions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CouncilList, ProposalPage, ResolutionList, VoteList, Meeting } from '../../../contracts/deliberation';
import { api } from '../../lib/api';

const KEY = ['deliberation'] as const;
export type ProposalData = z.infer<typeof ProposalPage>['items'][number];
export type CouncilData = z.infer<typeof CouncilList>['items'][number];
export type VoteData = z.infer<typeof VoteList>['items'][number];
export type MeetingData = z.infer<typeof Meeting>;
export type AgendaData = MeetingData['agenda'][number];
export type ResolutionData = z.infer<typeof ResolutionList>['items'][number];
export type PlaceData = { id: number; name: string; kind: string };

export const useProposals = (queue = false) =>
  useQuery({
    queryKey: [...KEY, 'proposals', queue],
    queryFn: () => api.get<z.infer<typeof ProposalPage>>('/api/deliberation/proposals', { queue: queue || undefined }),
  });
export const usePlaces = () =>
  useQuery({
    queryKey: [...KEY, 'places'],
    queryFn: () => api.get<{ items: PlaceData[] }>('/api/deliberation/places'),
  });
export const useCouncils = () =>
  useQuery({
    queryKey: [...KEY, 'councils'],
    queryFn: () => api.get<z.infer<typeof CouncilList>>('/api/deliberation/councils'),
  });
export const useVotes = (councilId: number) =>
  useQuery({
    queryKey: [...KEY, 'votes', councilId],
    queryFn: () => api.get<z.infer<typeof VoteList>>(`/api/deliberation/councils/${councilId}/votes`),
  });
/** A council's meetings (with their agenda and minutes) and the matters pending without a meeting. */
export const useMeetings = (councilId: number | undefined) =>
  useQuery({
    enabled: councilId != null,
    queryKey: [...KEY, 'meetings', councilId],
    queryFn: () =>
      api.get<{ meetings: MeetingData[]; pending: AgendaData[] }>(`/api/deliberation/councils/${councilId}/meetings`),
  });
export const useResolutions = (publicView: boolean) =>
  useQuery({
    queryKey: [...KEY, 'resolutions', publicView],
    queryFn: () =>
      api.get<z.infer<typeof ResolutionList>>(`/api/deliberation/${publicView ? 'public/' : ''}resolutions`),
  });

/** Any write under /api/deliberation; refreshes every deliberation query. */
export function useDelibPost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { path: string; body?: unknown; key?: string }) =>
      api.post<unknown>(
        `/api/deliberation${v.path}`,
        v.body ?? {},
        v.key ? { headers: { 'Idempotency-Key': v.key } } : {},
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** A PATCH under /api/deliberation (a meeting's attendance, minutes and status); refreshes every deliberation query. */
export function useDelibPatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { path: string; body: unknown }) => api.patch<unknown>(`/api/deliberation${v.path}`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export type ResidentHit = { id: number; name: string; birthDate: string; householdName: string; userId: number | null };
/** Residents in the caller's scope matching `q` (name, pinyin, initials, household), for a proxy or a member. */
export const useResidentSearch = (q: string) =>
  useQuery({
    enabled: q.trim().length > 0,
    queryKey: [...KEY, 'residents', q],
    queryFn: () => api.get<{ items: ResidentHit[] }>('/api/people/residents', { q, limit: 20 }),
    placeholderData: (prev) => prev,
  });
