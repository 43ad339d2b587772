// The Open311 module: GeoReport v2 under /open311/v2 (cases in through the shared intake) and API-key management.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createIntake } from '../cases/intake';
import { createSla, type CaseNotifier } from '../cases/sla';
import { createKeyService } from './keys';
import { open311KeyRoutes } from './keys-routes';
import { open311Routes, type Open311Limits } from './routes';
import { createOpen311Service, type Open311Options } from './service';
import { createSubmitter } from './submit';

const positive = (v: string | undefined, fallback: number) => (v && Number(v) > 0 ? Math.floor(Number(v)) : fallback);

/**
 * Settings from the environment, read here because only this module uses them:
 * OPEN311_JURISDICTION_ID (default: the district's code), OPEN311_CONTACT (discovery contact line),
 * OPEN311_RATE_PER_MINUTE (requests per IP, default 120), OPEN311_POSTS_PER_MINUTE (POSTs per API key, default 30).
 */
export function open311Settings(env: NodeJS.ProcessEnv = process.env): { options: Open311Options; limits: Open311Limits } {
  return {
    options: { jurisdictionId: env.OPEN311_JURISDICTION_ID || undefined, contact: env.OPEN311_CONTACT || undefined },
    limits: { perIpPerMinute: positive(env.OPEN311_RATE_PER_MINUTE, 120), postsPerKeyPerMinute: positive(env.OPEN311_POSTS_PER_MINUTE, 30), bodyLimit: 64 * 1024 },
  };
}

export async function open311Module(app: FastifyInstance, deps: PlatformDeps & { notifier: CaseNotifier }, settings = open311Settings()) {
  const sla = createSla({ ...deps, warnShare: deps.config.slaWarnShare });
  const intake = createIntake({ ...deps, sla });
  const keys = createKeyService(deps);
  const open311 = createOpen311Service({ ...deps, options: settings.options });
  const submitter = createSubmitter({ ...deps, intake, open311 });
  await app.register(open311Routes, { prefix: '/open311/v2', open311, keys, submitter, limits: settings.limits });
  await app.register(open311KeyRoutes, { prefix: '/api/open311/keys', keys });
}
