// Data hooks of the party organisation tree: pages of children, create, update (rename, secretary, retire).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { CreatePartyOrgBody, Page, PartyOrg, UpdatePartyOrgBody } from '../../lib/types';

export const PARTY_KEY = ['party'] as const;
const ORGS = '/api/party/orgs';

/** One page of party organisations under a parent (or the top ones when parentId is null). */
export function fetchPartyOrgs(parentId: number | null, cursor: string | undefined, includeRetired: boolean) {
  return api.get<Page<PartyOrg>>(ORGS, {
    parentId: parentId ?? undefined,
    cursor,
    limit: 100,
    includeRetired: includeRetired || undefined,
  });
}

export function useCreatePartyOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePartyOrgBody) => api.post<PartyOrg>(ORGS, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PARTY_KEY }),
  });
}

export function useUpdatePartyOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdatePartyOrgBody }) => api.patch<PartyOrg>(`${ORGS}/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PARTY_KEY }),
  });
}
