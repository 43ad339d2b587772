// Stage time (环节用时) kept on the case: each transition adds the time spent in the status it leaves to that stage's
// total and stamps when the stage was left. The metrics medians read these columns (see metrics/formulas.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { STAGE_OF, type CaseStatus } from '../../../contracts/cases';
import type { Exec } from '../../platform/db';
import type { CaseRow } from './repo';

type Timed = Pick<CaseRow, 'status' | 'stageStartedAt' | 'dispatchSecs' | 'acceptSecs' | 'handleSecs' | 'verifySecs'>;
export type StageTimePatch = Partial<
  Pick<
    CaseRow,
    | 'dispatchSecs'
    | 'dispatchLeftAt'
    | 'acceptSecs'
    | 'acceptLeftAt'
    | 'handleSecs'
    | 'handleLeftAt'
    | 'verifySecs'
    | 'verifyLeftAt'
  >
>;

/** The columns to set when the case leaves its current status at `now` (nothing for statuses without a measured stage). */
export function leaveStage(c: Timed, now: Date): StageTimePatch {
  const stage = STAGE_OF[c.status as CaseStatus];
  if (!c.stageStartedAt || !stage || stage === 'register') return {};
  const secs = Math.max(0, (now.getTime() - c.stageStartedAt.getTime()) / 1000);
  switch (stage) {
    case 'dispatch':
      return { dispatchSecs: (c.dispatchSecs ?? 0) + secs, dispatchLeftAt: now };
    case 'accept':
      return { acceptSecs: (c.acceptSecs ?? 0) + secs, acceptLeftAt: now };
    case 'handle':
      return { handleSecs: (c.handleSecs ?? 0) + secs, handleLeftAt: now };
    case 'verify':
      return { verifySecs: (c.verifySecs ?? 0) + secs, verifyLeftAt: now };
  }
}

/**
 * Rebuilds the stage-time columns of every case from its timeline. The statement is the first one of the migration that
 * backfilled the columns (one source); loaders that write cases and events directly (the benchmark city, test fixtures)
 * call this after loading.
 */
export async function recomputeStageTimes(exec: Exec): Promise<void> {
  const file = fileURLToPath(new URL('../../migrations/0017_stage_times_backfill.sql', import.meta.url));
  const [backfill] = readFileSync(file, 'utf8').split('--> statement-breakpoint');
  await exec.execute(sql.raw(backfill!));
}
