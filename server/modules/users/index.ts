// The users module.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { userRoutes } from './routes';
import { createUserService } from './service';

export async function usersModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(userRoutes, { prefix: '/api/users', service: createUserService(deps) });
}

// Public surface: what other modules may import (from '../users'); everything else in this folder is private.
/** Who may see and manage user accounts. */
export { userPolicy } from './policy';
/** Reads and writes of user accounts and role bindings. */
export { userRepo } from './repo';
/** A role binding as the API returns it. */
export { toBindingDto } from './service';
/** The users columns sealing a phone (ciphertext, blind index, tail). */
export { userPhoneColumns } from './phone';
/** The masked phone of an account. */
export { userPhoneMasked } from './phone';
/** The blind index of a term that is a whole mobile number, else null. */
export { wholePhoneIndex } from './phone';
/** The users table, for foreign keys and joins. */
export { users } from './tables';
/** Role bindings (a role on a node or organisation), for joins. */
export { roleBindings } from './tables';
