// What every benchmark shares: the options of a run, a row of the results table, number formats and saved query plans.
import { appendFileSync } from 'node:fs';
import { explain, type Captured, type Raw } from './raw';
import type { Latency, Load } from './stats';

export type Row = { what: string; http: string; raw: string; ratio: string; target: string };
export type SuiteOptions = {
  url?: string;
  password: string;
  /** Whether the targets apply (a PostgreSQL server with at least 1,000,000 cases). */
  targets: boolean;
  loadSeconds: number;
  inboxSeconds: number;
  connections: number[];
  plansFile: string;
  /** Which parts to run (inbox, metrics, intake); all when empty. */
  only: string[];
  log: (m: string) => void;
};
export type SuiteResult = { rows: Row[]; notes: string[] };

// NaN (no samples) arrives as null when a result crosses the process boundary as JSON.
const ms = (x: number | null) =>
  x == null || !Number.isFinite(x) ? '–' : x < 10 ? x.toFixed(1) : String(Math.round(x));
export const lat = (l: Latency) => `p50 ${ms(l.p50)} · p95 ${ms(l.p95)} · p99 ${ms(l.p99)} ms`;
export const rate = (l: Load) => `${Math.round(l.perSecond)}/s`;
export const verdict = (applies: boolean, ok: boolean, what: string) =>
  applies ? `${what}: ${ok ? '**met**' : '**not met**'}` : `${what}: n/a here`;

/** Appends EXPLAIN (ANALYZE, BUFFERS) of each statement to the plans file, for figures that miss their target. */
export async function savePlans(raw: Raw, file: string, title: string, statements: Captured[]) {
  for (const q of statements)
    appendFileSync(
      file,
      `\n## ${title}\n${q.text}\n-- params: ${JSON.stringify(q.params)}\n${await explain(raw, q)}\n`,
    );
}
