// Data hooks of the auth domain: login, logout, change password, sessions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, setCsrfToken } from '../../lib/api';
import type { Me, SessionList } from '../../lib/types';
import { ME_KEY } from '../../app/session';

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** Signs in with a username or phone and a password; stores Me on success. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) =>
      api.post<Me>('/api/auth/login', body, { allow401: true }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

/** Signs out, forgets every cached answer and goes to the login page. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout', undefined, { allow401: true }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
      // Drop every other cached answer so the next person on this device sees nothing of the last.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    },
  });
}

/** Changes the signed-in user's password, then reloads Me (mustChangePassword clears). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ ok: true }>('/api/auth/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}

/** The signed-in user's sessions (devices). */
export function useSessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: () => api.get<SessionList>('/api/auth/sessions') });
}

/** Ends one session; ending the current one signs the user out. */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/auth/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}
