// Data hooks of the metrics page: summary, breakdown, scores, the ledger download, and number formatting.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Breakdown } from '../../../contracts/metrics';
import { api, download, saveBlob, type Query } from '../../lib/api';
import type { BreakdownResult, MetricsSummary, ScoresResult } from '../../lib/types';

export const METRICS_KEY = ['metrics'] as const;
const PATH = '/api/metrics';

/** The shared filters: a period of whole days (`to` exclusive) and an optional territory node. */
export type MetricsFilters = { from: string; to: string; nodeId?: number };

export function useSummary(f: MetricsFilters) {
  return useQuery({
    queryKey: [...METRICS_KEY, 'summary', f],
    queryFn: () => api.get<MetricsSummary>(`${PATH}/summary`, f as Query),
    placeholderData: keepPreviousData,
  });
}

export function useBreakdown(f: MetricsFilters, by: Breakdown) {
  return useQuery({
    queryKey: [...METRICS_KEY, 'breakdown', f, by],
    queryFn: () => api.get<BreakdownResult>(`${PATH}/breakdown`, { ...f, by } as Query),
    placeholderData: keepPreviousData,
  });
}

export function useScores(f: MetricsFilters, kind: 'department' | 'community') {
  return useQuery({
    queryKey: [...METRICS_KEY, 'scores', f.from, f.to, kind],
    queryFn: () => api.get<ScoresResult>(`${PATH}/scores`, { from: f.from, to: f.to, kind }),
    placeholderData: keepPreviousData,
  });
}

/** Downloads the ledger workbook for the same filters and hands it to the browser as a file. */
export async function downloadLedger(f: MetricsFilters): Promise<void> {
  saveBlob(await download(`${PATH}/ledger.xlsx`, f as Query));
}

/** A rate (fraction) as a percentage, '—' when there is nothing to divide by. */
export const percent = (rate: number | null | undefined) => (rate == null ? '—' : `${(rate * 100).toFixed(1)}%`);
