// The business calendar module: reading and overriding holidays and make-up working days.
import type { FastifyInstance } from 'fastify';
import type { Calendar } from '../../platform/calendar/calendar';
import type { PlatformDeps } from '../../platform/deps';
import { calendarRoutes } from './routes';
import { createCalendarService } from './service';

/** `deps.calendar` is the instance case time limits are counted on; changes here reload it. */
export async function calendarModule(app: FastifyInstance, deps: PlatformDeps & { calendar: Calendar }) {
  await app.register(calendarRoutes, { prefix: '/api/calendar', service: createCalendarService(deps) });
}
