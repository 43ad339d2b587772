// Data hooks and calls of residents and households: list, one resident, reveal, household page, tags, care and visits.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as People from '../../../contracts/people';
import { api, download, request, saveBlob } from '../../lib/api';
import type { Page, User } from '../../lib/types';
import { recordVisit } from './offlineVisits';

export type Resident = z.infer<typeof People.Resident>;
export type ResidenceType = z.infer<typeof People.ResidenceType>;
export type CreateResidentBody = z.input<typeof People.CreateResidentBody>;
export type HouseholdPage = z.infer<typeof People.HouseholdPage>;
export type PersonTag = z.infer<typeof People.PersonTag>;
export type ImportPreview = z.infer<typeof People.ImportPreview>;
export type ImportCommitResult = z.infer<typeof People.ImportCommitResult>;
export type CareLevel = z.infer<typeof People.CareLevel>;
export type Care = z.infer<typeof People.Care>;
export type PutCareBody = z.input<typeof People.PutCareBody>;
export type DueItem = z.infer<typeof People.DueItem>;
export type Visit = z.infer<typeof People.Visit>;
export type UpdateResidentBody = z.input<typeof People.UpdateResidentBody>;
export type PutHousingBody = z.input<typeof People.PutHousingBody>;
export type IdKind = z.infer<typeof People.IdKind>;
export type DiaryEntry = z.infer<typeof People.DiaryEntry>;
export type DiaryDay = z.infer<typeof People.DiaryDay>;
export type CreateDiaryBody = z.input<typeof People.CreateDiaryBody>;
export const ID_KINDS: IdKind[] = ['resident_id', 'passport', 'hk_mo_tw', 'foreign_permanent', 'other', 'none'];

export const PEOPLE_KEY = ['people'] as const;
export const PEOPLE_PATH = '/api/people';
export const RESIDENCE_TYPES: ResidenceType[] = ['registered', 'permanent', 'floating', 'lodging'];
export const CARE_LEVELS: CareLevel[] = ['red', 'yellow', 'blue'];

/** The filters of the resident list (also the export's). */
export type ResidentFilters = { q?: string; tag?: string; residenceType?: ResidenceType; includeMovedOut?: boolean };

/** The person-tag catalogue (active tags), cached for the session. */
export function usePersonTags() {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'tags'],
    queryFn: () => api.get<PersonTag[]>(`${PEOPLE_PATH}/tags`),
    staleTime: 30 * 60_000,
  });
}

/** One resident (masked). */
export function useResident(id: number | null) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'resident', id],
    queryFn: () => api.get<Resident>(`${PEOPLE_PATH}/residents/${id}`),
    enabled: id !== null,
  });
}

/** A household: its node, housing and everyone living in it. */
export function useHousehold(nodeId: number) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'household', nodeId],
    queryFn: () => api.get<HouseholdPage>(`${PEOPLE_PATH}/households/${nodeId}`),
    enabled: Number.isInteger(nodeId) && nodeId > 0,
  });
}

/** Shows one full ID number or phone (audited on the server). */
export function reveal(id: number, field: 'idNumber' | 'phone') {
  return api.post<{ field: string; value: string | null }>(`${PEOPLE_PATH}/residents/${id}/reveal`, { field });
}

/** Registers a resident; refreshes the lists. */
export function useCreateResident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateResidentBody) => api.post<Resident>(`${PEOPLE_PATH}/residents`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PEOPLE_KEY }),
  });
}

/** Everyone with a care level in the viewer's scope whose visit falls due within `withinDays`. */
export function useDue(withinDays: number, assignedToMe: boolean, enabled = true) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'due', withinDays, assignedToMe],
    // Leave the flag out when false: the server's z.coerce.boolean reads the string 'false' as true.
    queryFn: () =>
      api.get<DueItem[]>(`${PEOPLE_PATH}/care/due`, { withinDays, assignedToMe: assignedToMe || undefined }),
    enabled,
  });
}

/** Care levels by resident id: every level's next visit is at most a quarter away, so a year ahead sees them all. */
export function useCareMap(enabled: boolean) {
  const due = useDue(366, false, enabled);
  const map = new Map<number, DueItem>();
  for (const item of due.data ?? []) map.set(item.residentId, item);
  return map;
}

/** Sets a resident's care level with a reason and an assignee. */
export function usePutCare(residentId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutCareBody) => request<Care>('PUT', `${PEOPLE_PATH}/residents/${residentId}/care`, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'due'] }),
  });
}

/** The visits of one resident, newest first. */
export function useVisits(residentId: number | null, enabled = true) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'visits', residentId],
    queryFn: () => api.get<Visit[]>(`${PEOPLE_PATH}/residents/${residentId}/visits`),
    enabled: enabled && residentId !== null,
  });
}

/** Records a home visit; offline it is queued on the phone (see offlineVisits.ts) and `queued` says so. */
export function useRecordVisit(userId: number, residentId: number, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { visitedOn: string; note: string }) => recordVisit(userId, residentId, name, body),
    // TanStack Query would pause an offline mutation; the visit must reach the phone's own queue instead.
    networkMode: 'always',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'due'] });
      void queryClient.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'visits', residentId] });
    },
  });
}

/** Grid workers (and other users) in scope, for the care assignee picker. */
export function searchUsers(q: string) {
  return api.get<Page<User>>('/api/users', { q, limit: 20 }).then((p) => p.items);
}

export const downloadTemplate = () => download(`${PEOPLE_PATH}/import/template.xlsx`).then(saveBlob);
export const exportResidents = (filters: ResidentFilters) =>
  download(`${PEOPLE_PATH}/export.xlsx`, filters).then(saveBlob);

/** Uploads a workbook for a preview (nothing saved yet). */
export function uploadImport(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<ImportPreview>(`${PEOPLE_PATH}/imports`, form);
}
export const commitImport = (id: string) => api.post<ImportCommitResult>(`${PEOPLE_PATH}/imports/${id}/commit`);

/** Today in China (YYYY-MM-DD), the server's calendar. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Edits a resident (identity, contact, household, tags); refreshes lists and the drawer. */
export function useUpdateResident(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateResidentBody) => request<Resident>('PATCH', `${PEOPLE_PATH}/residents/${id}`, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PEOPLE_KEY }),
  });
}

/** Records a move out (date and destination); the record stays. */
export function useMoveOut(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { movedOutOn: string; destination: string }) =>
      api.post<Resident>(`${PEOPLE_PATH}/residents/${id}/move-out`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PEOPLE_KEY }),
  });
}

/** Sets how a household's dwelling is used. */
export function usePutHousing(nodeId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutHousingBody) => request('PUT', `${PEOPLE_PATH}/households/${nodeId}/housing`, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'household', nodeId] }),
  });
}

/** A month of field diary entries in scope. */
export function useDiary(month: string, gridId: number | undefined, mine: boolean) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'diary', month, gridId, mine],
    queryFn: () => api.get<DiaryEntry[]>(`${PEOPLE_PATH}/diary`, { month, gridId, mine: mine || undefined }),
  });
}

/** My own day (我的一天): what my recorded work says I did on a date. */
export function useDiaryDay(date: string) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'diary', 'day', date],
    queryFn: () => api.get<DiaryDay>(`${PEOPLE_PATH}/diary/day`, { date }),
  });
}

export function useCreateDiary() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDiaryBody) => api.post<DiaryEntry>(`${PEOPLE_PATH}/diary`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'diary'] }),
  });
}

export const diaryToCase = (id: number, categoryCode: string) =>
  api.post<{ entryId: number; caseId: number; created: boolean }>(`${PEOPLE_PATH}/diary/${id}/case`, { categoryCode });
export const downloadLedger = (gridId: number, month: string) =>
  download(`${PEOPLE_PATH}/diary/ledger.xlsx`, { gridId, month }).then(saveBlob);
export const searchResidents = (q: string) =>
  api.get<Page<Resident>>(`${PEOPLE_PATH}/residents`, { q, limit: 20 }).then((p) => p.items);
