// Attachments: upload (check, re-encode, store, record, audit), read within scope, and the check before a record shows photos.
import { createHash, randomUUID } from 'node:crypto';
import type { Attachment } from '../../../contracts/files';
import type { Audit, AuditContext } from '../../platform/audit/service';
import type { Db, Exec } from '../../platform/db';
import { AppError, fieldError, type Lang } from '../../platform/errors';
import { createImageGate, ImageRefused, prepareImage, refusalMessage } from '../../platform/files/images';
import type { FileStorage } from '../../platform/files/storage';
import type { Actor } from '../../platform/policy';
import { attachmentReadScope } from './policy';
import { attachmentRepo, type AttachmentRow } from './repo';

export type FilesDeps = {
  db: Db;
  audit: Audit;
  files: FileStorage;
  config: { maxUploadBytes: number; images: { maxPixels: number; concurrency: number; queue: number } };
};
const thumbKey = (id: string) => `${id}.thumb`;

/** A stored document (image or PDF): what a material of an application refers to. */
export type StoredFile = { id: string; mime: string; size: number; url: string };

const DOCUMENT_REFUSAL: Record<Lang, string> = {
  'zh-CN': '只能上传图片（JPEG、PNG、WebP）或 PDF 文件',
  en: 'Only images (JPEG, PNG, WebP) or PDF files can be uploaded',
};

function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    mime: r.mime as Attachment['mime'],
    size: r.size,
    width: r.width,
    height: r.height,
    url: `/api/files/${r.id}`,
    thumbUrl: `/api/files/${r.id}/thumb`,
  };
}

export function createFileService(deps: FilesDeps) {
  const { db, audit, files } = deps;
  const { maxPixels } = deps.config.images;
  // Decoding takes about 4–8 bytes per pixel: a few images at a time, each of bounded pixels, keep memory bounded.
  const gate = createImageGate(deps.config.images);

  return {
    maxUploadBytes: deps.config.maxUploadBytes,
    /** The image gate's load now (for tests and figures). */
    imageLoad: () => gate.load(),

    /** Stores an uploaded image for the actor; refuses anything but JPEG, PNG and WebP with a validation error on `file`. */
    async upload(actor: Actor, ctx: AuditContext, data: Buffer, lang: Lang): Promise<Attachment> {
      const img = await gate
        .run(lang, () => prepareImage(data, { maxPixels }))
        .catch((err: unknown) => {
          throw err instanceof ImageRefused ? fieldError('file', refusalMessage(err.reason, lang, maxPixels)) : err;
        });
      const id = randomUUID();
      // Bytes first, row second: a crash in between leaves unreferenced files, never a row without bytes.
      await files.put(id, img.original);
      await files.put(thumbKey(id), img.thumb);
      const facts = {
        mime: img.mime,
        size: img.original.length,
        width: img.width,
        height: img.height,
        sha256: createHash('sha256').update(img.original).digest('hex'),
      };
      try {
        const row = await db.transaction(async (tx) => {
          const r = await attachmentRepo.insert(tx, { id, uploaderId: actor.userId, ...facts });
          await audit.record(tx, ctx, { action: 'file.upload', entityKind: 'attachment', entityId: id, after: facts });
          return r;
        });
        return toAttachment(row);
      } catch (err) {
        await Promise.all([files.remove(id), files.remove(thumbKey(id))]).catch(() => {});
        throw err;
      }
    },

    /**
     * Stores a document: a PDF (recognised by its bytes, kept as sent) or an image (as `upload`); anything else is
     * refused with a validation error on `file` naming both accepted kinds. For materials of an application.
     */
    async uploadDocument(actor: Actor, ctx: AuditContext, data: Buffer, lang: Lang): Promise<StoredFile> {
      if (data.subarray(0, 5).toString('latin1') !== '%PDF-') {
        const a = await this.upload(actor, ctx, data, lang).catch((err: unknown) => {
          const unsupported =
            err instanceof AppError && err.details?.[0]?.message === refusalMessage('unsupported_type', lang);
          throw unsupported ? fieldError('file', DOCUMENT_REFUSAL[lang]) : err;
        });
        return { id: a.id, mime: a.mime, size: a.size, url: a.url };
      }
      const id = randomUUID();
      await files.put(id, data);
      const facts = {
        mime: 'application/pdf',
        size: data.length,
        width: 0,
        height: 0,
        sha256: createHash('sha256').update(data).digest('hex'),
      };
      try {
        await db.transaction(async (tx) => {
          await attachmentRepo.insert(tx, { id, uploaderId: actor.userId, ...facts });
          await audit.record(tx, ctx, { action: 'file.upload', entityKind: 'attachment', entityId: id, after: facts });
        });
      } catch (err) {
        await files.remove(id).catch(() => {});
        throw err;
      }
      return { id, mime: facts.mime, size: facts.size, url: `/api/files/${id}` };
    },

    /**
     * The bytes and type of an attachment without a read check: only for a module that has checked the actor may
     * see the record holding it (a service application's materials). not_found when there is no such attachment.
     */
    async unscopedRead(id: string): Promise<{ mime: string; data: Buffer }> {
      const row = await attachmentRepo.byId(db, id);
      const data = row ? await files.get(row.id) : null;
      if (!row || !data) throw new AppError('not_found');
      return { mime: row.mime, data };
    },

    /** Type and size of the given attachments uploaded by `uploaderId` (others are left out). */
    async ownedFacts(uploaderId: number, ids: string[]): Promise<{ id: string; mime: string; size: number }[]> {
      return attachmentRepo.ownedFacts(db, uploaderId, ids);
    },

    /** The bytes of an attachment (or its thumbnail) the actor may read; not_found for everything else. */
    async read(actor: Actor, id: string, variant: 'original' | 'thumb'): Promise<{ mime: string; data: Buffer }> {
      const row = await attachmentRepo.readable(db, id, attachmentReadScope(actor));
      if (!row) throw new AppError('not_found');
      // Storage keys are the database's canonical (lower-case) spelling of the id, whatever case the URL used.
      const data = await files.get(variant === 'thumb' ? thumbKey(row.id) : row.id);
      if (!data)
        throw new AppError(
          'internal',
          undefined,
          undefined,
          `attachment ${row.id} has a row but no ${variant} in storage`,
        );
      return { mime: variant === 'thumb' ? 'image/jpeg' : row.mime, data };
    },
  };
}
export type FileService = ReturnType<typeof createFileService>;

/**
 * Throws a validation error on `field` unless the actor may read every attachment in `ids`: a record may only show
 * photos its author can see, or anyone who learnt an id could expose the photo. Ids must be spelled as the upload
 * returned them (lower case), which is also what the read scope matches. For intake and timeline actions.
 */
export async function assertAttachable(
  exec: Exec,
  actor: Actor,
  ids: readonly string[],
  field = 'photos',
): Promise<void> {
  const ok = new Set(await attachmentRepo.readableIds(exec, [...new Set(ids)], attachmentReadScope(actor)));
  const bad = ids.findIndex((x) => !ok.has(x));
  if (bad >= 0) throw fieldError(`${field}.${bad}`, 'unknown attachment');
}
