// HTTP routes of attachments: upload one image, read it or its thumbnail.
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Attachment, AttachmentParams } from '../../../contracts/files';
import { readOneFile } from '../../platform/files/multipart';
import { actorOf, auditCtx } from '../../platform/http';
import type { FileService } from './service';

const tags = ['files'];

function sendBytes(reply: FastifyReply, f: { mime: string; data: Buffer }) {
  // Attachments never change once stored; private because they are visible to some people only.
  return reply
    .type(f.mime)
    .header('cache-control', 'private, max-age=86400')
    .header('x-content-type-options', 'nosniff')
    .send(f.data);
}

export const fileRoutes: FastifyPluginAsyncZod<{ service: FileService }> = async (app, { service }) => {
  // Registered here, so multipart bodies are understood by these routes only.
  await app.register(multipart);

  app.post(
    '/',
    {
      // Decoding and re-encoding images is the costliest thing a user can ask for: limit it per user.
      config: {
        rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: (req) => `files:${req.actor?.userId ?? req.ip}` },
      },
      schema: {
        tags,
        summary:
          'Upload one image (JPEG, PNG or WebP) as multipart/form-data in the field "file"; metadata is stripped',
        consumes: ['multipart/form-data'],
        response: { 201: Attachment },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const data = await readOneFile(req, { field: 'file', maxBytes: service.maxUploadBytes });
      return reply.status(201).send(await service.upload(actor, auditCtx(req), data, req.lang));
    },
  );
  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'The stored image, if you uploaded it or may read a case that shows it',
        params: AttachmentParams,
      },
    },
    async (req, reply) => sendBytes(reply, await service.read(actorOf(req), req.params.id, 'original')),
  );
  app.get(
    '/:id/thumb',
    { schema: { tags, summary: 'A JPEG thumbnail at most 320 px on its longer side', params: AttachmentParams } },
    async (req, reply) => sendBytes(reply, await service.read(actorOf(req), req.params.id, 'thumb')),
  );
};
