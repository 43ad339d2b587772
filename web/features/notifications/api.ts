// Data hooks of the notification centre: the unread count (polled), the list, mark one or all read, and the text.
import { useContext } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MeContext } from '../../app/session';
import type { Translate } from '../../app/i18n';
import { api } from '../../lib/api';
import type { Notification, NotificationPage } from '../../lib/types';

export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const NOTIFICATIONS_PATH = '/api/notifications';
const POLL_MS = 30_000;

/** The unread count for the bell, asked again every 30 s (and after any case write). */
export function useUnreadCount() {
  // Until a must-change password is changed the server answers nothing but that, so do not ask.
  const mustChange = useContext(MeContext)?.mustChangePassword === true;
  return useQuery({
    enabled: !mustChange,
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => api.get<NotificationPage>(NOTIFICATIONS_PATH, { unread: true, limit: 1 }).then((p) => p.unreadCount),
    refetchInterval: POLL_MS,
    staleTime: POLL_MS,
  });
}

/** Marks one notification read (id) or all of them (null). */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number | null) =>
      api.post<{ ok: true }>(id === null ? `${NOTIFICATIONS_PATH}/read-all` : `${NOTIFICATIONS_PATH}/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/**
 * The sentence of a notification: its kind from the catalogue and what the server put in `title` — a case's number, or
 * for any other record (an application, a booking, an activity) its own number or name, not called a case.
 */
export function notificationText(n: Notification, t: Translate): string {
  const kind = t(`notif.kind.${n.kind}`);
  return n.caseId == null
    ? t('notif.textRecord', { kind, title: n.title })
    : t('notif.text', { kind, number: n.title });
}
