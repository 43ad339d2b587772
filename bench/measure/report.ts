// docs/benchmarks.md: each run replaces its own section (between bench markers) and leaves the rest of the file alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Raw } from './raw';
import type { Row, SuiteResult } from './common';

export type Dataset = {
  label: string;
  cases: number;
  open: number;
  overdue: number;
  events: number;
  participants: number;
  households: number;
  grids: number;
};

const HEADER = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); each section is replaced by the run that wrote it, everything outside the
section markers is kept. The dataset comes from \`bench/generate.ts\` (a synthetic district, fictional region code
990201). "Raw SQL baseline" is the same SQL the app sends, captured from the app's own services (for intake: the same
statements in the same transaction, see bench/measure/raw-intake.ts), sent through a plain driver with no HTTP, no
validation and no policy, in the same run. "Ratio" is Jiayuan divided by the baseline. Targets (issue "City-scale
proof") apply to a PostgreSQL server holding at least 1,000,000 cases.

## Runs
`;

export function machine(): string {
  const cpu = existsSync('/proc/cpuinfo')
    ? (/^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown')
    : os.cpus()[0]?.model;
  return `${os.availableParallelism()} cores (nproc), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${cpu}; Node ${process.version}`;
}

/** What database answered, with the server settings that matter most for these figures. */
export async function databaseLine(raw: Raw, kind: 'embedded' | 'server'): Promise<string> {
  if (kind === 'embedded') {
    const v = (
      JSON.parse(
        readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
      ) as { version: string }
    ).version;
    return `PGlite ${v}, embedded in the server process (planner statistics refreshed at start, as server/main.ts does)`;
  }
  const r = await raw.query(
    `select current_setting('server_version') as v, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm, current_setting('effective_cache_size') as ecs, current_setting('max_wal_size') as mws`,
  );
  const x = r.rows[0] as { v: string; sb: string; wm: string; ecs: string; mws: string };
  const tuned = x.sb === '128MB' ? 'Debian defaults' : 'sized as in docs/deployment.md';
  return `PostgreSQL ${x.v} on 127.0.0.1 (${tuned}: shared_buffers ${x.sb}, work_mem ${x.wm}, effective_cache_size ${x.ecs}, max_wal_size ${x.mws}); app pool 10 connections`;
}

/** Counts of the dataset as found in the database. */
export async function dataset(raw: Raw): Promise<Dataset> {
  const r = await raw.query(`select obj_description('cases'::regclass) as label,
    (select count(*)::int from cases) as cases,
    (select count(*)::int from cases where status in ('reported','registered','dispatched','handling','replied')) as open,
    (select count(*)::int from cases where overdue_since is not null) as overdue,
    (select count(*)::int from case_events) as events, (select count(*)::int from case_participants) as participants,
    (select count(*)::int from territory_nodes where kind = 'household') as households,
    (select count(*)::int from territory_nodes where kind = 'grid') as grids`);
  const x = r.rows[0] as Dataset;
  return { ...x, label: x.label?.replace('jiayuan bench dataset: ', '') ?? 'not made by bench/generate.ts' };
}

const n = (x: number) => x.toLocaleString('en');

export function section(
  key: string,
  title: string,
  o: {
    db: string;
    data: Dataset;
    command: string;
    load: string;
    started: Date;
    loadavg: [number, number];
    result: SuiteResult;
  },
): string {
  const d = o.data;
  const row = (r: Row) => `| ${r.what} | ${r.http} | ${r.raw} | ${r.ratio} | ${r.target} |`;
  return [
    `<!-- bench:${key} -->`,
    `### ${title}`,
    '',
    `- **When:** ${o.started.toISOString().slice(0, 16).replace('T', ' ')} UTC; 1-minute load average ${o.loadavg[0].toFixed(1)} at start, ${o.loadavg[1].toFixed(1)} at end (the machine is shared with other sessions' builds and tests)`,
    `- **Machine:** ${machine()}`,
    `- **Database:** ${o.db}`,
    `- **Dataset:** ${d.label}: ${n(d.cases)} cases (${n(d.open)} open, ${n(d.overdue)} with overdue_since), ${n(d.events)} case events, ${n(d.participants)} participants, ${n(d.households)} households in ${n(d.grids)} grids`,
    `- **Command:** \`${o.command}\``,
    `- **Load:** ${o.load}`,
    '',
    '| Benchmark | Jiayuan | Raw SQL baseline | Ratio | Target |',
    '| --- | --- | --- | --- | --- |',
    ...o.result.rows.map(row),
    '',
    ...o.result.notes.map((x) => `- ${x}`),
    `<!-- /bench:${key} -->`,
  ].join('\n');
}

/** Replaces the section `key` in the file, or adds it before "## Findings" (or at the end). */
export function upsert(file: string, key: string, text: string): void {
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const start = `<!-- bench:${key} -->`;
  const end = `<!-- /bench:${key} -->`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + text + doc.slice(b + end.length);
  else {
    const at = doc.indexOf('\n## Findings');
    doc = at >= 0 ? `${doc.slice(0, at)}\n${text}\n${doc.slice(at)}` : `${doc.trimEnd()}\n\n${text}\n`;
  }
  writeFileSync(file, doc);
}
