// The one way points come into a holder's account from a community (awards and grants): the community's rule prices
// the source, and a movement from its issuing account to the holder is posted once per key, with the rule's expiry.
import type { PointsAward } from '../../../contracts/points';
import type { Clock } from '../../platform/clock';
import type { Exec } from '../../platform/db';
import { fieldError } from '../../platform/errors';
import { pointsRepo, type RuleRow } from './repo';

/** The rule of a community that never set one. */
export const DEFAULT_RULE = {
  hourRates: { default: 10 } as Record<string, number>,
  wishFulfilled: 20,
  participation: 5,
  projectDone: 50,
  expiryMonths: null as number | null,
  poolingAllowed: false,
};

const addMonths = (d: Date, n: number) => {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() + n);
  return x;
};

/** What a source is worth under a rule: hours × the activity type's rate (or the default), else the fixed grant. */
export function price(
  rule: Pick<RuleRow, 'hourRates' | 'wishFulfilled' | 'participation' | 'projectDone'>,
  a: Pick<PointsAward, 'source' | 'quantity' | 'activityType'>,
) {
  switch (a.source) {
    case 'volunteer_hours': {
      const typed = a.activityType ? rule.hourRates[a.activityType] : undefined;
      const rate = typed ?? rule.hourRates.default ?? 10;
      return Math.round(a.quantity * rate);
    }
    case 'wish_fulfilled':
      return Math.round(a.quantity * rule.wishFulfilled);
    case 'participation':
      return Math.round(a.quantity * rule.participation);
    case 'project_done':
      return Math.round(a.quantity * rule.projectDone);
  }
}

/** A community's rule, or the default one. */
export async function ruleOf(exec: Exec, communityId: number): Promise<RuleRow> {
  const r = await pointsRepo.rule(exec, communityId);
  return r ?? { nodeId: communityId, ...DEFAULT_RULE, updatedAt: new Date(0) };
}

/** The community `id` names, or a 400 naming `field`. */
export async function communityNode(exec: Exec, id: number, field = 'communityId') {
  const n = await pointsRepo.node(exec, id);
  if (!n || n.kind !== 'community') throw fieldError(field, 'not a community');
  return n;
}

/** Credits `points` from the community's issuing account to the user, with the rule's expiry; once per key. */
export async function credit(
  exec: Exec,
  clock: Clock,
  v: {
    kind: 'award' | 'grant';
    key: string;
    communityId: number;
    userId: number;
    points: number;
    memo: string;
    source: string;
    sourceRef: { kind: string; id: number } | null;
    actorId: number | null;
    rule: RuleRow;
  },
) {
  const now = clock.now();
  const issuing = await pointsRepo.account(exec, 'issuing', { nodeId: v.communityId });
  const holder = await pointsRepo.account(exec, 'user', { userId: v.userId });
  const expiresAt = v.rule.expiryMonths ? addMonths(now, v.rule.expiryMonths) : null;
  return pointsRepo.post(
    exec,
    {
      kind: v.kind,
      key: v.key,
      nodeId: v.communityId,
      memo: v.memo,
      source: v.source,
      sourceRef: v.sourceRef,
      actorId: v.actorId,
      at: now,
    },
    [
      { accountId: issuing, amount: -v.points },
      { accountId: holder, amount: v.points, expiresAt },
    ],
  );
}
