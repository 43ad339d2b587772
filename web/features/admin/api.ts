// Data hooks of the administration pages: the person-tag catalogue, the business calendar, categories and their limits.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CalendarDay, CalendarYear } from '../../../contracts/calendar';
import type { Category, CategoryPatch, Rule } from '../../../contracts/cases';
import type { PersonTag as PersonTagSchema } from '../../../contracts/people';
import { api, request } from '../../lib/api';

const PEOPLE_KEY = ['people'] as const;
const CASES_KEY = ['cases'] as const;
const CALENDAR_KEY = ['calendar'] as const;

/** Every tag, retired ones included (the people pages' own hook keeps only active ones in view). */
export function useAllTags() {
  return useQuery({ queryKey: [...PEOPLE_KEY, 'tags'], queryFn: () => api.get<PersonTag[]>('/api/people/tags') });
}

export function useSaveTag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code?: string; name?: string; retired?: boolean; create?: boolean }) =>
      v.create
        ? api.post<PersonTag>('/api/people/tags', { name: v.name, ...(v.code ? { code: v.code } : {}) })
        : api.patch<PersonTag>(`/api/people/tags/${encodeURIComponent(v.code!)}`, {
            ...(v.name !== undefined ? { name: v.name } : {}),
            ...(v.retired !== undefined ? { retired: v.retired } : {}),
          }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'tags'] }),
  });
}

export type PersonTag = z.infer<typeof PersonTagSchema>;
export type CalendarYearData = z.infer<typeof CalendarYear>;
export type CalendarDayData = z.infer<typeof CalendarDay>;

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, year],
    queryFn: () => api.get<CalendarYearData>('/api/calendar', { year }),
  });
}

export function useSetCalendarDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { date: string; workday: boolean; name?: string }) =>
      request<CalendarDayData>('PUT', `/api/calendar/days/${v.date}`, {
        body: { workday: v.workday, ...(v.name ? { name: v.name } : {}) },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}

export function useClearCalendarDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api.delete<{ ok: true }>(`/api/calendar/days/${date}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}

export type CategoryData = z.infer<typeof Category>;
export type RuleData = z.infer<typeof Rule>;

/** Every category, inactive ones included, for the administrator. */
export function useAllCategories() {
  return useQuery({
    queryKey: [...CASES_KEY, 'categories', 'all'],
    queryFn: () => api.get<{ items: CategoryData[] }>('/api/cases/categories').then((r) => r.items),
  });
}

export function usePatchCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string; patch: z.infer<typeof CategoryPatch> }) =>
      api.patch<{ ok: true }>(`/api/cases/categories/${v.code}`, v.patch),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...CASES_KEY, 'categories'] }),
  });
}

export function useRules() {
  return useQuery({
    queryKey: [...CASES_KEY, 'rules'],
    queryFn: () => api.get<{ items: RuleData[] }>('/api/cases/responsibility-rules').then((r) => r.items),
  });
}

export function useSetRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { categoryCode: string; nodeId: number; organisationId: number }) =>
      request<{ ok: true }>('PUT', '/api/cases/responsibility-rules', { body: v }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...CASES_KEY, 'rules'] }),
  });
}

export function useRemoveRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/api/cases/responsibility-rules/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...CASES_KEY, 'rules'] }),
  });
}
