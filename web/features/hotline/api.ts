// Data hooks and calls of the hotline page: work orders, import, the unresolved queue, rates, unreasonable requests.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as Hotline from '../../../contracts/hotline';
import { api, download, saveBlob } from '../../lib/api';

export type Order = z.infer<typeof Hotline.OrderView>;
export type OrderDetail = z.infer<typeof Hotline.OrderDetail>;
export type OrderStatus = z.infer<typeof Hotline.OrderStatus>;
export type ImportPreview = z.infer<typeof Hotline.HotlineImportPreview>;
export type ImportResult = z.infer<typeof Hotline.HotlineImportResult>;
export type Rates = z.infer<typeof Hotline.HotlineRates>;

export const HOTLINE_KEY = ['hotline'] as const;
export const HOTLINE_PATH = '/api/hotline';

export function useOrder(id: number | null) {
  return useQuery({
    queryKey: [...HOTLINE_KEY, 'order', id],
    queryFn: () => api.get<OrderDetail>(`${HOTLINE_PATH}/orders/${id}`),
    enabled: id != null,
  });
}

export function useRates(q: { nodeId?: number; from?: string; to?: string }) {
  return useQuery({
    queryKey: [...HOTLINE_KEY, 'rates', q],
    queryFn: () => api.get<Rates>(`${HOTLINE_PATH}/rates`, q),
  });
}

/** After any change to an order: lists, queue, rates and the order itself are stale. */
function useOrderMutation<B>(call: (id: number, body: B) => Promise<OrderDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: B }) => call(id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: HOTLINE_KEY }),
  });
}

export const useResolve = () =>
  useOrderMutation((id, body: { nodeId: number; categoryCode?: string }) =>
    api.post<OrderDetail>(`${HOTLINE_PATH}/orders/${id}/resolve`, body),
  );
export const usePropose = () =>
  useOrderMutation((id, body: { reason: string }) =>
    api.post<OrderDetail>(`${HOTLINE_PATH}/orders/${id}/unreasonable`, body),
  );
export const useDecide = () =>
  useOrderMutation((id, body: { approve: boolean; note?: string }) =>
    api.post<OrderDetail>(`${HOTLINE_PATH}/orders/${id}/unreasonable/decision`, body),
  );

export function uploadExport(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<ImportPreview>(`${HOTLINE_PATH}/imports`, form);
}
export const importStatus = (id: string) => api.get<ImportPreview>(`${HOTLINE_PATH}/imports/${id}`);
export const commitImport = (id: string) => api.post<ImportResult>(`${HOTLINE_PATH}/imports/${id}/commit`);
export const downloadTemplate = async () => saveBlob(await download(`${HOTLINE_PATH}/import/template.xlsx`));
export const downloadReplies = async (q: { from?: string; to?: string }) =>
  saveBlob(await download(`${HOTLINE_PATH}/replies.xlsx`, q));
