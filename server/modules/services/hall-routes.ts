// HTTP routes of booking a slot at the hall: a community's appointment hours, the free slots, and an application's
// appointment (book or move, cancel).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import { ApplicationDetail } from '../../../contracts/services';
import {
  AppointmentBody,
  HallHours,
  HallHoursBody,
  HallHoursQuery,
  HallSlots,
  HallSlotsQuery,
} from '../../../contracts/services-hall';
import { actorOf, auditCtx } from '../../platform/http';
import type { Hall } from './appointments';
import type { ApplicationReader } from './service';

const tags = ['services'];

export const hallRoutes: FastifyPluginAsyncZod<{ hall: Hall; reader: ApplicationReader }> = async (
  app,
  { hall, reader },
) => {
  app.get(
    '/hall/hours',
    {
      schema: {
        tags,
        summary: "A community's hall appointment hours (its own, or the defaults)",
        querystring: HallHoursQuery,
        response: { 200: HallHours },
      },
    },
    async (req) => hall.hours(actorOf(req), req.query.nodeId, req.lang),
  );
  app.put(
    '/hall/hours',
    {
      schema: {
        tags,
        summary: "Set a community's hall appointment hours, slot length and windows (community staff)",
        body: HallHoursBody,
        response: { 200: HallHours },
      },
    },
    async (req) => hall.setHours(actorOf(req), auditCtx(req), req.body, req.lang),
  );
  app.get(
    '/hall/slots',
    {
      schema: {
        tags,
        summary: 'Free hall slots from now to the tenth open day on the business calendar (holidays closed)',
        querystring: HallSlotsQuery,
        response: { 200: HallSlots },
      },
    },
    async (req) => hall.slots(actorOf(req), req.query, req.lang),
  );
  app.put(
    '/applications/:id/appointment',
    {
      schema: {
        tags,
        summary: 'Book a hall slot for an application at the hall, or move its appointment there',
        params: IdParams,
        body: AppointmentBody,
        response: { 200: ApplicationDetail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await hall.book(actor, auditCtx(req), req.params.id, new Date(req.body.startsAt), req.lang);
      return reader.get(actor, req.params.id);
    },
  );
  app.post(
    '/applications/:id/appointment/no-show',
    {
      schema: {
        tags,
        summary: 'Mark that the resident did not come to an appointment that has begun (未到厅; hall staff, once)',
        params: IdParams,
        response: { 200: ApplicationDetail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await hall.noShow(actor, auditCtx(req), req.params.id, req.lang);
      return reader.get(actor, req.params.id);
    },
  );
  app.delete(
    '/applications/:id/appointment',
    {
      schema: {
        tags,
        summary: "Cancel an application's hall appointment before it begins (the seat is freed)",
        params: IdParams,
        response: { 200: ApplicationDetail },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await hall.cancel(actor, auditCtx(req), req.params.id, req.lang);
      return reader.get(actor, req.params.id);
    },
  );
};
