// The attachments module: photo upload and scoped reading, on the platform's file storage.
import type { FastifyInstance } from 'fastify';
import { fileRoutes } from './routes';
import { createFileService, type FilesDeps } from './service';

/** Registers /api/files; `deps.files` is the storage and `deps.config.maxUploadBytes` the size limit. */
export async function filesModule(app: FastifyInstance, deps: FilesDeps) {
  await app.register(fileRoutes, { prefix: '/api/files', service: createFileService(deps) });
}

// Public surface: what other modules may import (from '../files'); everything else in this folder is private.
/** Throws a validation error unless the actor may read every attachment a record is about to show. */
export { assertAttachable } from './service';
/** The attachment service (images, and PDFs through uploadDocument), for modules that keep files on their own records. */
export { createFileService, type FileService, type StoredFile } from './service';
