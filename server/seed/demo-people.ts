// Residents of the demo district: a few hundred fictional people in households on every demo estate, with tags from
// the standard catalogue, care levels and past visits, so the people pages, the visits list and the grid worker's home
// screen have something to show on first login. Deterministic (one seed), fast (a few statements), and loaded through
// the people module, which seals ID numbers and phones as registration does.
import { inArray } from 'drizzle-orm';
import type { Clock } from '../platform/clock';
import type { PersonalCrypto } from '../platform/crypto';
import type { Db } from '../platform/db';
import { loadResidents, type ResidentToLoad } from '../modules/people';
import { territoryRepo, type NodeRow } from '../modules/territory/repo';
import { territoryNodes } from '../modules/territory/tables';
import { userRepo } from '../modules/users/repo';
import { fictionalIdNumber, fictionalName, fictionalPhone, SURNAMES } from './fictional';
import { createRng, type Rng } from './rng';

/** Rooms given to the demo buildings, in order: the first grids' buildings get ten households, the others two. */
const ROOMS = [1, 2].flatMap((unit) =>
  [1, 2, 3, 4, 5, 6].flatMap((floor) => [1, 2].map((room) => `${unit}单元${floor}0${room}室`)),
);
const VISIT_EVERY = { red: 7, yellow: 30, blue: 90 } as const;
const VISIT_NOTES = [
  '上门走访，身体状况良好，家中整洁',
  '电话联系后入户，了解用药情况，提醒按时复查',
  '帮助联系社区卫生服务站上门测血压',
  '询问生活需求，反映楼道灯不亮，已记录',
  '入户走访，叮嘱冬季用电用气安全',
];

type Level = keyof typeof VISIT_EVERY;
type Person = {
  age: number;
  male: boolean;
  surname?: string;
  tags: string[];
  residence?: ResidentToLoad['residenceType'];
};

const dayOffset = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Who lives in one household: an elderly person alone, an elderly couple, a family, or young tenants. */
function householdMembers(rng: Rng): Person[] {
  const r = rng.next();
  if (r < 0.16) {
    const age = rng.int(68, 93);
    const tags = ['elderly_alone'];
    if (rng.chance(0.25)) tags.push('disabled');
    if (rng.chance(0.2)) tags.push('low_income');
    return [{ age, male: rng.chance(0.35), tags }];
  }
  if (r < 0.34) {
    const age = rng.int(64, 88);
    return [
      { age, male: true, tags: ['empty_nest', ...(rng.chance(0.3) ? ['party_member'] : [])] },
      {
        age: age - rng.int(0, 4),
        male: false,
        tags: ['empty_nest', ...(rng.chance(0.15) ? ['serious_illness'] : [])],
      },
    ];
  }
  if (r < 0.86) {
    const father = rng.int(30, 52);
    const family: Person[] = [
      { age: father, male: true, tags: rng.chance(0.12) ? ['veteran'] : rng.chance(0.15) ? ['party_member'] : [] },
      { age: father - rng.int(0, 4), male: false, tags: rng.chance(0.1) ? ['party_member'] : [] },
    ];
    const poor = rng.chance(0.08);
    for (let c = rng.int(0, 2); c > 0; c--)
      family.push({ age: rng.int(2, 17), male: rng.chance(0.5), tags: poor ? ['child_in_difficulty'] : [] });
    if (poor) family[0]!.tags.push('low_income');
    if (rng.chance(0.15)) family.push({ age: rng.int(70, 86), male: rng.chance(0.5), tags: [] });
    return family.map((p, i) => (i === 0 || i === 1 ? p : { ...p, surname: 'family' }));
  }
  return Array.from({ length: rng.int(1, 2) }, () => ({
    age: rng.int(22, 34),
    male: rng.chance(0.5),
    tags: [],
    residence: rng.chance(0.6) ? ('floating' as const) : ('lodging' as const),
  }));
}

/** A care level for who needs one: alone and over 80 or disabled is red, alone or seriously ill yellow, low income blue. */
function careOf(p: Person): { level: Level; reason: string } | null {
  const has = (t: string) => p.tags.includes(t);
  if (has('elderly_alone') && (has('elderly_80') || has('disabled')))
    return { level: 'red', reason: has('disabled') ? '独居，行动不便' : '高龄独居' };
  if (has('elderly_alone')) return { level: 'yellow', reason: '独居老人' };
  if (has('serious_illness')) return { level: 'yellow', reason: '大病患者，需关注用药' };
  if (has('low_income') || has('child_in_difficulty')) return { level: 'blue', reason: '低保家庭' };
  if (has('elderly_80')) return { level: 'blue', reason: '高龄老人' };
  return null;
}

export type DemoPeople = { households: number; residents: number; withCare: number };

/** Adds households to the demo buildings and residents to every household; run once, after seedDemo. */
export async function seedDemoPeople(db: Db, crypto: PersonalCrypto, clock: Clock): Promise<DemoPeople> {
  const now = clock.now();
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const rng = createRng(990101);
  return db.transaction(async (tx) => {
    const nodes = await territoryRepo.list(
      tx,
      [inArray(territoryNodes.kind, ['grid', 'estate', 'building', 'household'])],
      { afterCode: null, limit: 5000, includeRetired: false, withGeometry: false },
    );
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const gridOf = (n: NodeRow): NodeRow | undefined => {
      for (let x: NodeRow | undefined = n; x; x = x.parentId ? byId.get(x.parentId) : undefined)
        if (x.kind === 'grid') return x;
      return undefined;
    };
    // The grid workers of the first two grids look after their grids' residents and have visited some of them.
    const workers = new Map<number, number>();
    for (const [username, grid] of [
      ['grid1', 0],
      ['grid2', 1],
    ] as const) {
      const u = await userRepo.byLogin(tx, username, null);
      const g = nodes.filter((n) => n.kind === 'grid')[grid];
      if (u && g) workers.set(g.id, u.id);
    }
    const households: NodeRow[] = nodes.filter((n) => n.kind === 'household');
    for (const building of nodes.filter((n) => n.kind === 'building')) {
      const existing = households.filter((h) => h.parentId === building.id);
      const want = workers.has(gridOf(building)?.id ?? -1) ? 10 : 2;
      const taken = new Set(existing.map((h) => h.name));
      let next = existing.length;
      for (const room of ROOMS.filter((r) => !taken.has(r)).slice(0, Math.max(0, want - existing.length))) {
        next++;
        households.push(
          await territoryRepo.insert(
            tx,
            {
              kind: 'household',
              name: room,
              code: `${building.code}${String(next).padStart(4, '0')}`,
              parentId: building.id,
            },
            building,
          ),
        );
      }
    }
    const people: ResidentToLoad[] = [];
    for (const h of households.sort((a, b) => a.code.localeCompare(b.code))) {
      const worker = workers.get(gridOf(h)?.id ?? -1) ?? null;
      const members = householdMembers(rng);
      const familyName = rng.pick(SURNAMES);
      const movedInOn = dayOffset(today, -rng.int(200, 9000));
      for (const [i, m] of members.entries()) {
        const n = people.length;
        const birth = dayOffset(today, -(m.age * 365 + rng.int(10, 350)));
        const { id } = fictionalIdNumber(birth, 2 * n + (m.male ? 1 : 0));
        // 高龄 by the birth date the ID number carries, so the tag and the age shown always agree.
        if (birth <= `${Number(today.slice(0, 4)) - 80}${today.slice(4)}`) m.tags.push('elderly_80');
        const care = careOf(m);
        const every = care ? VISIT_EVERY[care.level] : 0;
        const setOn = dayOffset(today, -rng.int(every + 5, every + 120));
        // Visits so far: the last one a fraction of the interval ago, so some are overdue, some due soon, most fine.
        const lastAgo = Math.round(every * rng.pick([0.3, 0.6, 0.9, 1.2, 1.6])) + rng.int(0, 3);
        const visits =
          care && worker
            ? [lastAgo + every, lastAgo].map((ago, k) => ({
                visitorUserId: worker,
                visitedOn: dayOffset(today, -ago),
                note: VISIT_NOTES[(n + k) % VISIT_NOTES.length]!,
              }))
            : [];
        people.push({
          name: fictionalName(rng, m.surname === 'family' || i === 0 ? familyName : undefined),
          idNumber: id,
          phone: m.age >= 16 && rng.chance(0.85) ? fictionalPhone(20_000 + n) : null,
          residenceType: m.residence ?? (rng.chance(0.8) ? 'registered' : 'permanent'),
          household: { id: h.id, path: h.path },
          movedInOn,
          tags: m.tags,
          care: care ? { ...care, assigneeUserId: worker, setOn } : null,
          visits,
        });
      }
    }
    await loadResidents(tx, crypto, today, now, people);
    return { households: households.length, residents: people.length, withCare: people.filter((p) => p.care).length };
  });
}
