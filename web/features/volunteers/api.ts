// Data hooks of volunteers: my profile and hours, activities (open, mine, managed), sign-up and cancel, teams,
// volunteers, a shift's attendance and its confirmation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Activity,
  ActivityList,
  CancelResult,
  ConfirmAttendanceBody,
  ConfirmResult,
  CreateActivityBody,
  CreateTeamBody,
  MyHours,
  Profile,
  ShiftAttendance,
  SignupResult,
  Team,
  TeamList,
  VolunteerList,
} from '../../../contracts/volunteers';
import { api } from '../../lib/api';

const KEY = ['volunteers'] as const;
export type ActivityData = z.infer<typeof Activity>;
export type ShiftData = ActivityData['shifts'][number];

export const useMyProfile = () =>
  useQuery({ queryKey: [...KEY, 'me'], queryFn: () => api.get<z.infer<typeof Profile>>('/api/volunteers/me') });
export const useMyHours = () =>
  useQuery({
    queryKey: [...KEY, 'hours'],
    queryFn: () => api.get<z.infer<typeof MyHours>>('/api/volunteers/me/hours'),
  });
export const useActivities = (scope: 'open' | 'mine' | 'managed') =>
  useQuery({
    queryKey: [...KEY, 'activities', scope],
    queryFn: () => api.get<z.infer<typeof ActivityList>>('/api/volunteers/activities', { scope }),
  });
export const useTeams = () =>
  useQuery({ queryKey: [...KEY, 'teams'], queryFn: () => api.get<z.infer<typeof TeamList>>('/api/volunteers/teams') });
export const useVolunteers = () =>
  useQuery({
    queryKey: [...KEY, 'people'],
    queryFn: () => api.get<z.infer<typeof VolunteerList>>('/api/volunteers/people'),
  });
export const useAttendance = (shiftId: number | null) =>
  useQuery({
    queryKey: [...KEY, 'attendance', shiftId],
    enabled: shiftId != null,
    queryFn: () => api.get<z.infer<typeof ShiftAttendance>>(`/api/volunteers/shifts/${shiftId}/attendance`),
  });

function useInvalidating<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}
export const useSignUp = () =>
  useInvalidating((shiftId: number) =>
    api.post<z.infer<typeof SignupResult>>(`/api/volunteers/shifts/${shiftId}/signup`),
  );
export const useCancelSignUp = () =>
  useInvalidating((shiftId: number) =>
    api.post<z.infer<typeof CancelResult>>(`/api/volunteers/shifts/${shiftId}/cancel`),
  );
export const useCreateActivity = () =>
  useInvalidating((body: z.input<typeof CreateActivityBody>) =>
    api.post<ActivityData>('/api/volunteers/activities', body),
  );
export const useCreateTeam = () =>
  useInvalidating((body: z.input<typeof CreateTeamBody>) =>
    api.post<z.infer<typeof Team>>('/api/volunteers/teams', body),
  );
export const useConfirmAttendance = () =>
  useInvalidating((v: { shiftId: number; body: ConfirmAttendanceBody }) =>
    api.post<z.infer<typeof ConfirmResult>>(`/api/volunteers/shifts/${v.shiftId}/attendance`, v.body),
  );
