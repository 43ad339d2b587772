// Where attachment bytes live: a small key-value interface, and its disk implementation with atomic writes.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export type FileStorage = {
  /** Stores `data` under `key`, replacing what was there; readers never see a half-written file. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes `key`; removing a missing key is not an error. */
  remove(key: string): Promise<void>;
};

const KEY = /^[a-z0-9][a-z0-9._-]{2,127}$/;

function checkKey(key: string): string {
  // Keys become file names: no separators, no dot-dot, so a key can never leave the storage folder.
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  return key;
}

/** Files on disk under `dir`, sharded into subfolders by the first two characters of the key. */
export function diskStorage(dir: string): FileStorage {
  const root = path.resolve(dir);
  const where = (key: string) => path.join(root, checkKey(key).slice(0, 2), key);
  return {
    async put(key, data) {
      const file = where(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write a temporary file beside the target, flush it, then rename: a crash leaves the old file or the new one.
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const fh = await open(tmp, 'wx', 0o640);
      try {
        await fh.writeFile(data);
        await fh.sync();
      } catch (err) {
        await fh.close();
        await rm(tmp, { force: true });
        throw err;
      }
      await fh.close();
      try {
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key) {
      try {
        return await readFile(where(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async remove(key) {
      await rm(where(key), { force: true });
    },
  };
}
