// Data of the home screen: the first page of an inbox box (its length is the count, "50+" past one page) and the year's figures.
import { useQuery } from '@tanstack/react-query';
import type { Query } from '../../lib/api';
import { api } from '../../lib/api';
import type { CaseSummary, MetricsSummary, Page } from '../../lib/types';
import { CASES_KEY, CASES_PATH } from '../cases/api';

/** One page is enough for a home screen: it says "50+" rather than counting thousands of rows. */
export const HOME_LIMIT = 50;

export function useBox(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: [...CASES_KEY, 'list', 'home', query],
    queryFn: () => api.get<Page<CaseSummary>>(CASES_PATH, { ...query, limit: HOME_LIMIT }),
    enabled,
  });
}

/** The area's figures for this calendar year (the metrics page's default period), in the viewer's scope. */
export function useYearFigures(enabled: boolean) {
  const year = new Date().getFullYear();
  const f = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  return useQuery({
    queryKey: ['metrics', 'summary', f],
    queryFn: () => api.get<MetricsSummary>('/api/metrics/summary', f),
    enabled,
  });
}

/** "3", or "50+" when the page was full and more wait behind it. */
export const countText = (page: Page<unknown> | undefined) =>
  page ? `${page.items.length}${page.nextCursor ? '+' : ''}` : '—';
