// Request priority for the embedded database: work inside `lowPriority` (the expensive reads) gives way to others.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Work that may wait for others: queries run inside it give way to everyone else's on PGlite (see db.ts). */
export const lowPriority = new AsyncLocalStorage<true>();

let inFlight = 0;
let idle: { promise: Promise<void>; resolve(): void } | null = null;

/** A request that is not a heavy read has started (health, login, lists, writes). */
export function normalStarted() {
  inFlight++;
}

/** …and ended. */
export function normalEnded() {
  if (--inFlight > 0 || !idle) return;
  idle.resolve();
  idle = null;
}

/** Resolves when no normal request is in flight, or after `maxMs` (so heavy reads are delayed, never starved). */
export async function normalIdle(maxMs: number): Promise<void> {
  if (inFlight <= 0) return;
  if (!idle) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    idle = { promise, resolve };
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([idle.promise, new Promise<void>((r) => (timer = setTimeout(r, maxMs)))]);
  clearTimeout(timer);
}
