// One worker thread that checks boundary topology, so a big polygon never blocks the event loop for other requests.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../platform/errors';

export type TopologyChecker = {
  /** Whether each geometry is valid (closed, simple rings that do not cross); refuses when busy or too slow. */
  check(geometries: unknown[]): Promise<boolean[]>;
  close(): Promise<void>;
};

type Task = { geometries: unknown[]; resolve(v: boolean[]): void; reject(e: unknown): void };

const WORKER_URL = new URL('./topology-worker.mjs', import.meta.url);

/**
 * A pool of one: tasks run one after another, at most `maxQueued` wait, and a task that outlives `timeoutMs` has
 * its worker terminated (the only way to stop synchronous Turf code) and the request refused; the next task
 * starts a fresh worker. The worker is unref'd so an idle one does not keep the process alive.
 */
export function createTopologyChecker(opts: { timeoutMs: number; maxQueued: number }): TopologyChecker {
  let worker: Worker | null = null;
  let running: (Task & { id: number; timer: NodeJS.Timeout }) | null = null;
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Worker {
    const w = new Worker(WORKER_URL);
    w.unref();
    w.on('message', (m: { id: number; valid: boolean[] }) => {
      if (!running || running.id !== m.id) return;
      finish().resolve(m.valid);
    });
    w.on('error', (err) => {
      worker = null;
      if (running) finish().reject(err);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
    });
    return w;
  }

  function finish(): Task {
    const t = running!;
    clearTimeout(t.timer);
    running = null;
    setImmediate(pump);
    return t;
  }

  function pump() {
    if (running || closed) return;
    const task = queue.shift();
    if (!task) return;
    worker ??= spawn();
    const id = nextId++;
    const timer = setTimeout(() => {
      const w = worker;
      worker = null;
      void w?.terminate();
      finish().reject(
        new AppError('invalid_geometry', [
          { path: 'geometry', message: `the boundaries took longer than ${opts.timeoutMs / 1000} s to check` },
        ]),
      );
    }, opts.timeoutMs);
    running = { ...task, id, timer };
    worker.postMessage({ id, geometries: task.geometries });
  }

  return {
    check(geometries) {
      if (geometries.length === 0) return Promise.resolve([]);
      if (closed) return Promise.reject(new AppError('unavailable'));
      if (queue.length >= opts.maxQueued) return Promise.reject(new AppError('rate_limited'));
      return new Promise((resolve, reject) => {
        queue.push({ geometries, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const t of queue.splice(0)) t.reject(new AppError('unavailable'));
      if (running) finish().reject(new AppError('unavailable'));
      await worker?.terminate();
      worker = null;
    },
  };
}
