// Units' records (单位履职记录): for each partner unit a reader may see, what it did — its agreements and what it
// committed, projects handed to it, micro-wishes its people claimed, their volunteer hours — and which of its party
// members reported in; a unit that never showed up is marked 未开展服务. Everything counted lies in the reader's scope.
import { and, sql } from 'drizzle-orm';
import type { UnitRecord, UnitSummary } from '../../../contracts/cobuild';
import type { PlatformDeps } from '../../platform/deps';
import type { Exec } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { scope, type Actor } from '../../platform/policy';
import { cobuildPolicy } from './policy';
import { loadAgreements, loadMembers } from './service';
import { cobuildAgreements as ag, cobuildMembers as mb } from './tables';
import { unitsRepo, type ScopeAt } from './units-repo';

type Deps = Pick<PlatformDeps, 'db' | 'clock'>;

const DONE = new Set(['done', 'rated']);
const time = (d: Date | string | null | undefined) => (d == null ? 0 : new Date(d).getTime());

export function createUnits({ db, clock }: Deps) {
  const at =
    (actor: Actor): ScopeAt =>
    (cols) =>
      scope(actor, cobuildPolicy, 'records', cols);

  async function record(exec: Exec, actor: Actor, org: { id: number; name: string; kind: string }) {
    const where = at(actor);
    const agreements = await loadAgreements(
      exec,
      and(
        unitsRepo.agreementsOf(org.id),
        where({ path: sql`${ag.nodePath}`, organisationId: sql`${ag.organisationId}` }),
      )!,
    );
    const members = await loadMembers(
      exec,
      and(
        unitsRepo.membersOf(org.id),
        where({ path: sql`${mb.nodePath}`, organisationId: sql`${mb.unitOrganisationId}` }),
      )!,
    );
    const projects = await unitsRepo.projects(exec, org.id, where);
    const names = await unitsRepo.communityNames(exec, [...new Set(projects.map((p) => p.communityId))]);
    const wishes = await unitsRepo.wishes(exec, org.id, where);
    const hours = await unitsRepo.hours(exec, org.id, where);
    const now = clock.now().getTime();
    const done = projects.filter((p) => DONE.has(p.status));
    const last = Math.max(...done.map((p) => time(p.doneAt)), time(wishes.last), time(hours.last));
    const unit: UnitSummary = {
      organisationId: org.id,
      name: org.name,
      kind: org.kind,
      communities: [...new Set(agreements.map((a) => a.communityName))],
      agreements: agreements.length,
      members: members.length,
      projectsDone: done.length,
      projectsOpen: projects.length - done.length,
      claims: wishes.claims,
      wishesFulfilled: wishes.fulfilled,
      hours: Number(hours.hours),
      lastActiveAt: last > 0 ? new Date(last).toISOString() : null,
      noActivity: done.length === 0 && wishes.claims === 0 && Number(hours.hours) === 0,
    };
    return {
      unit,
      agreements,
      members,
      projects: projects.map((p) => ({
        id: p.id,
        title: p.title,
        communityName: names.get(p.communityId) ?? '',
        status: p.status as UnitRecord['projects'][number]['status'],
        dueAt: p.dueAt.toISOString(),
        doneAt: p.doneAt?.toISOString() ?? null,
        rating: p.rating,
        overdue: (p.status === 'dispatched' || p.status === 'taken') && p.dueAt.getTime() < now,
      })),
    } satisfies UnitRecord;
  }

  return {
    /** The units the reader sees, each with its record's figures; those that never showed up first. */
    async units(actor: Actor): Promise<{ items: UnitSummary[] }> {
      const ids = await unitsRepo.unitIds(db, at(actor), 200);
      const items: UnitSummary[] = [];
      for (const id of ids) {
        const org = await unitsRepo.organisation(db, id);
        if (org) items.push((await record(db, actor, org)).unit);
      }
      items.sort((a, b) => Number(b.noActivity) - Number(a.noActivity) || a.name.localeCompare(b.name, 'zh-CN'));
      return { items };
    },

    /** One unit's record; a unit the reader sees nothing of is not found. */
    async unit(actor: Actor, id: number): Promise<UnitRecord> {
      const [seen] = await unitsRepo.unitIds(db, at(actor), 1, id);
      const org = seen != null ? await unitsRepo.organisation(db, seen) : null;
      if (!org) throw new AppError('not_found');
      return record(db, actor, org);
    },
  };
}
export type Units = ReturnType<typeof createUnits>;
