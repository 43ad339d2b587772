// Test databases: a fresh in-memory PGlite, or a fresh database on the server named by TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openEmbedded, openServer, type Database } from './db';

/** Opens an empty, migrated database for one test file; `close` drops it. */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openEmbedded(null);
  const name = `jy_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openServer(u.toString(), 5);
  return {
    ...database,
    close: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
