// Plain words for residents: status colours, and which timeline steps and ratings have a sentence in the catalogue.
import type { CaseStatus, Rating } from '../../../contracts/cases';

export const STATUS_COLOUR: Record<CaseStatus, string> = {
  reported: 'blue',
  registered: 'blue',
  dispatched: 'geekblue',
  handling: 'orange',
  replied: 'gold',
  closed: 'green',
  shelved: 'default',
  voided: 'default',
};

export const RATINGS: readonly Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];

/** Timeline kinds the server sends (contracts/portal.ts MyStep.kind); anything else is worded as a generic update. */
export const STEP_KINDS = [
  'report',
  'self_handle',
  'register',
  'void',
  'dispatch',
  'accept',
  'reply',
  'verify_pass',
  'verify_fail',
  'shelve',
  'unshelve',
  'rate',
  'reopen',
  'support',
  'merged',
  'report_other',
  'rate_other',
  'support_mine',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const isStepKind = (k: string): k is StepKind => (STEP_KINDS as readonly string[]).includes(k);
