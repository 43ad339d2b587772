// The zip container of a workbook, judged by its central directory before anything is unpacked, and each part read as
// a stream that stops the moment it passes its bounds (yauzl: random access, declared sizes checked against actual).
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { tooComplex, unreadable, type SheetLimits } from './limits';

export type WorkbookZip = {
  /** The entry of that name (exact path inside the zip), if any. */
  has(name: string): boolean;
  /** The entry's text, decoded as UTF-8 across chunk boundaries, in chunks as they are inflated. */
  text(name: string): AsyncGenerator<string>;
  close(): void;
};

const open = (source: Buffer | string) =>
  new Promise<ZipFile>((resolve, reject) => {
    const opts = { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true };
    const done = (err: Error | null, zip?: ZipFile) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip);
    if (Buffer.isBuffer(source)) yauzl.fromBuffer(source, opts, done);
    else yauzl.open(source, opts, done);
  });

/** Every entry of the central directory, refused past the entry count, a declared size or ratio, or the declared total. */
function entries(zip: ZipFile, limits: SheetLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.maxEntries) return Promise.reject(tooComplex('entries', limits.maxEntries));
  return new Promise((resolve, reject) => {
    const out = new Map<string, Entry>();
    let total = 0;
    const fail = (err: unknown) => {
      zip.removeAllListeners('entry');
      reject(err);
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(out));
    zip.on('entry', (e: Entry) => {
      if (e.fileName.endsWith('/')) return zip.readEntry();
      // Two entries of one name would let a checker and a reader see different parts.
      if (out.has(e.fileName)) return fail(unreadable('xlsx', `the part ${e.fileName} appears twice`));
      if (e.uncompressedSize > limits.maxEntryBytes) return fail(tooComplex('entryBytes', limits.maxEntryBytes));
      if (
        e.uncompressedSize > limits.ratioFloorBytes &&
        e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)
      )
        return fail(tooComplex('ratio', limits.maxRatio));
      total += e.uncompressedSize;
      if (total > limits.maxTotalBytes) return fail(tooComplex('totalBytes', limits.maxTotalBytes));
      out.set(e.fileName, e);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/**
 * Opens a workbook's zip (bytes in memory, or a file on disk). Throws a 400 when the bytes are not a zip or its
 * directory breaks a bound. The bytes actually inflated are counted too, against the entry and total bounds and the ratio.
 */
export async function openWorkbookZip(source: Buffer | string, limits: SheetLimits): Promise<WorkbookZip> {
  let zip: ZipFile;
  try {
    zip = await open(source);
  } catch (err) {
    throw unreadable('xlsx', err);
  }
  let list: Map<string, Entry>;
  try {
    list = await entries(zip, limits);
  } catch (err) {
    zip.close();
    throw unreadable('xlsx', err);
  }
  let inflated = 0;
  return {
    has: (name) => list.has(name),
    close: () => zip.close(),
    async *text(name) {
      const entry = list.get(name);
      if (!entry) return;
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err || !s ? reject(unreadable('xlsx', err)) : resolve(s))),
      );
      const decoder = new TextDecoder('utf-8');
      let mine = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          mine += chunk.length;
          inflated += chunk.length;
          // yauzl already stops an entry that inflates past its declared size; these hold when the declaration was modest but the total is not.
          if (mine > limits.maxEntryBytes) throw tooComplex('entryBytes', limits.maxEntryBytes);
          if (inflated > limits.maxTotalBytes) throw tooComplex('totalBytes', limits.maxTotalBytes);
          if (mine > limits.ratioFloorBytes && mine > limits.maxRatio * Math.max(1, entry.compressedSize))
            throw tooComplex('ratio', limits.maxRatio);
          yield decoder.decode(chunk, { stream: true });
        }
        yield decoder.decode();
      } catch (err) {
        throw unreadable('xlsx', err);
      } finally {
        stream.destroy();
      }
    },
  };
}
