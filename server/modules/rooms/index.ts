// The rooms module: spaces with parts, one-off and recurring bookings held by an exclusion constraint, availability
// and utilisation.
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps';
import { createBookingService } from './book';
import { roomRoutes } from './routes';
import { createRoomService } from './service';

export async function roomsModule(app: FastifyInstance, deps: PlatformDeps) {
  await app.register(roomRoutes, {
    prefix: '/api/rooms',
    service: createRoomService(deps),
    booking: createBookingService(deps),
  });
}

/** Builds the booking verbs on a database (the demo seed books rooms through it, as a person would). */
export { createBookingService } from './book';
/** The tables of spaces and their parts, for the demo seed. */
export { spaces, spaceParts } from './tables';
