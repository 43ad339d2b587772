// How deliberation records leave the server: proposals (the author's name for staff only), councils with their
// next meeting days, tallies, and resolutions as published (公示: no personal data).
import rrule from 'rrule';
import type { z } from 'zod';
import type { Proposal, Tally } from '../../../contracts/deliberation';
import type { Actor } from '../../platform/policy';
import { redactPersonalText } from '../../platform/redact';
import type { CouncilRow, ProposalRow } from './repo';

// rrule ships CommonJS to Node: its default export holds the classes.
const { RRule } = rrule;
const CHINA = 8 * 3_600_000;

export function toProposal(
  p: ProposalRow,
  actor: Actor,
  marks: { supported: Set<number>; followed: Set<number> },
  staff: boolean,
): z.infer<typeof Proposal> {
  const mine = p.authorUserId === actor.userId;
  return {
    id: p.id,
    kind: p.kind as 'proposal',
    category: p.category as 'other',
    title: staff || mine ? p.title : redactPersonalText(p.title),
    text: staff || mine ? p.text : redactPersonalText(p.text),
    photos: p.photos,
    nodeId: p.nodeId,
    nodeName: p.nodeName,
    place: p.place,
    status: p.status as 'open',
    supports: p.supports,
    overdueForAgenda: p.overdue,
    onPaper: p.filedByUserId != null,
    filedByName: staff ? p.filedByName : null,
    authorName: staff || mine ? p.authorName : null,
    answer: p.answer,
    caseId: p.caseId,
    councilId: p.councilId,
    createdAt: p.createdAt.toISOString(),
    supportedByMyHousehold: marks.supported.has(p.id),
    followedByMe: marks.followed.has(p.id),
    mine,
  };
}

export const LEVEL_OF_KIND: Record<string, 'grid' | 'community' | 'street'> = {
  grid: 'grid',
  estate: 'grid',
  community: 'community',
  street: 'street',
};

/** The next `n` meeting days (China dates) of a council's RRULE from `now`; none when it has no rule. */
export function nextMeetingDays(rule: string | null, now: Date, n = 3): string[] {
  if (!rule) return [];
  // Days are counted in China time: the rule runs on a floating date, read back as a China date.
  const startChina = new Date(now.getTime() + CHINA);
  const dtstart = new Date(Date.UTC(startChina.getUTCFullYear(), startChina.getUTCMonth(), startChina.getUTCDate()));
  const r = new RRule({ ...RRule.parseString(rule), dtstart });
  return r.all((_, i) => i < n).map((d) => d.toISOString().slice(0, 10));
}

/** Whether an RRULE parses and yields days (a council's meeting days). */
export function validMeetingRule(rule: string): boolean {
  try {
    return nextMeetingDays(rule, new Date(), 1).length === 1;
  } catch {
    return false;
  }
}

export function tallyOf(counts: { choice: string; n: string }[], quorum: number): z.infer<typeof Tally> {
  const get = (c: string) => Number(counts.find((x) => x.choice === c)?.n ?? 0);
  const yes = get('yes');
  const no = get('no');
  const abstain = get('abstain');
  const ballots = yes + no + abstain;
  const quorumMet = ballots >= quorum;
  return { yes, no, abstain, ballots, quorum, quorumMet, passed: quorumMet && yes * 2 > ballots };
}

export const councilLevel = (c: CouncilRow) => LEVEL_OF_KIND[c.nodeKind] ?? 'community';
