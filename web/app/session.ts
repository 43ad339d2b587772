// The signed-in user (Me): the query that loads it, the context the auth guard fills, and hooks to read it.
import { createContext, useContext } from 'react';
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

/**
 * Filled by the auth guard with the loaded Me. Reading it from context (not the query) means pages
 * never see Me vanish mid-render during logout: the guard swaps them out first.
 */
export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only valid below the auth guard. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe called outside the signed-in area');
  return me;
}

/** Whether the signed-in user holds a permission somewhere in their scope. */
export function useCan(permission: Permission): boolean {
  return useContext(MeContext)?.permissions.includes(permission) ?? false;
}
