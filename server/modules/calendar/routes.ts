// HTTP routes of the business calendar.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CalendarDay,
  CalendarDayParams,
  CalendarQuery,
  CalendarYear,
  SetCalendarDayBody,
} from '../../../contracts/calendar';
import { Ok } from '../../../contracts/common';
import { actorOf, auditCtx } from '../../platform/http';
import type { CalendarService } from './service';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsyncZod<{ service: CalendarService }> = async (app, { service }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "A year's holidays and make-up working days",
        querystring: CalendarQuery,
        response: { 200: CalendarYear },
      },
    },
    (req) => service.list(actorOf(req), req.query),
  );
  app.put(
    '/days/:date',
    {
      schema: {
        tags,
        summary: 'Make a date a working day or a day off (manual override)',
        params: CalendarDayParams,
        body: SetCalendarDayBody,
        response: { 200: CalendarDay },
      },
    },
    (req) => service.set(actorOf(req), auditCtx(req), req.params.date, req.body),
  );
  app.delete(
    '/days/:date',
    {
      schema: {
        tags,
        summary: 'Remove the manual override of a date',
        params: CalendarDayParams,
        response: { 200: Ok },
      },
    },
    (req) => service.clear(actorOf(req), auditCtx(req), req.params.date),
  );
};
