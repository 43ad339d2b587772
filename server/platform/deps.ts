// What modules are built from: the platform's services, passed in explicitly.
import type { Audit } from './audit/service';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database, Db } from './db';
import type { Jobs } from './jobs/runner';
import type { SessionStore } from './auth/sessions';
import type { Calendar } from './calendar/calendar';
import type { FileStorage } from './files/storage';
import type { PersonalCrypto } from './crypto';
import type { Ledgers } from './ledgers';

export type PlatformDeps = {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  audit: Audit;
  jobs: Jobs;
  sessions: SessionStore;
  /** Business calendar that time limits are counted on. */
  calendar: Calendar;
  /** Where attachment bytes live. */
  files: FileStorage;
  /** Encryption, blind index and masking of personal data (DATA_KEY), one instance for every module. */
  crypto: PersonalCrypto;
  /** The ledgers (台账) modules declared, and the one writer that produces them. */
  ledgers: Ledgers;
};
