// Photo attachments over HTTP: upload checks, metadata stripping, thumbnails, and who may read a photo.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/tables';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { assertAttachable } from './service';

const MAX = 2 * 1_048_576;
let t: TestApp;
let dir: string;
const s = {} as Record<string, Session>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jy-files-'));
  t = await createTestApp({ config: { filesDir: dir, maxUploadBytes: MAX } });
  for (const u of ['grid1', 'grid2', 'community1', 'dept1']) s[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const as = (who: string | null, o: InjectOptions) => t.as(who ? s[who]! : null, o);

type Part = { field?: string; filename?: string; type?: string; data: Buffer | string };
/** A multipart/form-data body written by hand, as a browser would send it. */
function form(...parts: Part[]) {
  const boundary = `----jiayuan${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition =
      p.filename === undefined
        ? `name="${p.field ?? 'file'}"`
        : `name="${p.field ?? 'file'}"; filename="${p.filename}"`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
      ),
      Buffer.from(p.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (who: string, ...parts: Part[]) => as(who, { method: 'POST', url: '/api/files', ...form(...parts) });
const photo = (data: Buffer, filename = 'photo.jpg', type = 'image/jpeg') => ({ filename, type, data });
const read = (who: string, id: string, thumb = false) =>
  as(who, { method: 'GET', url: `/api/files/${id}${thumb ? '/thumb' : ''}` });

/** The tags in the GPS IFD of an EXIF block, or null when it has none. */
function gpsTags(exif: Buffer | undefined): number[] | null {
  if (!exif) return null;
  const t = exif.subarray(6);
  const le = t.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) {
    const e = ifd0 + 2 + i * 12;
    if (u16(e) !== 0x8825) continue;
    const g = u32(e + 8);
    return Array.from({ length: u16(g) }, (_, j) => u16(g + 2 + j * 12));
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** One PNG chunk: length, type, data and the CRC-32 of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = ~0;
  for (const byte of body) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(~crc >>> 0, 8 + data.length);
  return out;
}

/** A 1200×800 JPEG shot "rotated" (EXIF orientation 6) at a point in the demo district, with camera and GPS tags. */
const gpsJpeg = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } })
    .withExif({
      IFD0: { Make: 'JiayuanTestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 55/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '116/1 18/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();

async function uploaded(who = 'grid1'): Promise<string> {
  const r = await upload(
    who,
    photo(
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } })
        .jpeg()
        .toBuffer(),
    ),
  );
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('uploading photos', () => {
  it('stores an upright original without EXIF (no GPS), a 320-px JPEG thumbnail, and audits the upload', async () => {
    const input = await gpsJpeg();
    expect(gpsTags((await sharp(input).metadata()).exif)).toEqual([1, 2, 3, 4]);
    const r = await upload('grid1', photo(input));
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({
      mime: 'image/jpeg',
      width: 800,
      height: 1200,
      url: `/api/files/${a.id}`,
      thumbUrl: `/api/files/${a.id}/thumb`,
    });

    const original = await read('grid1', a.id);
    expect(original.statusCode).toBe(200);
    expect(original.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
    const bytes = original.rawPayload;
    expect(bytes.length).toBe(a.size);
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 800, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(bytes.includes('JiayuanTestCam')).toBe(false);

    const thumb = await read('grid1', a.id, true);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const tm = await sharp(thumb.rawPayload).metadata();
    expect(tm).toMatchObject({ format: 'jpeg', width: 213, height: 320 });
    expect(tm.exif).toBeUndefined();

    const audit = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'file.upload'), eq(auditLog.entityId, a.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ mime: 'image/jpeg', size: a.size, width: 800, height: 1200 });
  });

  it('keeps PNG and WebP in their own format, whatever the file is called', async () => {
    const png = await sharp({
      create: { width: 400, height: 200, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const p = await upload('grid1', photo(png, 'scan.jpg', 'image/jpeg'));
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({ mime: 'image/png', width: 400, height: 200 });
    expect((await read('grid1', p.json().id)).headers['content-type']).toBe('image/png');
    expect(await sharp((await read('grid1', p.json().id, true)).rawPayload).metadata()).toMatchObject({
      format: 'jpeg',
      width: 320,
      height: 160,
    });

    const webp = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#00f' } })
      .webp()
      .toBuffer();
    const w = await upload('grid1', photo(webp, 'x.bin', 'application/octet-stream'));
    expect(w.json()).toMatchObject({ mime: 'image/webp', width: 100, height: 100 });
    // Small images are not enlarged for the thumbnail.
    expect(await sharp((await read('grid1', w.json().id, true)).rawPayload).metadata()).toMatchObject({
      width: 100,
      height: 100,
    });
  });

  it('refuses anything that is not a JPEG, PNG or WebP by its bytes, with 400 and a clear message', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic'),
      Buffer.alloc(64),
    ]);
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const truncated = (await gpsJpeg()).subarray(0, 2000);
    const huge = Buffer.concat([
      PNG_SIGNATURE,
      pngChunk('IHDR', Buffer.from([0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 0, 0, 0, 0])),
      pngChunk('IDAT', deflateSync(Buffer.alloc(100))),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    const cases: [string, Part, RegExp][] = [
      [
        'HTML named .jpg',
        photo(Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')),
        /JPEG、PNG 或 WebP/,
      ],
      ['SVG', photo(Buffer.from(svg), 'logo.svg', 'image/svg+xml'), /JPEG、PNG 或 WebP/],
      ['GIF', photo(gif, 'a.gif', 'image/gif'), /JPEG、PNG 或 WebP/],
      ['HEIC', photo(heic, 'IMG_0001.HEIC', 'image/heic'), /HEIC/],
      ['a cut-off JPEG', photo(truncated), /损坏或不完整/],
      ['a 20000×20000 PNG of 81 bytes', photo(huge, 'bomb.png', 'image/png'), /像素过大/],
    ];
    for (const [what, part, message] of cases) {
      const r = await upload('grid1', part);
      expect(r.statusCode, what).toBe(400);
      expect(r.json().error.code, what).toBe('validation_failed');
      expect(r.json().error.details[0], what).toMatchObject({ path: 'file', message: expect.stringMatching(message) });
    }
    const body = form(photo(Buffer.from(svg)));
    const en = await as('grid1', {
      method: 'POST',
      url: '/api/files',
      ...body,
      headers: { ...body.headers, 'accept-language': 'en' },
    });
    expect(en.json().error.details[0].message).toBe('Only JPEG, PNG or WebP images can be uploaded');
  });

  it('refuses a 100-megapixel 16-bit PNG by its header with 400 naming the limit, four at once, memory staying low', async () => {
    // Solid colour: 100 million 16-bit RGBA pixels (800 MB decoded) pack into about a megabyte.
    const png = await sharp({
      create: { width: 10_000, height: 10_000, channels: 4, background: { r: 200, g: 100, b: 50, alpha: 1 } },
    })
      .toColourspace('rgb16')
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(png.length).toBeLessThan(MAX);
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const answers = await Promise.all([0, 1, 2, 3].map(() => upload('grid1', photo(png, 'poster.png', 'image/png'))));
      for (const r of answers) {
        expect(r.statusCode, r.body).toBe(400);
        expect(r.json().error.details[0]).toEqual({
          path: 'file',
          message: '图片像素过大（超过 40 百万像素），请缩小后再上传',
        });
      }
    } finally {
      clearInterval(timer);
    }
    expect(peak - base).toBeLessThan(200 * 1_048_576);
    const body = form(photo(png, 'poster.png', 'image/png'));
    const en = await as('grid1', {
      method: 'POST',
      url: '/api/files',
      ...body,
      headers: { ...body.headers, 'accept-language': 'en' },
    });
    expect(en.json().error.details[0].message).toBe(
      'The image has more than 40 megapixels; scale it down and try again',
    );
  }, 60_000);

  it('answers 413 past the size limit, and accepts a large image below it (not held to the JSON body limit)', async () => {
    const big = await sharp(Buffer.from(Array.from({ length: 700 * 700 * 3 }, () => Math.floor(Math.random() * 256))), {
      raw: { width: 700, height: 700, channels: 3 },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(1_048_576);
    const ok = await upload('grid1', photo(big, 'noise.png', 'image/png'));
    expect(ok.statusCode, ok.body).toBe(201);

    const r = await upload('grid1', photo(Buffer.alloc(MAX + 1, 0xff)));
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatchObject({
      code: 'payload_too_large',
      details: [{ path: 'file', message: expect.stringContaining('2 MB') }],
    });
  });

  it('takes exactly one file in the field "file", and only with a session and the CSRF header', async () => {
    const jpeg = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    expect((await upload('grid1', photo(jpeg), photo(jpeg))).statusCode).toBe(400);
    expect((await upload('grid1', { ...photo(jpeg), field: 'image' })).statusCode).toBe(400);
    expect((await upload('grid1', { field: 'note', data: 'no file here' })).statusCode).toBe(400);
    expect((await as('grid1', { method: 'POST', url: '/api/files', payload: { file: 'x' } })).statusCode).toBe(400);
    const cut = form(photo(jpeg));
    const malformed = await as('grid1', {
      method: 'POST',
      url: '/api/files',
      payload: cut.payload.subarray(0, 120),
      headers: cut.headers,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');
    const withNote = await upload('grid1', { field: 'note', data: '东门' }, photo(jpeg));
    expect(withNote.statusCode).toBe(201);

    const body = form(photo(jpeg));
    expect((await t.app.inject({ method: 'POST', url: '/api/files', ...body })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      ...body,
      headers: { ...body.headers, cookie: s.grid1!.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
  });

  it('limits uploads to 60 a minute per user', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await upload('dept1', photo(Buffer.from('not an image')))).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 400)).toBe(true);
    expect(codes[60]).toBe(429);
    expect((await upload('grid2', photo(Buffer.from('not an image')))).statusCode).toBe(400);
  });
});

describe('reading photos', () => {
  it('shows a photo to its uploader, then to whoever may read a case that holds it, and to nobody else', async () => {
    const id = await uploaded('grid1');
    expect((await read('grid1', id)).statusCode).toBe(200);
    expect((await read('grid1', id.toUpperCase(), true)).statusCode).toBe(200);
    for (const who of ['grid2', 'community1', 'dept1']) expect((await read(who, id)).statusCode, who).toBe(404);

    const c = await as('grid1', {
      method: 'POST',
      url: '/api/cases',
      payload: { categoryCode: 'E0101', description: 'x', location: { lat: 39.92, lng: 116.305 }, photos: [id] },
    });
    expect(c.statusCode, c.body).toBe(201);
    expect((await read('community1', id)).statusCode).toBe(200);
    expect((await read('community1', id, true)).statusCode).toBe(200);
    for (const who of ['grid2', 'dept1']) {
      expect((await read(who, id)).statusCode, who).toBe(404);
      expect((await read(who, id, true)).statusCode, who).toBe(404);
    }
  });

  it('shows a photo added to a case timeline to the case readers', async () => {
    const c = (
      await as('grid1', {
        method: 'POST',
        url: '/api/cases',
        payload: { categoryCode: 'E0101', description: '无照片上报', location: { lat: 39.92, lng: 116.305 } },
      })
    ).json();
    const id = await uploaded('grid1');
    expect((await read('community1', id)).statusCode).toBe(404);
    const r = await as('grid1', {
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      payload: { action: 'comment', version: c.version, note: '补充现场照片', photos: [id] },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await read('community1', id)).statusCode).toBe(200);
    expect((await read('grid2', id)).statusCode).toBe(404);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await read('grid1', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await read('grid1', 'not-a-uuid')).statusCode).toBe(400);
  });

  it('lets a record show only photos its author may see', async () => {
    const mine = await uploaded('grid1');
    const theirs = await uploaded('grid2');
    const me = (await t.deps.sessions.resolve(decodeURIComponent(s.grid1!.cookie.slice('jy_session='.length))))!;
    await expect(assertAttachable(t.deps.db, me, [mine, mine])).resolves.toBeUndefined();
    await expect(assertAttachable(t.deps.db, me, [mine, theirs])).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'photos.1' }],
    });
  });
});
