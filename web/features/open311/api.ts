// Data hooks of Open311 API keys: list, create (the plain key comes back once) and revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, CreatedApiKey } from '../../../contracts/open311';
import { api } from '../../lib/api';

export const KEYS_KEY = ['open311-keys'] as const;
const PATH = '/api/open311/keys';

export function useApiKeys() {
  return useQuery({ queryKey: KEYS_KEY, queryFn: () => api.get<{ items: ApiKey[] }>(PATH) });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedApiKey>(PATH, { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS_KEY }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`${PATH}/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS_KEY }),
  });
}
