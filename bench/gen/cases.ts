// A year of cases: daily volume by season and weekday, channel, category, grid and hour, then each case's life, in id order.
import { dayOf, dayStart, HOUR, type WorkClock } from './clock';
import { lifecycle, type Category, type Intake } from './lifecycle';
import { weighted, type Rng } from '../../server/seed/rng';
import type { Cell, Sink } from './sink';
import { T } from './tables';
import type { City, Department, Grid } from './territory';
import { CATEGORY_MIX, CHANNEL_MIX, HOURLY, MONTH_VOLUME, PHRASES, SEASONAL, type Channel } from './words';

export type CaseCounts = { cases: number; events: number; participants: number; open: number; overdue: number };

const monthOf = (day: number) => new Date(dayStart(day) + 8 * HOUR).getUTCMonth();

/** The handler the responsibility list names for a sub-class: its own rule first, then its class's. */
function handlerLookup(city: City): (code: string, grid: Grid) => Department | 'property' | null {
  const byCode = new Map<string, Department>();
  for (const d of city.departments) for (const c of d.codes) byCode.set(c, d);
  return (code) => byCode.get(code) ?? byCode.get(code.slice(0, 3)) ?? (code.startsWith('C02') ? 'property' : null);
}

/** Generates `total` cases reported in [from, to) China days and writes them, with their events and participants. */
export async function generateCases(
  sink: Sink,
  rng: Rng,
  city: City,
  categories: Map<string, Category>,
  clock: WorkClock,
  o: { total: number; from: number; to: number; asOf: number; log: (msg: string) => void },
): Promise<CaseCounts> {
  const counts: CaseCounts = { cases: 0, events: 0, participants: 0, open: 0, overdue: 0 };
  const firstDay = dayOf(o.from);
  const days = dayOf(o.to) - firstDay;
  const weekday = (d: number) => new Date(dayStart(d) + 12 * HOUR).getUTCDay() % 6 !== 0;
  const dayWeight = (d: number) => MONTH_VOLUME[monthOf(d)]! * (clock.isWorkday(d) ? 1 : weekday(d) ? 0.75 : 0.85);
  const weights = Array.from({ length: days }, (_, i) => dayWeight(firstDay + i));
  const sum = weights.reduce((a, b) => a + b, 0);

  // Some grids are busier than others (markets, old estates): a log-normal activity per grid.
  const gridPick = weighted(city.grids.map((g) => [g, rng.logNormal(1, 0.35)] as const));
  const hourPick = Object.fromEntries(
    CHANNEL_MIX.map(([ch]) => [ch, weighted(HOURLY[ch].map((w, h) => [h, w] as const))]),
  ) as Record<Channel, (r: number) => number>;
  const categoryPick = new Map<string, (r: number) => string>();
  for (const [ch] of CHANNEL_MIX) {
    for (let m = 0; m < 12; m++) {
      const mix = CATEGORY_MIX[ch]
        .filter(([code]) => categories.has(code))
        .map(([code, w]) => [code, w * (SEASONAL[code]?.[m] ?? 1)] as const);
      categoryPick.set(`${ch}:${m}`, weighted(mix));
    }
  }
  const patrol = patrolWeight(weights.reduce((a, w, i) => a + (clock.isWorkday(firstDay + i) ? w : 0), 0) / sum);
  const channelOn = (workday: boolean) =>
    weighted(CHANNEL_MIX.map(([ch, w]) => [ch, ch === 'patrol' ? patrol * (workday ? 1 : REST_PATROL) : w] as const));
  const channelPick = { work: channelOn(true), rest: channelOn(false) };

  let id = 0;
  let eventId = 0;
  let carried = 0;
  const ctx = { rng, clock, asOf: o.asOf, nextEventId: () => ++eventId, handlerOf: handlerLookup(city) };
  for (let i = 0; i < days; i++) {
    const day = firstDay + i;
    // Cumulative rounding: the daily counts add up to exactly `total`.
    const exact = (o.total * weights[i]!) / sum + carried;
    const n = Math.round(exact);
    carried = exact - n;
    const month = monthOf(day);
    const pickChannel = clock.isWorkday(day) ? channelPick.work : channelPick.rest;
    const intakes: Omit<Intake, 'id'>[] = [];
    for (let k = 0; k < n; k++) {
      const channel = pickChannel(rng.next());
      const at = dayStart(day) + hourPick[channel](rng.next()) * HOUR + Math.floor(rng.next() * HOUR);
      const category = categories.get(categoryPick.get(`${channel}:${month}`)!(rng.next()))!;
      const grid = gridPick(rng.next());
      const [w, s, e, north] = grid.box;
      const place = rng.pick(grid.places);
      const description = rng.pick(PHRASES[category.code] ?? ['{p}需要处理']).replace('{p}', place);
      intakes.push({
        at,
        channel,
        category,
        grid,
        description,
        lat: s + (north - s) * (0.02 + 0.96 * rng.next()),
        lng: w + (e - w) * (0.02 + 0.96 * rng.next()),
      });
    }
    intakes.sort((a, b) => a.at - b.at);
    const rows: Cell[][] = [];
    const events: Cell[][] = [];
    const participants: Cell[][] = [];
    for (const intake of intakes) {
      const g = lifecycle(ctx, { ...intake, id: ++id });
      rows.push(g.row);
      for (const e of g.events) events.push(e);
      for (const p of g.participants) participants.push(p);
      if (!['closed', 'voided', 'shelved'].includes(g.row[10] as string)) counts.open++;
      if (g.row[24] != null) counts.overdue++;
    }
    await sink.write(T.cases, rows);
    await sink.write(T.events, events);
    const unique = dedupe(participants);
    await sink.write(T.participants, unique);
    counts.cases += rows.length;
    counts.events += events.length;
    counts.participants += unique.length;
    if ((i + 1) % 30 === 0 || i === days - 1)
      o.log(`  cases: ${counts.cases.toLocaleString('en')} of ${o.total.toLocaleString('en')} (${i + 1}/${days} days)`);
  }
  return counts;
}

/** Grid workers patrol less on rest days; on those days patrol weighs this share of its working-day weight. */
const REST_PATROL = 0.4;

/** The working-day weight of patrol that makes the whole year come out at the patrol share of CHANNEL_MIX. */
function patrolWeight(workdayShare: number): number {
  const others = CHANNEL_MIX.reduce((a, [ch, w]) => a + (ch === 'patrol' ? 0 : w), 0);
  const want =
    CHANNEL_MIX.find(([ch]) => ch === 'patrol')![1] / (others + CHANNEL_MIX.find(([ch]) => ch === 'patrol')![1]);
  const share = (p: number) =>
    workdayShare * (p / (p + others)) + (1 - workdayShare) * ((REST_PATROL * p) / (REST_PATROL * p + others));
  let [lo, hi] = [0, 1000];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (share(mid) < want) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A case returned to and re-sent to the same organisation keeps one participant row (the primary key is case + organisation). */
function dedupe(rows: Cell[][]): Cell[][] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r[0]}:${r[1]}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
