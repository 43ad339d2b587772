// HTTP routes of rooms and spaces.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  Alternatives,
  AlternativesQuery,
  ApproveQuery,
  Availability,
  Booking,
  BookingList,
  BookingResult,
  CancelBookingBody,
  CreateBookingBody,
  CreateSpaceBody,
  MineQuery,
  PendingList,
  RefuseBookingBody,
  UpdateSpaceBody,
  MonthQuery,
  RangeQuery,
  Space,
  SpaceList,
  UpdateBookingBody,
  Utilisation,
  UtilisationQuery,
} from '../../../contracts/rooms';
import { actorOf, auditCtx } from '../../platform/http';
import type { BookingService } from './book';
import type { RoomService } from './service';

const tags = ['rooms'];
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });

export const roomRoutes: FastifyPluginAsyncZod<{ service: RoomService; booking: BookingService }> = async (
  app,
  { service, booking },
) => {
  app.get(
    '/spaces',
    { schema: { tags, summary: 'Spaces the caller can see, with their parts', response: { 200: SpaceList } } },
    (req) => service.list(actorOf(req)),
  );
  app.post(
    '/spaces',
    { schema: { tags, summary: 'Define a space with its zones', body: CreateSpaceBody, response: { 200: Space } } },
    (req) => service.create(actorOf(req), auditCtx(req), req.body),
  );
  app.patch(
    '/spaces/:id',
    {
      schema: {
        tags,
        summary: 'Edit a space: its rules, and its zones (renamed, resized, added, removed)',
        params: IdParams,
        body: UpdateSpaceBody,
        response: { 200: Space },
      },
    },
    (req) => service.update(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/spaces/:id/retire',
    {
      schema: {
        tags,
        summary: 'Take a space out of use (refused while bookings are to come); its bookings on record stay',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await service.retire(actorOf(req), auditCtx(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/approvals',
    {
      schema: {
        tags,
        summary: 'Bookings waiting for approval in the spaces the caller approves',
        response: { 200: PendingList },
      },
    },
    (req) => service.pending(actorOf(req)),
  );
  app.get(
    '/spaces/:id',
    { schema: { tags, summary: 'One space', params: IdParams, response: { 200: Space } } },
    (req) => service.get(actorOf(req), req.params.id),
  );
  app.get(
    '/spaces/:id/bookings',
    {
      schema: {
        tags,
        summary: 'Bookings of a space in a range (day and week views)',
        params: IdParams,
        querystring: RangeQuery,
        response: { 200: BookingList },
      },
    },
    (req) => service.bookings(actorOf(req), req.params.id, new Date(req.query.from), new Date(req.query.to)),
  );
  app.get(
    '/spaces/:id/availability',
    {
      schema: {
        tags,
        summary: 'A month of availability: open days, hours and holds per part',
        params: IdParams,
        querystring: MonthQuery,
        response: { 200: Availability },
      },
    },
    (req) => service.availability(actorOf(req), req.params.id, req.query.month),
  );
  app.get(
    '/spaces/:id/alternatives',
    {
      schema: {
        tags,
        summary: 'Free slots of the same length near a taken one',
        params: IdParams,
        querystring: AlternativesQuery,
        response: { 200: Alternatives },
      },
    },
    (req) =>
      service.alternatives(
        actorOf(req),
        req.params.id,
        req.query.partId,
        new Date(req.query.startsAt),
        new Date(req.query.endsAt),
      ),
  );
  app.post(
    '/spaces/:id/bookings',
    {
      schema: {
        tags,
        summary: 'Book a slot or a weekly/monthly series; Idempotency-Key makes retries safe',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateBookingBody,
        response: { 200: BookingResult },
      },
    },
    (req) => booking.book(actorOf(req), auditCtx(req), req.params.id, req.body, req.headers['idempotency-key']),
  );
  app.get(
    '/bookings/mine',
    { schema: { tags, summary: 'My bookings', querystring: MineQuery, response: { 200: BookingList } } },
    (req) => service.mine(actorOf(req), req.query.includePast),
  );
  app.patch(
    '/bookings/:id',
    {
      schema: {
        tags,
        summary: 'Edit one occurrence or it and the rest of its series',
        params: IdParams,
        body: UpdateBookingBody,
        response: { 200: BookingList },
      },
    },
    (req) => booking.update(actorOf(req), auditCtx(req), req.params.id, req.body),
  );
  app.post(
    '/bookings/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel one occurrence or it and the rest of its series',
        params: IdParams,
        body: CancelBookingBody,
        response: { 200: z.object({ cancelled: z.number() }) },
      },
    },
    (req) => booking.cancel(actorOf(req), auditCtx(req), req.params.id, req.body.scope),
  );
  app.post(
    '/bookings/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a booking waiting for approval (or it and the later ones of its series)',
        params: IdParams,
        querystring: ApproveQuery,
        response: { 200: Booking },
      },
    },
    (req) => booking.approve(actorOf(req), auditCtx(req), req.params.id, req.query.scope),
  );
  app.post(
    '/bookings/:id/refuse',
    {
      schema: {
        tags,
        summary: 'Refuse a booking waiting for approval, with a reason the booker sees',
        params: IdParams,
        body: RefuseBookingBody,
        response: { 200: Booking },
      },
    },
    (req) => booking.refuse(actorOf(req), auditCtx(req), req.params.id, req.body.reason, req.body.scope),
  );
  app.get(
    '/utilisation',
    {
      schema: {
        tags,
        summary: 'Utilisation per managed space and part',
        querystring: UtilisationQuery,
        response: { 200: Utilisation },
      },
    },
    (req) => service.utilisation(actorOf(req), new Date(req.query.from), new Date(req.query.to)),
  );
};
