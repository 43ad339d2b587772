// The phone's queue of visits recorded offline: kept in localStorage per user, sent with their idempotency key when back online.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ApiError, request } from '../../lib/api';
import { newIdempotencyKey } from '../cases/report/useReportDraft';
import type { z } from 'zod';
import type * as People from '../../../contracts/people';

// The visit type from the contract itself, not from ./api (which imports this file): no import cycle.
type Visit = z.infer<typeof People.Visit>;

export type QueuedVisit = {
  key: string;
  residentId: number;
  name: string;
  body: { visitedOn: string; note: string };
  error?: string;
};

const storeKey = (userId: number) => `jiayuan.visitQueue.${userId}`;
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: QueuedVisit[] }>();

function read(userId: number): QueuedVisit[] {
  const k = storeKey(userId);
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(k);
  } catch {
    raw = null;
  }
  const hit = cache.get(k);
  if (hit && hit.raw === raw) return hit.value;
  let value: QueuedVisit[] = [];
  try {
    value = raw ? (JSON.parse(raw) as QueuedVisit[]) : [];
  } catch {
    value = [];
  }
  cache.set(k, { raw, value });
  return value;
}

function write(userId: number, items: QueuedVisit[]) {
  window.localStorage.setItem(storeKey(userId), JSON.stringify(items));
  for (const l of listeners) l();
}

const send = (v: QueuedVisit) =>
  request<Visit>('POST', `/api/people/residents/${v.residentId}/visits`, {
    body: v.body,
    headers: { 'Idempotency-Key': v.key },
  });

/** A fetch that never reached the server (offline, DNS, dropped connection): the visit stays queued. */
const unreachable = (e: unknown) =>
  e instanceof ApiError && (e.code === 'network' || e.status === 0 || e.status >= 502);

/** Records a visit: straight to the server when online, else into the queue; the key makes a resend of either safe. */
export async function recordVisit(
  userId: number,
  residentId: number,
  name: string,
  body: QueuedVisit['body'],
): Promise<{ queued: boolean }> {
  const item: QueuedVisit = { key: newIdempotencyKey(), residentId, name, body };
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    write(userId, [...read(userId), item]);
    return { queued: true };
  }
  try {
    await send(item);
    return { queued: false };
  } catch (error) {
    if (!unreachable(error)) throw error;
    write(userId, [...read(userId), item]);
    return { queued: true };
  }
}

let flushing = false;
/** Sends the queue in order; stops at the first unreachable send; a refusal stays in the queue with its reason. */
export async function flushVisits(userId: number): Promise<number> {
  if (flushing) return 0;
  flushing = true;
  let sent = 0;
  try {
    for (const item of read(userId)) {
      if (item.error) continue;
      try {
        await send(item);
        sent++;
        write(
          userId,
          read(userId).filter((v) => v.key !== item.key),
        );
      } catch (error) {
        if (unreachable(error)) break;
        const message = error instanceof Error ? error.message : String(error);
        write(
          userId,
          read(userId).map((v) => (v.key === item.key ? { ...v, error: message } : v)),
        );
      }
    }
  } finally {
    flushing = false;
  }
  return sent;
}

export const discardVisit = (userId: number, key: string) =>
  write(
    userId,
    read(userId).filter((v) => v.key !== key),
  );

/** The queued visits of a user, flushed on mount and whenever the browser comes back online. */
export function useVisitQueue(userId: number, onSynced?: (count: number) => void) {
  const subscribe = useCallback((l: () => void) => {
    listeners.add(l);
    const onStorage = () => l();
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(l);
      window.removeEventListener('storage', onStorage);
    };
  }, []);
  const items = useSyncExternalStore(subscribe, () => read(userId));
  const flush = useCallback(async () => {
    const n = await flushVisits(userId);
    if (n > 0) onSynced?.(n);
  }, [userId, onSynced]);
  useEffect(() => {
    void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [flush]);
  return { items, flush };
}
