// Assembles the platform services from configuration and an open database.
import { createAudit } from './audit/service';
import { createSessionStore } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db';
import type { PlatformDeps } from './deps';
import { createJobs } from './jobs/runner';
import { createCalendar } from './calendar/calendar';
import { diskStorage } from './files/storage';
import { createPersonalCrypto } from './crypto';
import { createLedgers } from './ledgers';

type Log = { error(obj: object, msg: string): void; info(obj: object, msg: string): void };

export function createPlatform(config: Config, database: Database, log: Log, clock: Clock = systemClock): PlatformDeps {
  const db = database.db;
  const audit = createAudit(clock);
  return {
    config,
    database,
    db,
    clock,
    audit,
    jobs: createJobs({ db, clock, log }),
    sessions: createSessionStore(db, clock, config.sessionTtlMs),
    calendar: createCalendar(db),
    files: diskStorage(config.filesDir),
    crypto: createPersonalCrypto(config.dataKey),
    ledgers: createLedgers({ db, clock, audit }),
  };
}
