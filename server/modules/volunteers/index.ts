// The volunteers module (志愿服务): profiles, certificates, teams, activities with shifts, sign-up and waitlist,
// attendance confirmed by the organiser (hours credited and sent to the points time bank), the 志愿服务台账.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createVolunteerLedger, VOLUNTEER_LEDGER } from './ledgers';
import { volunteerRoutes } from './routes';
import { createVolunteerService } from './service';

export async function volunteersModule(app: FastifyInstance, deps: PlatformDeps) {
  deps.ledgers.declare(VOLUNTEER_LEDGER);
  await app.register(volunteerRoutes, {
    prefix: '/api/volunteers',
    service: createVolunteerService(deps),
    ledger: createVolunteerLedger(deps),
  });
}

// Public surface
/** The volunteer service on a database (the demo seed organises activities and confirms hours through it). */
export { createVolunteerService } from './service';
/** The points award key of one person's hours on one shift (`activity:<id>:shift:<id>:user:<id>`). */
export { awardKey } from './service';
