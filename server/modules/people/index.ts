// The people module: residents, households and housing (一户一档), with protected personal data.
import type { FastifyInstance } from 'fastify';
import { createPersonalCrypto, type PersonalCrypto } from '../../platform/crypto';
import type { PlatformDeps } from '../../platform/deps';
import { type CaseNotifier, createCaseLoop, type ResidentLink } from '../cases';
import { can, type Actor } from '../../platform/policy';
import type { Db, Exec } from '../../platform/db';
import { peoplePolicy } from './policy';
import { residentRepo } from './repo';
import { createCareService } from './care';
import { createDiaryService } from './diary';
import { createDiaryLedger, DIARY_LEDGER } from './diary-ledger';
import { diaryRoutes } from './diary-routes';
import { careRoutes } from './care-routes';
import { createExporter, RESIDENT_LEDGER } from './export';
import { createHouseholdService } from './households';
import { BULK_UPLOAD_FACTOR, createBulkImporter } from './bulk-import';
import { createImporter } from './import';
import { peopleIoRoutes } from './io-routes';
import { peopleRoutes } from './routes';
import { createResidentService } from './service';
import { createTagService } from './tags';

/** The label of a household (estate, building, room) that every list, page and export shows. */
export { householdLabel, type HouseholdParts } from './label';
/** Loads generated residents (the demo district's), sealed as registration seals them, with care levels and visits. */
export { loadResidents, type ResidentToLoad } from './load';
/** The check character of an 18-digit citizen ID number (GB 11643), for making valid fictional numbers. */
export { idCheckChar } from './idcard';
/** The standard person tags (code, Chinese name) seeded at every start. */
export { STANDARD_TAGS } from './tags';

/** The personal-data cipher from `config.dataKey` (DATA_KEY); the development key, with a warning, when unset. */
export function peopleCrypto(deps: PlatformDeps, log?: { warn(msg: string): void }): PersonalCrypto {
  return createPersonalCrypto(deps.config.dataKey, log ?? { warn: (m) => process.emitWarning(m) });
}

/** The household of a resident the actor may read (the people policy's record check), for linking a case to them. */
export function residentLink(db: Db): ResidentLink {
  return async (actor, id) => {
    const r = await residentRepo.byId(db, id);
    return r && can(actor, peoplePolicy, 'read', { path: r.nodePath, userId: r.userId })
      ? { householdNodeId: r.householdNodeId }
      : null;
  };
}

/** `notifier` lets a diary entry become a case through the cases module's own intake (same rules, same notifications). */
export async function peopleModule(app: FastifyInstance, deps: PlatformDeps & { notifier: CaseNotifier }) {
  const crypto = peopleCrypto(deps, { warn: (m) => app.log.warn(m) });
  const d = { ...deps, crypto };
  deps.ledgers.declare(RESIDENT_LEDGER);
  deps.ledgers.declare(DIARY_LEDGER);
  await app.register(peopleRoutes, {
    prefix: '/api/people',
    residents: createResidentService(d),
    households: createHouseholdService(d),
    tagService: createTagService(d),
  });
  await app.register(peopleIoRoutes, {
    prefix: '/api/people',
    importer: createImporter(d),
    exporter: createExporter(d),
    maxBytes: deps.config.maxUploadBytes,
    bulk: createBulkImporter(d),
    bulkMaxBytes: deps.config.maxUploadBytes * BULK_UPLOAD_FACTOR,
  });
  await app.register(careRoutes, { prefix: '/api/people', care: createCareService(d) });
  const { intake } = createCaseLoop({ ...deps, residentLink: residentLink(deps.db) });
  await app.register(diaryRoutes, {
    prefix: '/api/people',
    diary: createDiaryService({ ...d, intake }),
    ledger: createDiaryLedger(d),
  });
}

// Public surface: what other modules may import (from '../people'); everything else in this folder is private.
/** Who may see, register, reveal and export residents. */
export { peoplePolicy } from './policy';
/** What the registry says of one resident that rules about who may apply look at (age, tags, residence, household). */
export type ResidentFacts = {
  residentId: number;
  name: string;
  birthDate: string;
  tags: string[];
  residenceType: string;
  householdNodeId: number;
  path: string;
  userId: number | null;
};

/**
 * The registry facts of a resident, found by id (staff applying on a resident's behalf; the caller checks the
 * actor may read them with `canReadResident`) or by their own account (a resident applying for themself).
 */
export async function residentFacts(
  db: Exec,
  by: { residentId: number } | { userId: number },
): Promise<ResidentFacts | null> {
  const r =
    'residentId' in by ? await residentRepo.byId(db, by.residentId) : await residentRepo.byUserId(db, by.userId);
  if (!r || r.movedOutOn) return null;
  return {
    residentId: r.id,
    name: r.name,
    birthDate: r.birthDate,
    tags: r.tags,
    residenceType: r.residenceType,
    householdNodeId: r.householdNodeId,
    path: r.nodePath,
    userId: r.userId,
  };
}

/** Whether the actor may read this resident's record (the people policy's record check). */
export function canReadResident(actor: Actor, f: { path: string; userId: number | null }): boolean {
  return can(actor, peoplePolicy, 'read', { path: f.path, userId: f.userId });
}
