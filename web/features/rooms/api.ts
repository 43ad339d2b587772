// Data hooks of rooms and spaces: the space list, a month of availability, a range of bookings, my bookings, booking.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Alternatives,
  Availability,
  BookingList,
  BookingResult,
  CreateBookingBody,
  CreateSpaceBody,
  PendingList,
  SpaceList,
  UpdateSpaceBody,
  Utilisation,
} from '../../../contracts/rooms';
import { api, request } from '../../lib/api';

const KEY = ['rooms'] as const;
export type SpaceData = z.infer<typeof SpaceList>['items'][number];
export type BookingData = z.infer<typeof BookingList>['items'][number];
export type AvailabilityData = z.infer<typeof Availability>;
export type AlternativeData = z.infer<typeof Alternatives>['items'][number];
export type UtilisationData = z.infer<typeof Utilisation>;
export type PendingData = z.infer<typeof PendingList>['items'][number];
export type CreateSpaceData = z.input<typeof CreateSpaceBody>;
export type UpdateSpaceData = z.input<typeof UpdateSpaceBody>;
export type BookingBody = Omit<z.input<typeof CreateBookingBody>, 'partId' | 'organisationId'> & { partId: number };

export function useSpaces() {
  return useQuery({
    queryKey: [...KEY, 'spaces'],
    queryFn: () => api.get<z.infer<typeof SpaceList>>('/api/rooms/spaces'),
  });
}

export function useAvailability(spaceId: number | null, month: string) {
  return useQuery({
    queryKey: [...KEY, 'availability', spaceId, month],
    enabled: spaceId != null,
    queryFn: () => api.get<AvailabilityData>(`/api/rooms/spaces/${spaceId}/availability`, { month }),
  });
}

export function useSpaceBookings(spaceId: number | null, from: string, to: string) {
  return useQuery({
    queryKey: [...KEY, 'bookings', spaceId, from, to],
    enabled: spaceId != null,
    queryFn: () => api.get<z.infer<typeof BookingList>>(`/api/rooms/spaces/${spaceId}/bookings`, { from, to }),
  });
}

export function useMyBookings() {
  return useQuery({
    queryKey: [...KEY, 'mine'],
    queryFn: () => api.get<z.infer<typeof BookingList>>('/api/rooms/bookings/mine'),
  });
}

export function useUtilisation(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'utilisation', from, to],
    enabled,
    queryFn: () => api.get<UtilisationData>('/api/rooms/utilisation', { from, to }),
  });
}

export function fetchAlternatives(spaceId: number, q: { partId: number; startsAt: string; endsAt: string }) {
  return api.get<z.infer<typeof Alternatives>>(`/api/rooms/spaces/${spaceId}/alternatives`, q);
}

/** Books with an Idempotency-Key made once per attempt, so a retried click never books twice. */
export function useBook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { spaceId: number; body: BookingBody; key: string }) =>
      request<z.infer<typeof BookingResult>>('POST', `/api/rooms/spaces/${v.spaceId}/bookings`, {
        body: v.body,
        headers: { 'Idempotency-Key': v.key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCancelBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; scope: 'this' | 'following' }) =>
      api.post<{ cancelled: number }>(`/api/rooms/bookings/${v.id}/cancel`, { scope: v.scope }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Defines a space (its managers: community workers, street officers, the district, a partner unit's staff). */
export function useCreateSpace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSpaceData) => api.post<SpaceData>('/api/rooms/spaces', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateSpace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; body: UpdateSpaceData }) => api.patch<SpaceData>(`/api/rooms/spaces/${v.id}`, v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Takes a space out of use (refused while bookings are to come). */
export function useRetireSpace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<void>(`/api/rooms/spaces/${id}/retire`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Bookings waiting for the caller's approval. */
export function usePending() {
  return useQuery({
    queryKey: [...KEY, 'approvals'],
    queryFn: () => api.get<z.infer<typeof PendingList>>('/api/rooms/approvals'),
  });
}

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      v: { id: number; scope: 'this' | 'following' } & ({ approve: true } | { approve: false; reason: string }),
    ) =>
      v.approve
        ? api.post<BookingData>(`/api/rooms/bookings/${v.id}/approve?scope=${v.scope}`)
        : api.post<BookingData>(`/api/rooms/bookings/${v.id}/refuse`, { reason: v.reason, scope: v.scope }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Moves one occurrence, or it and the rest of its series by the same amount; the server re-checks for conflicts. */
export function useMoveBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; scope: 'this' | 'following'; startsAt: string; endsAt: string }) =>
      api.patch<z.infer<typeof BookingList>>(`/api/rooms/bookings/${v.id}`, {
        scope: v.scope,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
