// Image intake: tell the type from the bytes, refuse what is not a photo we keep, re-encode without metadata, make a thumbnail.
import sharp from 'sharp';
import { THUMB_SIZE, type ImageMime } from '../../../contracts/files';
import { AppError, type Lang } from '../errors';

// One libvips thread per image (images are processed side by side, a few at a time, by the gate below), and no
// operation cache: uploads are never decoded twice, and a cache of decoded pixels is memory held for nothing.
sharp.concurrency(1);
sharp.cache(false);

/** Why an upload is not accepted as an image; each reason has a message for the person who sent it. */
export type ImageRefusal = 'unsupported_type' | 'heic' | 'unreadable' | 'too_many_pixels';

export class ImageRefused extends Error {
  constructor(readonly reason: ImageRefusal) {
    super(`image refused: ${reason}`);
  }
}

const REFUSALS: Record<ImageRefusal, Record<Lang, string>> = {
  unsupported_type: {
    'zh-CN': '只能上传 JPEG、PNG 或 WebP 格式的图片',
    en: 'Only JPEG, PNG or WebP images can be uploaded',
  },
  heic: {
    'zh-CN': '暂不支持 HEIC/HEIF 格式（苹果手机默认格式），请在相机设置中选择“兼容性最佳”或改传 JPEG',
    en: 'HEIC/HEIF photos are not supported; set the camera to "Most Compatible" or send a JPEG',
  },
  unreadable: { 'zh-CN': '图片已损坏或不完整，无法读取', en: 'The image is damaged or incomplete and cannot be read' },
  too_many_pixels: {
    'zh-CN': '图片像素过大（超过 {mp} 百万像素），请缩小后再上传',
    en: 'The image has more than {mp} megapixels; scale it down and try again',
  },
};

/** The refusal's message; `maxPixels` fills in the limit the too-many-pixels message names. */
export function refusalMessage(reason: ImageRefusal, lang: Lang, maxPixels = 0): string {
  return REFUSALS[reason][lang].replace('{mp}', String(Math.round(maxPixels / 100_000) / 10));
}

const BUSY: Record<Lang, string> = {
  'zh-CN': '正在处理的图片过多，请稍后重试',
  en: 'Too many images are being processed; try again in a moment',
};

/**
 * At most `concurrency` image jobs at once, at most `queue` more waiting; beyond that the caller gets a 503 (with a
 * message in `lang`) at once rather than a growing pile of decoded images in memory.
 */
export function createImageGate(opts: { concurrency: number; queue: number }) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(lang: Lang, job: () => Promise<T>): Promise<T> {
      if (running >= opts.concurrency) {
        if (waiting.length >= opts.queue) throw new AppError('unavailable', [{ path: 'file', message: BUSY[lang] }]);
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running++;
      try {
        return await job();
      } finally {
        // The slot passes straight to the next in line (running stays the same), or is freed.
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    /** Jobs running and waiting now (for tests and figures). */
    load: () => ({ running, waiting: waiting.length }),
  };
}
export type ImageGate = ReturnType<typeof createImageGate>;

type Kind = 'jpeg' | 'png' | 'webp';
const MIME: Record<Kind, ImageMime> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/** The image type by magic number, ignoring the file name and the declared content type. */
export function sniffImage(b: Buffer): Kind | 'heic' | 'avif' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_MAGIC)) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 16 && b.toString('latin1', 4, 8) === 'ftyp') {
    // ISO base media 'ftyp' box: major brand at 8, minor version at 12, compatible brands from 16 to the box end.
    const end = Math.min(b.length, Math.max(16, b.readUInt32BE(0)));
    const brands = [b.toString('latin1', 8, 12)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(b.toString('latin1', i, i + 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'avif';
    if (brands.some((x) => HEIC_BRANDS.has(x))) return 'heic';
  }
  return null;
}

export type PreparedImage = { mime: ImageMime; original: Buffer; thumb: Buffer; width: number; height: number };

/**
 * Checks an uploaded image and returns what to store: the original turned upright by its EXIF orientation and
 * re-encoded in its own format with every metadata block (EXIF with GPS, XMP, IPTC) dropped, and a JPEG thumbnail
 * that fits in THUMB_SIZE × THUMB_SIZE. Throws ImageRefused for anything else.
 */
export async function prepareImage(data: Buffer, opts: { maxPixels: number }): Promise<PreparedImage> {
  const kind = sniffImage(data);
  if (kind === 'heic') throw new ImageRefused('heic');
  if (kind !== 'jpeg' && kind !== 'png' && kind !== 'webp') throw new ImageRefused('unsupported_type');
  // 'truncated' refuses a cut-off upload but tolerates the harmless warnings many phone JPEGs carry.
  const input = { failOn: 'truncated' as const, limitInputPixels: opts.maxPixels };
  // Reading the header costs nothing whatever its size, so it runs unlimited and the pixel count is judged below.
  const meta = await sharp(data, { ...input, limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta || meta.format !== kind || !meta.width || !meta.height) throw new ImageRefused('unreadable');
  if (meta.width * meta.height > opts.maxPixels) throw new ImageRefused('too_many_pixels');
  try {
    const upright = sharp(data, input).autoOrient();
    const encoded =
      kind === 'jpeg' ? upright.jpeg({ quality: 88 }) : kind === 'png' ? upright.png() : upright.webp({ quality: 88 });
    const { data: original, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumb = await sharp(original)
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
    return { mime: MIME[kind], original, thumb, width: info.width, height: info.height };
  } catch {
    // The header was fine but the pixel data is not (cut off or corrupt).
    throw new ImageRefused('unreadable');
  }
}
