// First start: demo data by default; with SEED_DEMO=0 one administrator with a one-time password; never twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { openEmbedded, rows } from '../platform/db';
import { openTestDatabase } from '../platform/test-db';
import { verifyPassword } from '../platform/auth/password';
import { userRepo } from '../modules/users/repo';
import { createPersonalCrypto } from '../platform/crypto';
import { bootstrap } from './bootstrap';
import { STANDARD_TAGS } from '../modules/people/tags';

const log = { info() {}, warn() {} };

describe('bootstrap', () => {
  it('creates one administrator with a printed one-time password that must be changed', async () => {
    const database = await openTestDatabase();
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await bootstrap(database.db, { seedDemo: false, crypto: createPersonalCrypto(undefined) }, log);
      const printed = write.mock.calls.map((c) => String(c[0])).join('');
      const password = /admin\s+(\S+)/.exec(printed)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
      const admin = await userRepo.byLogin(database.db, 'admin', null);
      expect(admin!.mustChangePassword).toBe(true);
      expect(await verifyPassword(admin!.passwordHash, password!)).toBe(true);
      await bootstrap(database.db, { seedDemo: false, crypto: createPersonalCrypto(undefined) }, log);
      expect((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from users`))[0]!.n).toBe(1);
      // The standard person tags come with the first start, once, so the import template's example row is valid.
      expect((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from person_tags`))[0]!.n).toBe(
        STANDARD_TAGS.length,
      );
    } finally {
      write.mockRestore();
      await database.close();
    }
  });

  it('keeps embedded data across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jiayuan-db-'));
    try {
      const first = await openEmbedded(dir);
      await bootstrap(first.db, { seedDemo: true, crypto: createPersonalCrypto(undefined) }, log);
      await first.close();
      const second = await openEmbedded(dir);
      const n = await rows<{ n: number }>(
        second.db,
        sql`select count(*)::int as n from territory_nodes where kind = 'grid'`,
      );
      expect(n[0]!.n).toBe(40);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
