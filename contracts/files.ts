// Attachments (photos) shared by server and web: the accepted image types and the upload answer.
import { z } from 'zod';

/** Image types kept on the server; anything else is refused at upload, whatever its name or declared type. */
export const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const ImageMime = z.enum(IMAGE_MIMES);
export type ImageMime = z.infer<typeof ImageMime>;

/** Longest edge of a thumbnail, in pixels. */
export const THUMB_SIZE = 320;

export const AttachmentParams = z.object({ id: z.string().uuid() }).strict();

/** What POST /api/files answers: the stored (re-encoded, metadata-free) original and where to read it. */
export const Attachment = z.object({
  id: z.string().uuid(),
  mime: ImageMime,
  size: z.number().int().describe('bytes of the stored original'),
  width: z.number().int(),
  height: z.number().int(),
  url: z.string(),
  thumbUrl: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
