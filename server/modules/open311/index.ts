// The Open311 module: GeoReport v2 under /open311/v2 (cases in through the shared intake) and API-key management.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../platform/config';
import type { PlatformDeps } from '../../platform/deps';
import { createCaseLoop, type CaseNotifier } from '../cases';
import { createKeyService } from './keys';
import { open311KeyRoutes } from './keys-routes';
import { open311Routes, type Open311Limits } from './routes';
import { createOpen311Service, type Open311Options } from './service';
import { createSubmitter } from './submit';

/** The module's settings from the configuration (OPEN311_* in the environment, see server/platform/config.ts). */
function open311Settings(c: Config['open311']): { options: Open311Options; limits: Open311Limits } {
  return {
    options: { jurisdictionId: c.jurisdictionId, contact: c.contact },
    limits: { perIpPerMinute: c.ratePerMinute, postsPerKeyPerMinute: c.postsPerMinute, bodyLimit: 64 * 1024 },
  };
}

export async function open311Module(app: FastifyInstance, deps: PlatformDeps & { notifier: CaseNotifier }) {
  const settings = open311Settings(deps.config.open311);
  const { intake } = createCaseLoop(deps);
  const keys = createKeyService(deps);
  const open311 = createOpen311Service({ ...deps, options: settings.options });
  const submitter = createSubmitter({ ...deps, intake, open311 });
  await app.register(open311Routes, { prefix: '/open311/v2', open311, keys, submitter, limits: settings.limits });
  await app.register(open311KeyRoutes, { prefix: '/api/open311/keys', keys });
}
