// Process configuration read once from the environment, validated with Zod.
import path from 'node:path';
import { z } from 'zod';
import proxyAddr from '@fastify/proxy-addr';

/**
 * TRUST_PROXY: the proxies whose X-Forwarded-For / X-Request-Id are believed, as addresses, CIDRs or proxy-addr's
 * names (loopback, linklocal, uniquelocal), comma-separated. A hop count is refused: it cannot tell a proxy from a
 * client that sends the header itself (Fastify 5 also ignores it for that reason).
 */
const TrustProxy = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .superRefine((list, ctx) => {
    for (const entry of list) {
      if (/^\d+$/.test(entry))
        ctx.addIssue({
          code: 'custom',
          message: `TRUST_PROXY: a hop count (${entry}) is not accepted; name the proxy addresses`,
        });
      else {
        try {
          proxyAddr.compile(entry);
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: `TRUST_PROXY: ${entry} is not an address, a CIDR or loopback/linklocal/uniquelocal`,
          });
        }
      }
    }
  });
import { DEFAULT_EXPENSIVE_LIMITS, type ExpensiveLimits } from './expensive';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  SEED_DEMO_CASES: z.enum(['0', '1']).default('1'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  MAP_TILE_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  WEB_DIR: z.string().default('./dist/web'),
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_WEBHOOK_SECRET: z.string().min(16).optional(),
  FILES_DIR: z.string().optional(),
  DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'DATA_KEY must be 32 bytes, base64')
    .optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(10_485_760),
  IMAGE_MAX_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  IMAGE_CONCURRENCY: z.coerce.number().int().positive().default(2),
  IMAGE_QUEUE: z.coerce.number().int().min(0).default(8),
  SLA_WARN_SHARE: z.coerce.number().gt(0).lt(1).default(0.8),
  OPEN311_JURISDICTION_ID: z.string().max(64).optional(),
  OPEN311_CONTACT: z.string().max(200).optional(),
  OPEN311_RATE_PER_MINUTE: z.coerce.number().int().positive().default(120),
  OPEN311_POSTS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  HOTLINE_WEBHOOK_SECRET: z.string().min(16).optional(),
  HOTLINE_REPLY_URL: z.string().url().optional(),
  HOTLINE_REPLY_SECRET: z.string().min(16).optional(),
  TRUST_PROXY: TrustProxy.optional(),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  SOCKET_IDLE_TIMEOUT_MS: z.coerce.number().int().min(0).default(300_000),
  EXPENSIVE_PER_ACCOUNT: z.coerce.number().int().positive().default(DEFAULT_EXPENSIVE_LIMITS.perAccountRunning),
  EXPENSIVE_WAITING_PER_ACCOUNT: z.coerce.number().int().min(0).default(DEFAULT_EXPENSIVE_LIMITS.perAccountWaiting),
  EXPENSIVE_PER_MINUTE: z.coerce.number().int().positive().default(DEFAULT_EXPENSIVE_LIMITS.perAccountPerMinute),
  EXPENSIVE_GLOBAL: z.coerce.number().int().positive().optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  /** With the demo district, also walk a dozen demo cases through the loop at first start. */
  seedDemoCases: boolean;
  sessionTtlMs: number;
  cookieSecure: boolean;
  mapTileUrl: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  bodyLimit: number;
  loginMaxFailures: number;
  loginLockMs: number;
  loginRatePerMinute: number;
  webDir: string;
  notifyWebhook: { url: string; secret: string } | undefined;
  /** Share of a time limit after which the handler is warned that it is due soon. */
  slaWarnShare: number;
  /** Where attachment bytes are kept (default DATA_DIR/files). */
  filesDir: string;
  maxUploadBytes: number;
  /** Uploaded images: the most pixels decoded (judged from the header first), images processed at once, and waiting beyond those (then 503). */
  images: { maxPixels: number; concurrency: number; queue: number };
  /** Key for personal data (ID numbers, phones), 32 bytes base64; unset means the fixed development key, with a warning. */
  dataKey: string | undefined;
  /** 12345 hotline: the inbound webhook's shared secret, and where replies (回单) go, signed with the reply secret (default: the same secret). */
  hotline: { webhookSecret: string | undefined; replyUrl: string | undefined; replySecret: string | undefined };
  /** Open311 GeoReport v2: the jurisdiction accepted (default: the district's code), discovery's contact line, rate limits. */
  open311: {
    jurisdictionId: string | undefined;
    contact: string | undefined;
    ratePerMinute: number;
    postsPerMinute: number;
  };
  /** Proxies whose forwarding headers are believed (addresses, CIDRs, proxy-addr names); null: none, the socket address is the client. */
  trustProxy: string[] | null;
  /**
   * Slow clients: the whole header block must arrive within `headersMs`, the whole request (headers and body) within
   * `requestMs` (sized for an upload of MAX_UPLOAD_BYTES on a slow link), an idle keep-alive connection is closed
   * after `keepAliveMs`, and a connection with no bytes either way for `socketIdleMs` (0: never) is closed.
   */
  timeouts: { headersMs: number; requestMs: number; keepAliveMs: number; socketIdleMs: number };
  /** Heavy reads (routes with `expensive: true`): per-account and global concurrency, per-account rate. */
  expensive: ExpensiveLimits;
};

/** Reads the configuration; throws with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = Env.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    seedDemo: e.SEED_DEMO === '1',
    seedDemoCases: e.SEED_DEMO_CASES === '1',
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE === '1',
    mapTileUrl: e.MAP_TILE_URL,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT_BYTES,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    webDir: e.WEB_DIR,
    notifyWebhook:
      e.NOTIFY_WEBHOOK_URL && e.NOTIFY_WEBHOOK_SECRET
        ? { url: e.NOTIFY_WEBHOOK_URL, secret: e.NOTIFY_WEBHOOK_SECRET }
        : undefined,
    slaWarnShare: e.SLA_WARN_SHARE,
    filesDir: e.FILES_DIR ?? path.join(e.DATA_DIR, 'files'),
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    images: { maxPixels: e.IMAGE_MAX_PIXELS, concurrency: e.IMAGE_CONCURRENCY, queue: e.IMAGE_QUEUE },
    dataKey: e.DATA_KEY,
    open311: {
      jurisdictionId: e.OPEN311_JURISDICTION_ID,
      contact: e.OPEN311_CONTACT,
      ratePerMinute: e.OPEN311_RATE_PER_MINUTE,
      postsPerMinute: e.OPEN311_POSTS_PER_MINUTE,
    },
    trustProxy: e.TRUST_PROXY?.length ? e.TRUST_PROXY : null,
    timeouts: {
      // Node refuses a headers timeout above the request timeout; keep the pair consistent whatever is set.
      headersMs: Math.min(e.HEADERS_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS),
      requestMs: e.REQUEST_TIMEOUT_MS,
      keepAliveMs: e.KEEP_ALIVE_TIMEOUT_MS,
      socketIdleMs: e.SOCKET_IDLE_TIMEOUT_MS,
    },
    hotline: {
      webhookSecret: e.HOTLINE_WEBHOOK_SECRET,
      replyUrl: e.HOTLINE_REPLY_URL,
      replySecret: e.HOTLINE_REPLY_SECRET ?? e.HOTLINE_WEBHOOK_SECRET,
    },
    expensive: {
      ...DEFAULT_EXPENSIVE_LIMITS,
      perAccountRunning: e.EXPENSIVE_PER_ACCOUNT,
      perAccountWaiting: e.EXPENSIVE_WAITING_PER_ACCOUNT,
      perAccountPerMinute: e.EXPENSIVE_PER_MINUTE,
      // The embedded database serialises every query, so one heavy query at a time; a server has a pool.
      globalRunning: e.EXPENSIVE_GLOBAL ?? (e.DATABASE_URL ? 4 : 1),
    },
  };
}
