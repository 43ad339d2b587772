// The signed-in user (Me): the query that loads it and hooks to read it and its permissions.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../lib/api';
import type { Me } from '../lib/types';
import type { Permission } from '../../contracts/auth';

export const ME_KEY = ['me'] as const;

/** Loads Me; resolves to null when nobody is signed in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me', undefined, { allow401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The Me query itself (for the guard that decides between the app and the login page). */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user; only call below the auth guard, where Me is known to be loaded. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe called outside the signed-in area');
  return data;
}

/** Whether the signed-in user holds a permission somewhere in their scope. */
export function useCan(permission: Permission): boolean {
  const { data } = useMeQuery();
  return data?.permissions.includes(permission) ?? false;
}
