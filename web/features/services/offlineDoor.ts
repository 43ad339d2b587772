// The phone's outbox of services handled at the door (移动办公桌) while offline: kept in localStorage per user, sent with
// their Idempotency-Key when back online (the server answers a resend with the first record), as visits are.
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { ApiError, request } from '../../lib/api';
import { newIdempotencyKey } from '../cases/report/useReportDraft';

export type QueuedDoorService = {
  key: string;
  residentId: number;
  name: string;
  itemCode: string;
  itemName: string;
  /** When it was handled, shown in the outbox (the server records when it arrives). */
  at: string;
  error?: string;
};

const storeKey = (userId: number) => `jiayuan.doorQueue.${userId}`;
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: QueuedDoorService[] }>();

function read(userId: number): QueuedDoorService[] {
  const k = storeKey(userId);
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(k);
  } catch {
    raw = null;
  }
  const hit = cache.get(k);
  if (hit && hit.raw === raw) return hit.value;
  let value: QueuedDoorService[] = [];
  try {
    value = raw ? (JSON.parse(raw) as QueuedDoorService[]) : [];
  } catch {
    value = [];
  }
  cache.set(k, { raw, value });
  return value;
}

function write(userId: number, items: QueuedDoorService[]) {
  window.localStorage.setItem(storeKey(userId), JSON.stringify(items));
  for (const l of listeners) l();
}

const send = (v: QueuedDoorService) =>
  request<{ id: number }>('POST', '/api/services/applications', {
    body: { itemCode: v.itemCode, residentId: v.residentId, doneAtDoor: true },
    headers: { 'Idempotency-Key': v.key },
  });

/** A fetch that never reached the server (offline, DNS, dropped connection): the record stays queued. */
const unreachable = (e: unknown) =>
  e instanceof ApiError && (e.code === 'network' || e.status === 0 || e.status >= 502);

/** Records a service done at the door: straight to the server when online, else into the outbox. */
export async function recordDoorService(
  userId: number,
  v: Omit<QueuedDoorService, 'key' | 'at'>,
): Promise<{ queued: boolean; id?: number }> {
  const item: QueuedDoorService = { ...v, key: newIdempotencyKey(), at: new Date().toISOString() };
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    write(userId, [...read(userId), item]);
    return { queued: true };
  }
  try {
    const r = await send(item);
    return { queued: false, id: r.id };
  } catch (error) {
    if (!unreachable(error)) throw error;
    write(userId, [...read(userId), item]);
    return { queued: true };
  }
}

let flushing = false;
/** Sends the outbox in order; stops at the first unreachable send; a refusal stays in the outbox with its reason. */
export async function flushDoorServices(userId: number): Promise<number> {
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

export const discardDoorService = (userId: number, key: string) =>
  write(
    userId,
    read(userId).filter((v) => v.key !== key),
  );

/**
 * The queued door services of a user. With `onSynced` (the outbox, one per page) the queue is also flushed on mount and
 * whenever the browser comes back online; the buttons on each row only read it, so one flush reports what it sent.
 */
export function useDoorQueue(userId: number, onSynced?: (count: number) => void) {
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
  const synced = useRef(onSynced);
  synced.current = onSynced;
  const flushes = onSynced !== undefined;
  const flush = useCallback(async () => {
    const n = await flushDoorServices(userId);
    if (n > 0) synced.current?.(n);
  }, [userId]);
  useEffect(() => {
    if (!flushes) return;
    void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [flush, flushes]);
  return { items, flush };
}
