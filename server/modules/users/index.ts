// The users module.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { userRoutes } from './routes';
import { createUserService } from './service';

export async function usersModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(userRoutes, { prefix: '/api/users', service: createUserService(deps) });
}

/** The user accounts table, for foreign keys to the person who made a record. */
export { users } from './tables';
