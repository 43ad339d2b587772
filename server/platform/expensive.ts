// Expensive reads (long-period figures, exports): at most a few at once per account and in all, and so many a minute
// per account, so that one account's flood cannot stall health checks, logins and everyone else's work.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { lowPriority, normalEnded, normalStarted } from './priority';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** 'METHOD /url' of every route registered with `expensive: true` (for tests and review). */
    expensiveRoutes: Set<string>;
  }
  interface FastifyContextConfig {
    /** A heavy read: admitted through the per-account and global gates of the expensive-read plugin. */
    expensive?: boolean;
  }
}

export type ExpensiveLimits = {
  /** Heavy requests of one account running at once, and waiting behind them; beyond both: 429. */
  perAccountRunning: number;
  perAccountWaiting: number;
  /** Heavy requests of one account started per minute (through @fastify/rate-limit). */
  perAccountPerMinute: number;
  /**
   * Heavy requests running at once over all accounts. The embedded database runs one query at a time for everyone,
   * so there it is 1: light requests (health, login, lists) then wait for at most one heavy query, not a queue of them.
   */
  globalRunning: number;
  globalWaiting: number;
  /** How long a heavy request may wait for its turn before it is refused. */
  waitMs: number;
};

export const DEFAULT_EXPENSIVE_LIMITS: Omit<ExpensiveLimits, 'globalRunning'> = {
  perAccountRunning: 2,
  perAccountWaiting: 8,
  perAccountPerMinute: 30,
  globalWaiting: 64,
  waitMs: 20_000,
};

type Release = () => void;
class Busy extends Error {}

/** A counting semaphore with a bounded FIFO of waiters; `acquire` throws Busy when the queue is full or the wait too long. */
class Semaphore {
  private active = 0;
  private readonly queue: { grant(): void }[] = [];
  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
  ) {}

  get idle() {
    return this.active === 0 && this.queue.length === 0;
  }

  async acquire(waitMs: number): Promise<Release> {
    if (this.active < this.max) {
      this.active++;
      return this.releaser();
    }
    if (this.queue.length >= this.maxWaiting) throw new Busy();
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        reject(new Busy());
      }, waitMs);
      this.queue.push(waiter);
    });
    return this.releaser();
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      if (next) next.grant();
      else this.active--;
    };
  }
}

/** The two gates: one per account (so a flood waits behind itself), then one for the whole server. */
export function createExpensiveGate(limits: ExpensiveLimits) {
  const accounts = new Map<string, Semaphore>();
  const global = new Semaphore(limits.globalRunning, limits.globalWaiting);
  return {
    /** Waits for a turn; throws AppError rate_limited when the account's or the server's queue is full. */
    async enter(key: string): Promise<Release> {
      let mine = accounts.get(key);
      if (!mine) accounts.set(key, (mine = new Semaphore(limits.perAccountRunning, limits.perAccountWaiting)));
      const account = mine;
      const forget = () => {
        if (account.idle && accounts.get(key) === account) accounts.delete(key);
      };
      let leaveAccount: Release;
      try {
        leaveAccount = await account.acquire(limits.waitMs);
      } catch (err) {
        forget();
        if (!(err instanceof Busy)) throw err;
        throw new AppError('rate_limited', [
          {
            path: 'request',
            message: `at most ${limits.perAccountRunning} heavy requests of one account run at a time and ${limits.perAccountWaiting} wait`,
          },
        ]);
      }
      try {
        const leaveGlobal = await global.acquire(limits.waitMs);
        return () => {
          leaveGlobal();
          leaveAccount();
          forget();
        };
      } catch (err) {
        leaveAccount();
        forget();
        if (!(err instanceof Busy)) throw err;
        throw new AppError('rate_limited', [
          { path: 'request', message: `the server is busy with heavy requests; retry in ${RETRY_AFTER_S} s` },
        ]);
      }
    },
  };
}

const RETRY_AFTER_S = 5;
const accountKey = (req: FastifyRequest) => (req.actor ? `u:${req.actor.userId}` : `ip:${req.ip}`);

/**
 * Gates every route whose config says `expensive: true`. Runs in preHandler, after validation, so a malformed
 * request is refused without taking a turn; the turn is given back when the response ends or the client goes away.
 */
export const expensiveReads = fp(async (app: FastifyInstance, limits: ExpensiveLimits) => {
  const gate = createExpensiveGate(limits);
  const perMinute = app.createRateLimit({
    max: limits.perAccountPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `expensive:${accountKey(req)}`,
  });
  const releases = new WeakMap<FastifyRequest, Release>();
  app.decorate('expensiveRoutes', new Set<string>());
  app.addHook('onRoute', (route) => {
    if ((route.config as { expensive?: boolean } | undefined)?.expensive !== true) return;
    for (const m of [route.method].flat()) app.expensiveRoutes.add(`${m} ${route.url}`);
    // Its queries give way to everyone else's on the embedded database (see server/platform/db.ts).
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, req, reply) {
      return lowPriority.run(true, () => handler.call(this, req, reply));
    };
  });
  const leave = (req: FastifyRequest) => {
    releases.get(req)?.();
    releases.delete(req);
  };

  // Every other API request is counted while in flight, so that heavy reads' queries give way to it (db.ts).
  const normal = new WeakSet<FastifyRequest>();
  const normalDone = (req: FastifyRequest) => {
    if (normal.delete(req)) normalEnded();
  };
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config?.expensive === true || !req.url.startsWith('/api/')) return;
    normal.add(req);
    normalStarted();
    req.raw.once('close', () => normalDone(req));
  });

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.routeOptions.config?.expensive !== true) return;
    const r = await perMinute(req);
    if (!r.isAllowed && r.isExceeded) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(r.ttl / 1000))));
      throw new AppError('rate_limited', [
        { path: 'request', message: `at most ${limits.perAccountPerMinute} heavy requests of one account per minute` },
      ]);
    }
    let release: Release;
    try {
      release = await gate.enter(accountKey(req));
    } catch (err) {
      reply.header('retry-after', String(RETRY_AFTER_S));
      throw err;
    }
    releases.set(req, release);
    reply.raw.once('close', () => leave(req));
    if (req.raw.destroyed) {
      leave(req);
      throw new AppError('bad_request');
    }
  });
  app.addHook('onResponse', async (req) => {
    leave(req);
    normalDone(req);
  });
  app.addHook('onRequestAbort', async (req) => {
    leave(req);
    normalDone(req);
  });
});
