// Disk storage: sharded paths, atomic replacement, missing keys, and keys that try to leave the folder.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskStorage, type FileStorage } from './storage';

let dir: string;
let store: FileStorage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jy-storage-'));
  store = diskStorage(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('disk storage', () => {
  it('stores under a folder named by the first two characters of the key and reads it back', async () => {
    await store.put('ab12cd.thumb', Buffer.from('one'));
    expect((await stat(path.join(dir, 'ab', 'ab12cd.thumb'))).isFile()).toBe(true);
    expect((await store.get('ab12cd.thumb'))!.toString()).toBe('one');
  });

  it('replaces a file whole and leaves no temporary files behind', async () => {
    await store.put('cd34', Buffer.from('old'));
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.put('cd34', Buffer.alloc(100_000, i))));
    const got = (await store.get('cd34'))!;
    expect(got.length).toBe(100_000);
    expect(got.every((b) => b === got[0])).toBe(true);
    expect(await readdir(path.join(dir, 'cd'))).toEqual(['cd34']);
  });

  it('answers null for a missing key and removes quietly', async () => {
    expect(await store.get('ef56')).toBeNull();
    await store.put('ef56', Buffer.from('x'));
    await store.remove('ef56');
    await store.remove('ef56');
    expect(await store.get('ef56')).toBeNull();
  });

  it('refuses keys that could name a path outside the folder', async () => {
    for (const key of ['../etc/passwd', 'ab/../../x', '..abc', 'a', '/abs', 'AB12', 'ab\\cd']) {
      await expect(store.put(key, Buffer.from('x')), key).rejects.toThrow(/invalid storage key/);
    }
  });
});
