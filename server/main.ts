// Process entry: read configuration, open the database, seed a new one, listen, and shut down cleanly.
import { loadConfig } from './platform/config';
import { openDatabase } from './platform/db';
import { createPlatform } from './platform';
import { buildApp } from './app';
import { bootstrap } from './seed/bootstrap';
import { seedDemoCases } from './seed/demo-cases';
import { seedDemoRooms } from './seed/demo-rooms';
import { seedDemoVolunteers } from './seed/demo-volunteers';
import { seedDemoCobuild } from './seed/demo-cobuild';
import { seedDemoDeliberation } from './seed/demo-deliberation';
import { sealPlaintextPhones } from './seed/seal-phones';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bootLog = {
    info: (o: object, m: string) => console.log(m, o),
    error: (o: object, m: string) => console.error(m, o),
  };
  const deps = createPlatform(config, database, bootLog);
  const app = await buildApp(deps);
  const seeded = await bootstrap(
    deps.db,
    { seedDemo: config.seedDemo, crypto: deps.crypto, clock: deps.clock },
    app.log,
  );
  // Before listening: a database from an older version may still hold phones in the clear (issue 11 item 18).
  const sealed = await sealPlaintextPhones(deps.db, deps.crypto);
  if (Object.values(sealed).some((n) => n > 0)) app.log.info({ sealed }, 'clear phones from an older version sealed');
  await deps.calendar.load();
  if (seeded === 'demo' && config.seedDemoCases)
    app.log.info({ cases: await seedDemoCases(app) }, 'demo cases walked through the case loop');
  if (seeded === 'demo') app.log.info({ spaces: await seedDemoRooms(app) }, 'demo rooms defined and booked');
  if (seeded === 'demo')
    app.log.info({ activities: await seedDemoVolunteers(app, deps) }, 'demo volunteers, teams and activities');
  if (seeded === 'demo') app.log.info({ needs: await seedDemoCobuild(app) }, 'demo co-building agreements and orders');
  if (seeded === 'demo')
    app.log.info({ proposals: await seedDemoDeliberation(app) }, 'demo council, proposals and votes');
  // The embedded database has no autovacuum: refresh planner statistics at start and every hour.
  await database.maintain();
  const maintenance = setInterval(
    () => void database.maintain().catch((err) => app.log.warn({ err }, 'analyze failed')),
    3_600_000,
  );
  maintenance.unref();
  deps.jobs.start();
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ db: database.kind, port: config.port }, `Jiayuan is running: http://localhost:${config.port}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(maintenance);
    await app.close();
    await deps.jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
