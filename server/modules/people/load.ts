// Loading residents that another part of the system generated (the demo district): sealed exactly as registration
// seals them (encrypted ID and phone, blind index, pinyin keys), with care levels and past visits, in a few statements.
import type { PersonalCrypto } from '../../platform/crypto';
import type { Exec } from '../../platform/db';
import type { z } from 'zod';
import type { ResidenceType } from '../../../contracts/people';
import { nameColumns, sealIdNumber, sealPhone } from './record';
import { careRepo, residentRepo } from './repo';

export type ResidentToLoad = {
  name: string;
  /** A citizen ID number (sex and birth date are read from it). */
  idNumber: string;
  phone: string | null;
  residenceType: z.infer<typeof ResidenceType>;
  household: { id: number; path: string };
  movedInOn: string | null;
  /** Codes of the tag catalogue. */
  tags: string[];
  care: { level: 'red' | 'yellow' | 'blue'; reason: string; assigneeUserId: number | null; setOn: string } | null;
  visits: { visitorUserId: number; visitedOn: string; note: string }[];
};

/** Inserts the residents (refusing an invalid ID number), then their care levels and visits; returns the new ids in order. */
export async function loadResidents(
  exec: Exec,
  crypto: PersonalCrypto,
  today: string,
  now: Date,
  people: ResidentToLoad[],
): Promise<number[]> {
  if (!people.length) return [];
  const ids = await residentRepo.insertManyReturningIds(
    exec,
    people.map((p) => {
      const id = sealIdNumber(crypto, p.idNumber, today);
      if (id.problem !== null) throw new Error(`loadResidents: ${p.name}: ${id.problem}`);
      return {
        ...nameColumns(p.name),
        ...id.values,
        ...sealPhone(crypto, p.phone),
        residenceType: p.residenceType,
        householdNodeId: p.household.id,
        nodePath: p.household.path,
        movedInOn: p.movedInOn,
        tags: p.tags,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  const care = people.flatMap((p, i) =>
    p.care ? [{ residentId: ids[i]!, ...p.care, nodePath: p.household.path, updatedAt: now }] : [],
  );
  const visits = people.flatMap((p, i) =>
    p.visits.map((v) => ({ residentId: ids[i]!, ...v, nodePath: p.household.path, createdAt: now })),
  );
  await careRepo.insertLevels(exec, care);
  await careRepo.insertVisits(exec, visits);
  return ids;
}
