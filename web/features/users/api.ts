// Data hooks of user accounts: create and update (profile, disable, reset password, role bindings).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { CreateUserBody, UpdateUserBody, User } from '../../lib/types';

export const USERS_KEY = ['users'] as const;
export const USERS_PATH = '/api/users';

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<User>(USERS_PATH, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateUserBody }) => api.patch<User>(`${USERS_PATH}/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}
