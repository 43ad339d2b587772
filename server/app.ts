// buildApp: ecosystem plugins, then platform plugins, then one plugin per domain module, then the web app.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import proxyAddr from '@fastify/proxy-addr';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlatformDeps } from './platform/deps';
import { apiNotFound, httpPlatform } from './platform/http';
import { AppError } from './platform/errors';
import { securityHeaders } from './platform/security-headers';
import { serializeError, serializeRequest } from './platform/log-redaction';
import { expensiveReads } from './platform/expensive';
import { ledgerRoutes } from './platform/ledgers';
import { accountsModule } from './modules/accounts';
import { auditModule } from './modules/audit';
import { calendarModule } from './modules/calendar';
import { casesModule } from './modules/cases';
import { cobuildModule } from './modules/cobuild';
import { metricsModule } from './modules/metrics';
import { peopleModule, residentLink } from './modules/people';
import { open311Module } from './modules/open311';
import { portalModule } from './modules/portal';
import { hotlineModule } from './modules/hotline';
import { filesModule } from './modules/files';
import { createNotifier, notificationsModule } from './modules/notifications';
import { servicesModule } from './modules/services';
import { wishesModule } from './modules/wishes';
import { organisationsModule } from './modules/organisations';
import { partyModule } from './modules/party';
import { pointsModule } from './modules/points';
import { roomsModule } from './modules/rooms';
import { deliberationModule } from './modules/deliberation';
import { supervisionModule } from './modules/supervision';
import { territoryModule } from './modules/territory';
import { usersModule } from './modules/users';
import { volunteersModule } from './modules/volunteers';

/** logger: false for none; logStream: write the app's log (with its serializers and redaction) there instead of stdout. */
export type BuildOptions = { logger?: false; logStream?: NodeJS.WritableStream };

export async function buildApp(deps: PlatformDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const trusted = config.trustProxy ? proxyAddr.compile(config.trustProxy) : false;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: opts.logStream ? 'info' : config.logLevel,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            // Secrets and personal data never reach the log: query values are redacted in the request serializer, the bound
            // values of a failed query in the error serializer.
            serializers: { req: serializeRequest, err: serializeError },
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
          },
    bodyLimit: config.bodyLimit,
    // Slow clients (slowloris) must not hold connections: headers within 10 s, the whole request within 120 s (a
    // 10 MiB upload needs about 0.7 Mbit/s), idle keep-alive connections closed after 5 s, and a connection silent
    // both ways for 5 minutes (a client that stops reading its answer) closed too. Node checks each second.
    requestTimeout: config.timeouts.requestMs,
    keepAliveTimeout: config.timeouts.keepAliveMs,
    connectionTimeout: config.timeouts.socketIdleMs,
    http: {
      headersTimeout: config.timeouts.headersMs,
      requestTimeout: config.timeouts.requestMs,
      connectionsCheckingInterval: 1_000,
    },
    // A request id from the client would be written into the log and the audit entries as if we had made it: take
    // one only from a trusted proxy (which made it for its own log) and only when it is plain, else make our own.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      const fromProxy = trusted !== false && trusted(req.socket.remoteAddress ?? '', 0);
      return fromProxy && typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // X-Forwarded-For is believed only from TRUST_PROXY's proxies; by default the socket address is the client's.
    trustProxy: trusted,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await securityHeaders(app, config);
  await app.register(cookie);
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('rate_limited') });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Jiayuan (家园) API',
        version: '0.1.0',
        description: 'Community grid governance and resident services',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jy_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(httpPlatform, { sessions: deps.sessions });
  await app.register(expensiveReads, config.expensive);

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        response: { 200: z.object({ ok: z.boolean(), db: z.enum(['embedded', 'server']) }) },
      },
    },
    async () => {
      const ok = await deps.database.ping().catch(() => false);
      if (!ok) throw new AppError('unavailable');
      return { ok, db: deps.database.kind };
    },
  );
  app.get(
    '/api/config',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: 'Public settings the web app needs',
        response: { 200: z.object({ mapTileUrl: z.string().nullable() }) },
      },
    },
    async () => ({ mapTileUrl: config.mapTileUrl ?? null }),
  );

  await accountsModule(app, deps);
  await territoryModule(app, deps);
  await partyModule(app, deps);
  await organisationsModule(app, deps);
  await usersModule(app, deps);
  await auditModule(app, deps);
  await calendarModule(app, deps);
  const notifier = createNotifier({ ...deps, webhook: config.notifyWebhook });
  await casesModule(app, { ...deps, notifier, residentLink: residentLink(deps.db) });
  await notificationsModule(app, { notifier });
  await filesModule(app, deps);
  await metricsModule(app, deps);
  await peopleModule(app, { ...deps, notifier });
  await open311Module(app, { ...deps, notifier });
  await portalModule(app, { ...deps, notifier });
  await hotlineModule(app, { ...deps, notifier });
  await roomsModule(app, deps);
  await servicesModule(app, deps);
  await pointsModule(app, deps);
  await volunteersModule(app, deps);
  await wishesModule(app, deps);
  await cobuildModule(app, deps);
  await deliberationModule(app, { ...deps, notifier });
  await supervisionModule(app, deps);
  // After the modules: each declared its ledgers while it registered.
  await app.register(ledgerRoutes, { prefix: '/api/ledgers', registry: deps.ledgers });

  const webDir = path.resolve(config.webDir);
  const hasWeb = existsSync(path.join(webDir, 'index.html'));
  // Files are looked up per request (a rebuilt web app needs no restart); other paths get the app's index.html.
  // A path naming a folder (`/`, `/assets/`) is an app route, never a file: @fastify/static answers a folder with
  // index: false by sending its 403 (which became our 400 for `/`), so such paths go to the fallback below.
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: false,
      allowedPath: (p) => !p.endsWith('/'),
    });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || req.method !== 'GET' || !hasWeb || /\.[a-z0-9]+$/i.test(path))
      return apiNotFound(req, reply);
    return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  });
  return app;
}
