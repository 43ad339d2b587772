// Data hooks of organisations (departments, partner units, property companies, social organisations).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { CreateOrganisationBody, Organisation, UpdateOrganisationBody } from '../../lib/types';

export const ORGANISATIONS_KEY = ['organisations'] as const;
export const ORGANISATIONS_PATH = '/api/organisations';

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganisationBody) => api.post<Organisation>(ORGANISATIONS_PATH, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY }),
  });
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateOrganisationBody }) =>
      api.patch<Organisation>(`${ORGANISATIONS_PATH}/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY }),
  });
}
