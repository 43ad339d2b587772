// Reading the one file of a multipart upload into memory, within a size limit, for upload routes.
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError, fieldError, type Lang } from '../errors';

const MESSAGES = {
  notMultipart: { 'zh-CN': '请以 multipart/form-data 方式上传文件', en: 'Send the file as multipart/form-data' },
  oneFile: { 'zh-CN': '每次只能上传一个文件，字段名为 "{field}"', en: 'Send exactly one file, in the field "{field}"' },
  noFile: { 'zh-CN': '没有收到文件', en: 'No file was received' },
  tooLarge: { 'zh-CN': '文件不能超过 {mb} MB', en: 'The file may be at most {mb} MB' },
  malformed: { 'zh-CN': '上传内容格式不正确', en: 'The multipart body is malformed' },
} satisfies Record<string, Record<Lang, string>>;

const say = (m: keyof typeof MESSAGES, lang: Lang, vars: Record<string, string> = {}) =>
  MESSAGES[m][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

/**
 * The bytes of the single file sent in `field`. Throws `payload_too_large` past `maxBytes`, and a validation error
 * on `field` when the request is not multipart, has no file, or has more than one file or a file in another field.
 * Plain form fields are ignored. Requires @fastify/multipart registered on the route's plugin.
 */
export async function readOneFile(req: FastifyRequest, opts: { field: string; maxBytes: number }): Promise<Buffer> {
  const { field, maxBytes } = opts;
  if (!req.isMultipart()) throw fieldError(field, say('notMultipart', req.lang));
  let data: Buffer | null = null;
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxBytes, files: 2, fields: 10, fieldSize: 1024, parts: 12 },
    })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== field || data) {
        part.file.resume();
        throw fieldError(field, say('oneFile', req.lang, { field }));
      }
      data = await part.toBuffer();
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      const mb = String(Math.round((maxBytes / 1_048_576) * 10) / 10);
      throw new AppError('payload_too_large', [{ path: field, message: say('tooLarge', req.lang, { mb }) }]);
    }
    // Our own refusals and the plugin's limit errors (with a status) pass through; busboy's parse errors are the client's.
    if (err instanceof AppError || typeof (err as { statusCode?: unknown }).statusCode === 'number') throw err;
    throw new AppError('bad_request', [{ path: field, message: say('malformed', req.lang) }]);
  }
  if (!data || data.length === 0) throw fieldError(field, say('noFile', req.lang));
  return data;
}
