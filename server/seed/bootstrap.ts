// First start: demo data unless SEED_DEMO=0; otherwise one district and one administrator with a one-time password.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../platform/db';
import { generatePassword, hashPassword } from '../platform/auth/password';
import { territoryRepo } from '../modules/territory/repo';
import { userRepo } from '../modules/users/repo';
import { seedDemo } from './demo';
import { seedDemoPeople } from './demo-people';
import { systemClock, type Clock } from '../platform/clock';
import { seedServiceDemo } from './demo-services';
import { seedPointsDemo } from './demo-points';
import { seedWishDemo } from './demo-wishes';
import { seedSupervisionDemo } from './demo-supervision';
import type { PersonalCrypto } from '../platform/crypto';
import { seedCategories } from '../modules/cases/categories';
import { seedCalendar } from '../platform/calendar/seed';
import { seedPersonTags } from '../modules/people/tags';
import { seedServiceCatalogue } from '../modules/services';

type Log = { info(obj: object, msg: string): void; warn(obj: object | string, msg?: string): void };

/** Seeds an empty database; does nothing when any user exists. Says whether it loaded the demo district. */
export async function bootstrap(
  db: Db,
  opts: { seedDemo: boolean; crypto: PersonalCrypto; clock?: Clock },
  log: Log,
): Promise<'demo' | 'admin' | 'existing'> {
  // Every start takes the holidays of a newer chinese-days release; manual overrides are kept.
  await seedCalendar(db);
  // The standard person tags: a database made before they were seeded gets them too; an administrator's edits stay.
  await seedPersonTags(db);
  const r = await rows<{ n: number }>(db, sql`select count(*)::int as n from users`);
  if ((r[0]?.n ?? 0) > 0) {
    // The default service catalogue: a database made before it existed gets it; a keeper's edits stay.
    await seedServiceCatalogue(db);
    return 'existing';
  }
  if (opts.seedDemo) {
    await seedDemo(db, opts.crypto);
    const people = await seedDemoPeople(db, opts.crypto, opts.clock ?? systemClock);
    await seedServiceDemo(db, opts.crypto);
    await seedPointsDemo(db, opts.clock ?? systemClock);
    await seedWishDemo(db, (opts.clock ?? systemClock).now());
    await seedSupervisionDemo(db, opts.clock ?? systemClock);
    log.info({ people }, 'demo data loaded (家园示范区); demo accounts are listed in README.md');
    return 'demo';
  }
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await seedCategories(tx);
    await seedServiceCatalogue(tx);
    const district = await territoryRepo.insert(
      tx,
      { kind: 'district', name: '本区（请改名）', code: process.env.DISTRICT_CODE ?? '990100' },
      null,
    );
    const u = await userRepo.insert(tx, {
      username: 'admin',
      displayName: '系统管理员',
      passwordHash,
      mustChangePassword: true,
    });
    await userRepo.replaceBindings(tx, u.id, [{ role: 'district_admin', nodeId: district.id, organisationId: null }]);
  });
  // Printed once, to the console only, so the operator can log in and must change it.
  process.stdout.write(
    `\n  首个管理员 / first administrator:  admin  ${password}\n  (一次性密码，登录后须修改 / one-time password, change it at first login)\n\n`,
  );
  return 'admin';
}
