// One case's life as the app records it (intake to rating, with returns, extensions, rework, escalations), cut off at "now".
import type { StageLimit } from '../../server/modules/cases/tables';
import { createPersonalCrypto, sealPhoneNumber } from '../../server/platform/crypto';
import { chinaYmd, DAY, HOUR, iso, type WorkClock } from './clock';
import type { Rng } from '../../server/seed/rng';
import type { Cell } from './sink';
import type { Department, Grid, Person } from './territory';
import { REPLIES, type Channel } from './words';

export type Category = { code: string; triage: string; limits: Record<string, StageLimit> };
export type Ctx = {
  rng: Rng;
  clock: WorkClock;
  asOf: number;
  nextEventId: () => number;
  handlerOf: (code: string, grid: Grid) => Department | 'property' | null;
};
export type Intake = {
  id: number;
  at: number;
  channel: Channel;
  category: Category;
  grid: Grid;
  description: string;
  lat: number;
  lng: number;
};
export type Generated = { row: Cell[]; events: Cell[][]; participants: Cell[][] };

const OPEN_STAGE: Record<string, string> = {
  reported: 'register',
  registered: 'dispatch',
  dispatched: 'accept',
  handling: 'handle',
  replied: 'verify',
};
const SYSTEM: Person | null = null;
// The bench city is sealed with the development key, as bench/gen/people.ts does (the bench server runs without DATA_KEY).
const crypto = createPersonalCrypto(undefined);

/** Generates the case row, its timeline and its participants. */
export function lifecycle(ctx: Ctx, c: Intake): Generated {
  const { rng, clock, asOf } = ctx;
  const events: Cell[][] = [];
  const participants: Cell[][] = [];
  const g = c.grid;
  const s = {
    status: 'reported',
    version: 1,
    stage: c.at,
    due: null as number | null,
    overdue: null as number | null,
    level: 0,
    ext: 0,
    ret: 0,
    rework: 0,
    urge: 0,
    rating: null as string | null,
    comment: null as string | null,
    review: false,
    registered: null as number | null,
    dispatched: null as number | null,
    closed: null as number | null,
    onTime: null as boolean | null,
    shelved: null as number | null,
    org: null as number | null,
    node: null as number | null,
    suggested: null as number | null,
    triage: c.category.triage,
    updated: c.at,
    selfHandled: false,
  };
  const ev = (
    at: number,
    who: Person | null,
    action: string,
    to: string | null,
    note: string | null = null,
    data: object | null = null,
    who2?: string,
  ) => {
    const from = action === 'report' ? null : s.status;
    events.push([
      ctx.nextEventId(),
      c.id,
      iso(at),
      who?.id ?? null,
      who?.name ?? who2 ?? null,
      action,
      from,
      to ?? s.status,
      note,
      data ? JSON.stringify(data) : null,
    ]);
    if (action !== 'escalate') s.updated = Math.max(s.updated, at);
    if (to && to !== s.status) {
      s.status = to;
      s.stage = at;
      s.overdue = null;
    }
    if (action !== 'report' && action !== 'escalate' && action !== 'self_handle') s.version++;
  };
  /** Leaves the case open in its current stage: its deadline, and the escalation the overdue job would have made. */
  const open = () => {
    s.due = clock.due(s.stage, c.category.limits[OPEN_STAGE[s.status] ?? '']);
    if (s.due != null && s.due < asOf) escalate(s.due, true);
    return done();
  };
  const escalate = (at: number, stays: boolean) => {
    s.level++;
    ev(at, SYSTEM, 'escalate', s.status, null, { level: s.level, dueAt: iso(at) });
    if (stays) s.overdue = at;
  };
  const done = (): Generated => ({
    row: [
      c.id,
      `${chinaYmd(c.at)}${String(c.id).padStart(6, '0')}`,
      c.channel,
      c.category.code,
      c.description,
      c.lat,
      c.lng,
      null,
      g.id,
      g.path,
      s.status,
      s.triage,
      s.org,
      s.node,
      s.suggested,
      reporter?.id ?? null,
      reporterName,
      phone.cipher,
      phone.hash,
      phone.tail,
      false,
      s.selfHandled,
      externalRef,
      s.version,
      iso(s.stage),
      s.due == null ? null : iso(s.due),
      s.overdue == null ? null : iso(s.overdue),
      s.level,
      s.ext,
      s.ret,
      s.rework,
      s.urge,
      s.rating,
      s.comment,
      s.review,
      s.registered && iso(s.registered),
      s.dispatched && iso(s.dispatched),
      s.closed && iso(s.closed),
      s.onTime,
      s.shelved && iso(s.shelved),
      iso(c.at),
      iso(s.updated),
    ],
    events,
    participants,
  });

  // Who reported: the grid worker on patrol, the community's operator for the 12345 hotline, a resident, or a sensor.
  const citizen = `${rng.pick(['王', '李', '张', '刘', '陈'])}先生`;
  const reporter: Person | null =
    c.channel === 'patrol' ? g.worker : c.channel === 'hotline' ? g.community.worker : null;
  const reporterName = c.channel === 'patrol' ? g.worker.name : c.channel === 'sensor' ? null : citizen;
  const reporterPhone =
    c.channel === 'resident' || c.channel === 'hotline'
      ? `1${rng.int(30, 99)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`
      : null;
  const phone = sealPhoneNumber(crypto, reporterPhone);
  const externalRef = c.channel === 'hotline' ? `12345-${c.id}` : c.channel === 'sensor' ? `IOT-${c.id}` : null;
  ev(
    c.at,
    reporter,
    'report',
    'reported',
    c.description,
    { channel: c.channel },
    c.channel === 'sensor' ? 'IoT 感知平台' : citizen,
  );

  if (c.channel === 'patrol' && rng.chance(0.4)) {
    ev(c.at, reporter, 'self_handle', 'closed');
    Object.assign(s, { selfHandled: true, closed: c.at, onTime: true });
    return done();
  }
  const dispatcher = g.community.worker;
  let t = clock.after(c.at, rng.logNormal(25, 0.8));
  if (t > asOf) return open();
  if (rng.chance(0.03)) {
    ev(t, dispatcher, 'void', 'voided', '重复上报，已合并处理');
    return done();
  }
  ev(t, dispatcher, 'register', 'registered');
  s.registered = t;

  // Dispatch to the organisation the responsibility list names, or keep small and private matters in the community.
  const handler = ctx.handlerOf(c.category.code, g);
  const orgOf = (h: Department | 'property' | null) =>
    h === 'property'
      ? { id: g.community.property.id, staff: g.community.property.staff }
      : h
        ? { id: h.id, staff: h.handler }
        : null;
  let target = orgOf(handler);
  s.suggested = target?.id ?? null;
  const selfCommunity = c.category.triage === 'private' || (c.category.triage === 'minor' && rng.chance(0.3));
  let worker: Person = target?.staff ?? dispatcher;
  const dispatch = (at: number, org: { id: number; staff: Person } | null) => {
    s.org = selfCommunity || !org ? null : org.id;
    s.node = s.org ? null : c.category.triage === 'private' ? g.id : g.community.id;
    worker = s.org ? org!.staff : s.node === g.id ? g.worker : dispatcher;
    if (s.org) participants.push([c.id, s.org, 'assignee', null]);
    s.dispatched = at;
    ev(at, dispatcher, 'dispatch', 'dispatched', null, {
      triage: s.triage,
      assigneeOrganisationId: s.org,
      assigneeNodeId: s.node,
      suggestedOrganisationId: s.suggested,
      overrideReason: s.org === s.suggested ? null : '社区自行处置',
    });
  };
  t = clock.after(t, rng.logNormal(20, 0.8));
  if (t > asOf) return open();
  dispatch(t, target);
  t = clock.after(t, rng.logNormal(30, 0.9));
  if (t > asOf) return open();
  if (s.org && rng.chance(0.04)) {
    ev(t, worker, 'return', 'registered', '不属于本单位职责', { from: s.org });
    s.ret++;
    s.org = s.node = null;
    t = clock.after(t, rng.logNormal(40, 0.7));
    if (t > asOf) return open();
    target = orgOf(rng.pick(['property', null] as const));
    dispatch(t, target);
    t = clock.after(t, rng.logNormal(30, 0.9));
    if (t > asOf) return open();
  }
  ev(t, worker, 'accept', 'handling');
  let due = clock.due(t, c.category.limits.handle) ?? t + 3 * DAY;
  const stuck = rng.chance(0.01);
  const shelveUntil = t + rng.int(60, 150) * DAY;
  const shelveAt = clock.after(t, 120);
  if (!stuck && shelveUntil > asOf && shelveAt < asOf && t > asOf - 90 * DAY && rng.chance(0.003)) {
    ev(shelveAt, dispatcher, 'shelve', 'shelved', '需协调专项资金，暂缓办理', {
      reviewOn: iso(shelveUntil).slice(0, 10),
    });
    s.shelved = shelveUntil;
    return done();
  }
  const asked = t + (due - t) * 0.5;
  const decided = clock.after(asked, rng.logNormal(60, 0.6));
  // An extension still waiting for its decision at "now" is left out: the generator writes no pending-extension fields.
  if (decided < asOf && rng.chance(0.03)) {
    const days = rng.int(3, 10);
    ev(asked, worker, 'request_extension', null, '需采购配件，申请延期', { workingDays: days });
    const approve = rng.chance(0.85);
    if (approve) {
      due = clock.due(due + (decided - asked), { amount: days, unit: 'working_days' }) ?? due;
      s.ext++;
    }
    ev(decided, dispatcher, 'decide_extension', null, null, {
      approve,
      workingDays: approve ? days : 0,
      dueAt: iso(due),
    });
  }
  const share = stuck
    ? 3 + rng.next() * 20
    : rng.chance(0.88)
      ? 0.1 + rng.next() * 0.85
      : 1.05 + rng.logNormal(0.4, 0.6);
  const replyAt = t + (due - t) * share;
  if (replyAt > due && due < asOf) {
    escalate(due, replyAt > asOf);
    for (let u = due + rng.int(1, 3) * DAY; u < Math.min(replyAt, asOf) && s.urge < 3; u += rng.int(2, 5) * DAY) {
      ev(u, g.street.officer, 'urge', null, '请加快办理');
      s.urge++;
    }
  }
  if (replyAt > asOf) {
    s.due = due;
    if (s.overdue == null && due < asOf) s.overdue = due;
    return done();
  }
  ev(replyAt, worker, 'reply', 'replied', rng.pick(REPLIES));
  s.onTime = replyAt <= due;
  t = clock.after(replyAt, rng.logNormal(90, 0.9));
  if (t > asOf) return open();
  if (rng.chance(0.05)) {
    ev(t, g.worker, 'verify', 'handling', '现场核查未整改到位', { pass: false });
    Object.assign(s, { rework: 1, onTime: null });
    const again = t + Math.max(2 * HOUR, (due - t) * 0.3);
    if (again > asOf) {
      s.due = due;
      return done();
    }
    ev(again, worker, 'reply', 'replied', '已返工整改');
    s.onTime = again <= due;
    t = clock.after(again, rng.logNormal(90, 0.9));
    if (t > asOf) return open();
  }
  ev(t, g.worker, 'verify', 'closed', '核查通过', { pass: true });
  s.closed = t;
  if ((c.channel === 'resident' || c.channel === 'hotline') && rng.chance(0.65)) {
    const at = t + rng.logNormal(20, 0.7) * HOUR;
    if (at < asOf) {
      const r = rng.next();
      const rating = r < 0.8 ? 'satisfied' : r < 0.94 ? 'basically_satisfied' : 'unsatisfied';
      ev(at, reporter, 'rate', null, rating === 'unsatisfied' ? '处理不彻底' : null, { rating }, citizen);
      Object.assign(s, {
        rating,
        comment: rating === 'unsatisfied' ? '处理不彻底' : null,
        review: rating === 'unsatisfied',
      });
    }
  }
  return done();
}
