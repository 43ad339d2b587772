// Data hooks of property supervision and the evaluation from below (under /api/supervision).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AnswerBody,
  ComplaintRates,
  ContractList,
  CreateRuleBody,
  Decision,
  DecisionList,
  FundEntryBody,
  FundLedger,
  ListRuleList,
  PublicList,
  Scorecard,
  SurveyList,
  SurveyResults,
} from '../../../contracts/supervision';
import { api } from '../../lib/api';

export const SUPERVISION_KEY = ['supervision'] as const;
const S = '/api/supervision';

const useGet = <T>(key: unknown[], path: string, query?: Record<string, string | number | undefined>, enabled = true) =>
  useQuery({ queryKey: [...SUPERVISION_KEY, ...key], queryFn: () => api.get<T>(`${S}${path}`, query), enabled });

export const useSurveys = () => useGet<z.infer<typeof SurveyList>>(['surveys'], '/surveys');
export const useSurveyResults = (id: number | null) =>
  useGet<z.infer<typeof SurveyResults>>(['results', id], `/surveys/${id}/results`, undefined, id != null);
export const usePublicList = () => useGet<z.infer<typeof PublicList>>(['public'], '/public/lists');
export const useContracts = () => useGet<z.infer<typeof ContractList>>(['contracts'], '/contracts');
export const useRates = (from: string, to: string) =>
  useGet<z.infer<typeof ComplaintRates>>(['rates', from, to], '/complaint-rates', { from, to });
export const useRules = () => useGet<z.infer<typeof ListRuleList>>(['rules'], '/rules');
export const useDecisions = () => useGet<z.infer<typeof DecisionList>>(['decisions'], '/decisions');
export const useFund = (estateNodeId: number | null) =>
  useGet<z.infer<typeof FundLedger>>(
    ['fund', estateNodeId],
    '/fund',
    { estateNodeId: estateNodeId ?? undefined },
    estateNodeId != null,
  );
export const useScorecard = (year: number) =>
  useGet<z.infer<typeof Scorecard>>(['scorecard', year], '/scorecards', { year });

function useWrite<B, R = unknown>(fn: (b: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: SUPERVISION_KEY }) });
}

export const useAnswer = () =>
  useWrite((b: { id: number; body: z.infer<typeof AnswerBody> }) => api.post(`${S}/surveys/${b.id}/answers`, b.body));
export const useAddRule = () => useWrite((b: z.input<typeof CreateRuleBody>) => api.post(`${S}/rules`, b));
export const useEvaluate = () =>
  useWrite((period: string) => api.post<{ created: number }>(`${S}/decisions/evaluate`, { period }));
export const useDecisionStep = () =>
  useWrite((b: { id: number; step: 'publish' | 'appeal' | 'resolve'; body?: object }) =>
    api.post<Decision>(`${S}/decisions/${b.id}/${b.step}`, b.body ?? {}),
  );
export const useFundEntry = () => useWrite((b: z.input<typeof FundEntryBody>) => api.post(`${S}/fund`, b));
