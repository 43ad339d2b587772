// Client-side photo downscaling: any picked image becomes a JPEG at most 1600 px on its longer side before upload.
export const MAX_EDGE = 1600;

/** Why the device could not turn a picked file into a photo to upload; each reason has a message in the catalogues. */
export type PhotoProblem = 'heic' | 'undecodable' | 'encode';
export class PhotoUnreadable extends Error {
  constructor(readonly problem: PhotoProblem) {
    super(`photo unreadable: ${problem}`);
    this.name = 'PhotoUnreadable';
  }
}

/** HEIC/HEIF (iPhone's default) cannot be decoded by most browsers outside Safari. */
const isHeic = (file: Blob) =>
  /^image\/hei[cf]/i.test(file.type) || (file instanceof File && /\.(heic|heif)$/i.test(file.name));

async function decode(
  file: Blob,
): Promise<{ source: CanvasImageSource; width: number; height: number; done: () => void }> {
  if (typeof createImageBitmap === 'function') {
    // from-image applies the EXIF orientation, so phone photos are not drawn sideways.
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { source: bitmap, width: bitmap.width, height: bitmap.height, done: () => bitmap.close() };
  }
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  await img.decode();
  return { source: img, width: img.naturalWidth, height: img.naturalHeight, done: () => URL.revokeObjectURL(url) };
}

/** Draws the image onto a canvas no larger than `maxEdge` and encodes it as JPEG. */
export async function downscaleImage(file: Blob, maxEdge = MAX_EDGE, quality = 0.85): Promise<Blob> {
  // The browser's own decoding errors are English and technical; the person is told what to do instead.
  const image = await decode(file).catch(() => {
    throw new PhotoUnreadable(isHeic(file) ? 'heic' : 'undecodable');
  });
  try {
    const scale = Math.min(1, maxEdge / Math.max(image.width, image.height));
    const width = Math.max(1, Math.round(image.width * scale));
    const height = Math.max(1, Math.round(image.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new PhotoUnreadable('encode');
    // JPEG has no transparency: give transparent PNGs a white background instead of black.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(image.source, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoUnreadable('encode'))), 'image/jpeg', quality),
    );
  } finally {
    image.done();
  }
}
