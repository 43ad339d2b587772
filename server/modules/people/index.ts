// The people module: residents, households and housing (一户一档), with protected personal data.
import type { FastifyInstance } from 'fastify';
import { createPersonalCrypto, type PersonalCrypto } from '../../platform/crypto';
import type { PlatformDeps } from '../../platform/deps';
import { createCareService } from './care';
import { careRoutes } from './care-routes';
import { createExporter } from './export';
import { createHouseholdService } from './households';
import { createImporter } from './import';
import { peopleIoRoutes } from './io-routes';
import { peopleRoutes } from './routes';
import { createResidentService } from './service';

/** The personal-data cipher from `config.dataKey` (DATA_KEY); the development key, with a warning, when unset. */
export function peopleCrypto(deps: PlatformDeps, log?: { warn(msg: string): void }): PersonalCrypto {
  return createPersonalCrypto(deps.config.dataKey, log ?? { warn: (m) => process.emitWarning(m) });
}

export async function peopleModule(app: FastifyInstance, deps: PlatformDeps) {
  const crypto = peopleCrypto(deps, { warn: (m) => app.log.warn(m) });
  const d = { ...deps, crypto };
  await app.register(peopleRoutes, { prefix: '/api/people', residents: createResidentService(d), households: createHouseholdService(d) });
  await app.register(peopleIoRoutes, { prefix: '/api/people', importer: createImporter(d), exporter: createExporter(d), maxBytes: deps.config.maxUploadBytes });
  await app.register(careRoutes, { prefix: '/api/people', care: createCareService(d) });
}
